import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, apiRequest, buildUrl, setCsrfToken, setUnauthorizedHandler } from './client.ts';

function respond(status: number, body?: unknown, contentType = 'application/problem+json') {
  const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => new Response(
    body === undefined ? null : JSON.stringify(body),
    { status, headers: { 'content-type': contentType } },
  ));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  setUnauthorizedHandler(null);
});

describe('buildUrl', () => {
  it('leaves out empty parameters', () => {
    expect(buildUrl('/api/v1/users', { page: 2, pageSize: 20, q: '', departmentId: undefined })).toBe('/api/v1/users?page=2&pageSize=20');
    expect(buildUrl('/api/v1/users', { q: '张 三' })).toBe('/api/v1/users?q=%E5%BC%A0+%E4%B8%89');
    expect(buildUrl('/api/health')).toBe('/api/health');
  });
});

describe('apiRequest', () => {
  it('sends the CSRF token on mutations only', async () => {
    setCsrfToken('csrf-1');
    const fetchMock = respond(200, { ok: true }, 'application/json');
    await apiRequest('GET', '/api/v1/users');
    await apiRequest('POST', '/api/v1/users', { body: { a: 1 } });
    const headersOf = (call: number) => fetchMock.mock.calls[call]?.[1]?.headers as Record<string, string>;
    expect(headersOf(0)['x-csrf-token']).toBeUndefined();
    expect(headersOf(1)['x-csrf-token']).toBe('csrf-1');
    expect(headersOf(1)['content-type']).toBe('application/json');
  });

  it('validates the response with the contract schema', async () => {
    respond(200, { n: 1 }, 'application/json');
    await expect(apiRequest('GET', '/x', { schema: z.object({ n: z.number() }) })).resolves.toEqual({ n: 1 });
    respond(200, { n: 'one' }, 'application/json');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(apiRequest('GET', '/x', { schema: z.object({ n: z.number() }) })).rejects.toMatchObject({ problem: { title: '服务器返回的数据格式不符合约定' } });
    warn.mockRestore();
  });

  it('turns problem+json into an ApiError with field errors', async () => {
    respond(409, { type: 'urn:suiji:problem:conflict', title: '数据冲突', status: 409, detail: '用户名“a”已存在', errors: [{ path: 'body.username', message: '用户名已存在' }] });
    const error = await apiRequest('POST', '/api/v1/users', { body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect((error as ApiError).message).toBe('用户名“a”已存在');
    expect((error as ApiError).fieldErrors).toEqual([{ path: 'body.username', message: '用户名已存在' }]);
  });

  it('gives a Chinese title when the error body is not a problem', async () => {
    respond(502, undefined, 'text/html');
    await expect(apiRequest('GET', '/x')).rejects.toMatchObject({ status: 502, problem: { title: '服务器暂时无法访问' } });
  });

  it('reports a network failure in Chinese', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('fetch failed'); }));
    await expect(apiRequest('GET', '/x')).rejects.toMatchObject({ status: 0, problem: { title: '无法连接服务器' } });
  });

  it('calls the 401 handler unless told to stay quiet', async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    respond(401, { type: 't', title: '请先登录', status: 401 });
    await expect(apiRequest('GET', '/api/v1/users')).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    respond(401, { type: 't', title: '请先登录', status: 401 });
    await expect(apiRequest('GET', '/api/v1/session', { quietUnauthorized: true })).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });
});
