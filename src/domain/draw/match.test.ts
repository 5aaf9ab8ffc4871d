import { describe, expect, it } from 'vitest';
import { matchOfficers, teamSlots } from './match.ts';
import { matchTicket } from './ticket.ts';

const SEED = '12345678901234567890';

describe('teamSlots', () => {
  it('puts department slots first, sorted by code point, then numbered open slots', () => {
    expect(teamSlots(4, ['综合执法大队', '运输管理科'])).toEqual([
      { kind: 'department', department: '综合执法大队', index: 0 },
      { kind: 'department', department: '运输管理科', index: 1 },
      { kind: 'open', number: 1, index: 2 },
      { kind: 'open', number: 2, index: 3 },
    ]);
  });
});

describe('matchOfficers', () => {
  it('picks the smallest (load, officerTicket, officerKey)', () => {
    const officers = ['O1', 'O2', 'O3'].map((key) => ({ key, department: '甲', tags: [] }));
    const result = matchOfficers(SEED, 'D', ['X'], { teamSize: 2, officers, requiredDepartments: [], requiredTags: [], recusals: [] });
    const byTicket = ['O1', 'O2', 'O3'].sort((a, b) => (matchTicket(SEED, 'D', 'X', a) < matchTicket(SEED, 'D', 'X', b) ? -1 : 1));
    expect(result).toEqual({ ok: true, value: [{ object: 'X', officers: byTicket.slice(0, 2) }] });
  });

  it('prefers the least loaded officer over a smaller ticket', () => {
    const officers = ['O1', 'O2', 'O3'].map((key) => ({ key, department: '甲', tags: [] }));
    const result = matchOfficers(SEED, 'D', ['X', 'Y'], { teamSize: 2, officers, requiredDepartments: [], requiredTags: [], recusals: [] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [first, second] = result.value;
    const idle = ['O1', 'O2', 'O3'].find((k) => !first?.officers.includes(k));
    expect(second?.officers[0]).toBe(idle);
  });

  it('names the object and the department slot that cannot be filled', () => {
    const officers = [{ key: 'O1', department: '甲', tags: [] }, { key: 'O2', department: '甲', tags: [] }];
    const result = matchOfficers(SEED, 'D', ['X'], { teamSize: 2, officers, requiredDepartments: ['运输管理科'], requiredTags: [], recusals: [] });
    expect(result).toEqual({ ok: false, error: { code: 'NO_ELIGIBLE_OFFICER', object: 'X', slot: { kind: 'department', department: '运输管理科', index: 0 } } });
  });

  it('honours recusals and required tags, and never fills a team short', () => {
    const officers = [
      { key: 'O1', department: '甲', tags: ['道路运输'] },
      { key: 'O2', department: '甲', tags: ['道路运输'] },
      { key: 'O3', department: '甲', tags: [] },
    ];
    const ok = matchOfficers(SEED, 'D', ['X'], { teamSize: 2, officers, requiredDepartments: [], requiredTags: ['道路运输'], recusals: [] });
    expect(ok.ok && [...(ok.value[0]?.officers ?? [])].sort()).toEqual(['O1', 'O2']);
    const failed = matchOfficers(SEED, 'D', ['X'], { teamSize: 2, officers, requiredDepartments: [], requiredTags: ['道路运输'], recusals: [['O2', 'X']] });
    expect(failed).toEqual({ ok: false, error: { code: 'NO_ELIGIBLE_OFFICER', object: 'X', slot: { kind: 'open', number: 2, index: 1 } } });
  });
});
