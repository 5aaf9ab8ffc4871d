import { describe, expect, it } from 'vitest';
import type { Draw } from '../../../contracts/tasks.ts';
import {
  checkDepartmentSeed, checkSeedDigits, confirmationLabel, exclusionTotals, groupDigits, quotaLabel, strataResults, teamRows,
} from './draw-helpers.ts';

describe('checkSeedDigits', () => {
  it('removes white space and accepts 20 digits', () => {
    expect(checkSeedDigits('1234 5678\n9012 3456 7890')).toEqual({ ok: true, digits: '12345678901234567890' });
  });
  it('refuses 19 digits with the count, in Chinese', () => {
    const check = checkSeedDigits('1234567890123456789');
    expect(check.ok).toBe(false);
    expect(!check.ok && check.message).toBe('随机种子至少需要 20 位数字，当前只有 19 位');
  });
  it('refuses anything but digits, and nothing', () => {
    expect(checkSeedDigits('1234567890123456789a')).toMatchObject({ ok: false, message: '随机种子只能由数字 0-9 组成（空白会被去除）' });
    expect(checkSeedDigits('  ')).toMatchObject({ ok: false, message: '请输入随机数字（至少 20 位）' });
  });
});

describe('checkDepartmentSeed', () => {
  it('concatenates in code point order of the department names (not the order typed)', () => {
    // 综 is U+7EFC and 运 is U+8FD0: 综合执法大队's digits come first.
    const check = checkDepartmentSeed([{ department: '运输管理科', digits: '2222 2222 22' }, { department: '综合执法大队', digits: '1111111111' }]);
    expect(check).toEqual({ ok: true, digits: '11111111112222222222' });
  });
  it('names the department without digits, and refuses a short combined seed', () => {
    expect(checkDepartmentSeed([{ department: '甲', digits: '123' }, { department: '乙', digits: '' }])).toMatchObject({ ok: false, message: '请为“乙”输入数字（只能是 0-9）' });
    expect(checkDepartmentSeed([{ department: '甲', digits: '123' }, { department: '乙', digits: '456' }]))
      .toMatchObject({ ok: false, message: '各部门数字合并后至少需要 20 位数字，当前只有 6 位' });
  });
});

it('groups digits by four for reading aloud', () => {
  expect(groupDigits('123456789012345678901')).toBe('1234 5678 9012 3456 7890 1');
});

const draw: Pick<Draw, 'output' | 'selectedTickets' | 'teams' | 'replacements'> = {
  output: {
    strata: [
      { name: 'A', n: 5, quota: 1, listHash: 'h', selected: ['K2'], cutoffTicket: 'bb' },
      { name: 'B', n: 9, quota: 2, listHash: 'h', selected: ['K1', 'K3'], cutoffTicket: 'cc' },
    ],
    order: ['K1', 'K2', 'K3'],
    assignments: [],
  },
  selectedTickets: [{ key: 'K1', ticket: 'aa' }, { key: 'K2', ticket: 'bb' }, { key: 'K3', ticket: 'cc' }],
  teams: [
    { object: 'K3', objectName: '丙公司', officers: [{ key: 'O1', name: '张三', department: '甲' }, { key: 'O4', name: '赵六', department: '乙' }] },
    { object: 'K1', objectName: '甲公司', officers: [{ key: 'O2', name: '李四', department: '甲' }] },
    { object: 'K2', objectName: null, officers: [{ key: 'O3', name: '王五', department: '乙' }] },
  ],
  replacements: [{ seq: 1, object: 'K3', replaced: 'O9', replacement: 'O4', slot: 1, reason: '因病', createdAt: '2026-03-01T09:00:00+08:00' }],
};

it('lists the selected objects per stratum with tickets, names and the cutoff', () => {
  expect(strataResults(draw)).toEqual([
    { name: 'A', n: 5, quota: 1, cutoffTicket: 'bb', selected: [{ rank: 1, key: 'K2', name: null, ticket: 'bb' }] },
    { name: 'B', n: 9, quota: 2, cutoffTicket: 'cc', selected: [{ rank: 1, key: 'K1', name: '甲公司', ticket: 'aa' }, { rank: 2, key: 'K3', name: '丙公司', ticket: 'cc' }] },
  ]);
  expect(strataResults({ ...draw, output: null })).toEqual([]);
});

it('orders the teams by the draw order, with the stratum and who came in by replacement', () => {
  const rows = teamRows(draw);
  expect(rows.map((r) => [r.order, r.object, r.stratum])).toEqual([[1, 'K1', 'B'], [2, 'K2', 'A'], [3, 'K3', 'B']]);
  expect(rows[2]?.replacedIn).toEqual(['O4']);
  expect(rows[0]?.replacedIn).toEqual([]);
});

describe('confirmationLabel', () => {
  it('flags overdue in red, late in orange, pending with the deadline', () => {
    expect(confirmationLabel({ confirmedOn: null, overdue: true, late: false }, '2026-03-04', false)).toEqual({ text: '逾期未确认（期限 2026-03-04）', tone: 'error' });
    expect(confirmationLabel({ confirmedOn: '2026-03-05', overdue: false, late: true }, '2026-03-04', false).tone).toBe('warning');
    expect(confirmationLabel({ confirmedOn: '2026-03-03', overdue: false, late: false }, '2026-03-04', false)).toEqual({ text: '已确认（2026-03-03）', tone: 'success' });
    expect(confirmationLabel({ confirmedOn: null, overdue: false, late: false }, '2026-03-04', true).text).toBe('待确认，期限 2026-03-04（日历未覆盖，期限可能调整）');
  });
});

it('sums exclusions per reason across strata', () => {
  expect(exclusionTotals([
    { stratum: 'A', reason: '注销', count: 2 }, { stratum: 'B', reason: '注销', count: 1 }, { stratum: 'B', reason: '近期已检查', count: 4 },
  ])).toEqual([{ reason: '注销', count: 3, strata: ['A', 'B'] }, { reason: '近期已检查', count: 4, strata: ['B'] }]);
});

it('labels quotas', () => {
  expect(quotaLabel({ ratioBp: 300 })).toBe('3%');
  expect(quotaLabel({ ratioBp: 1250 })).toBe('12.5%');
  expect(quotaLabel({ count: 5 })).toBe('5 户');
});
