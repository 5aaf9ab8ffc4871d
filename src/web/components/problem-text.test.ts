import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { problemText, toNamePath } from './problem-text.ts';

describe('toNamePath', () => {
  it('drops the request part and turns indexes into numbers', () => {
    expect(toNamePath('body.username')).toEqual(['username']);
    expect(toNamePath('body.roles.0')).toEqual(['roles', 0]);
    expect(toNamePath('roles.1')).toEqual(['roles', 1]);
    expect(toNamePath('query.page')).toEqual(['page']);
    expect(toNamePath('bodyText')).toEqual(['bodyText']);
  });
});

describe('problemText', () => {
  it('shows title and detail once each', () => {
    expect(problemText(new ApiError({ type: 'x', title: '用户名或密码错误', status: 401, detail: '用户名或密码错误' }))).toBe('用户名或密码错误');
    expect(problemText(new ApiError({ type: 'x', title: '账户已临时锁定', status: 423, detail: '请于 10:00 后再试' }))).toBe('账户已临时锁定：请于 10:00 后再试');
    expect(problemText(new Error('boom'))).toBe('操作失败，请稍后重试');
  });
});
