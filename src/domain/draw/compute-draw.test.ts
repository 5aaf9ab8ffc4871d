import { describe, expect, it } from 'vitest';
import { computeDraw, formatDrawOutput } from './compute-draw.ts';
import { describeDrawError, formatDrawError } from './draw-errors.ts';
import type { DrawError } from './draw-errors.ts';

describe('computeDraw (golden)', () => {
  it('pins DEMO-1 (spec example) to its exact output', () => {
    const result = computeDraw({
      drawId: 'DEMO-1',
      seed: '1234 5678 9012 3456 7890',
      strata: [{ name: 'ALL', quota: { ratioBp: 5000 }, candidates: ['91110000600037341L', '914403001922038216', '9144030071526726XG', '91330100716105852F'] }],
    });
    expect(result.ok && formatDrawOutput(result.value)).toBe(`{
 "strata": [
  {
   "name": "ALL",
   "n": 4,
   "quota": 2,
   "listHash": "5fe558888aa6c9ba7f348fc070866c7aaf07c7047380c00ca253bd19c27e40a4",
   "selected": [
    "914403001922038216",
    "91330100716105852F"
   ],
   "cutoffTicket": "6e8cbfa224ffa256b034fe79b4dc7d3767a191ab44b4aaed28854567e4a9c7cb"
  }
 ],
 "order": [
  "914403001922038216",
  "91330100716105852F"
 ],
 "assignments": null
}`);
  });

  it('pins a seed to a team: the same seed gives the same officers, another seed another draw', () => {
    const input = (seed: string) => ({
      drawId: 'GOLD-1',
      seed,
      strata: [{ name: 'ALL', quota: { count: 2 }, candidates: ['冀B12345', '冀B1234学', '911302270000000001', '911302270000000002', '911302270000000003'] }],
      matching: {
        teamSize: 2,
        officers: ['13022700000001', '13022700000002', '13022700000003'].map((key) => ({ key, department: '运输管理科', tags: [] })),
        requiredDepartments: [],
        requiredTags: [],
        recusals: [],
      },
    });
    const a = computeDraw(input('00000000000000000000'));
    const b = computeDraw(input('00000000000000000001'));
    expect(a).toMatchInlineSnapshot(`
      {
        "ok": true,
        "value": {
          "assignments": [
            {
              "object": "911302270000000002",
              "officers": [
                "13022700000002",
                "13022700000003",
              ],
            },
            {
              "object": "911302270000000003",
              "officers": [
                "13022700000001",
                "13022700000002",
              ],
            },
          ],
          "order": [
            "911302270000000002",
            "911302270000000003",
          ],
          "strata": [
            {
              "cutoffTicket": "5e92c226df1bba591e4f9f5bec9a263eb998883ee674eb6b78ddf743d6cb9525",
              "listHash": "bbc7707e52e3fb15b737150f16b9dada25f858091cf04095730f0cc7d732f0c9",
              "n": 5,
              "name": "ALL",
              "quota": 2,
              "selected": [
                "911302270000000002",
                "911302270000000003",
              ],
            },
          ],
        },
      }
    `);
    expect(b).not.toEqual(a);
  });
});

describe('computeDraw (invalid input)', () => {
  const base = { drawId: 'E', seed: '12345678901234567890', strata: [{ name: 'ALL', quota: { count: 1 }, candidates: ['K1'] }] };

  it('rejects a line feed in the drawId, a candidate key or an officer key', () => {
    expect(computeDraw({ ...base, drawId: 'A\nB' })).toMatchObject({ ok: false, error: { code: 'INVALID_DRAW_ID' } });
    expect(computeDraw({ ...base, strata: [{ name: 'ALL', quota: { count: 1 }, candidates: ['K\n1'] }] })).toMatchObject({ ok: false, error: { code: 'INVALID_KEY', of: 'candidate' } });
    expect(computeDraw({ ...base, strata: [{ name: 'ALL', quota: { count: 1 }, candidates: [''] }] })).toMatchObject({ ok: false, error: { code: 'INVALID_KEY' } });
    expect(computeDraw({ ...base, matching: { teamSize: 2, officers: [{ key: 'a\nb', department: 'x', tags: [] }], requiredDepartments: [], requiredTags: [], recusals: [] } })).toMatchObject({ ok: false, error: { code: 'INVALID_KEY', of: 'officer' } });
  });

  it('rejects quotas that are negative, fractional or above 100 %', () => {
    for (const quota of [{ count: -1 }, { count: 0.5 }, { ratioBp: 10001 }, { ratioBp: -3 }]) {
      expect(computeDraw({ ...base, strata: [{ name: 'S', quota, candidates: [] }] })).toEqual({ ok: false, error: { code: 'INVALID_QUOTA', stratum: 'S' } });
    }
  });

  it('validates matching even when nothing is selected', () => {
    const empty = { ...base, strata: [] };
    expect(computeDraw({ ...empty, matching: { teamSize: 1, officers: [], requiredDepartments: [], requiredTags: [], recusals: [] } })).toMatchObject({ ok: false, error: { code: 'TEAM_SIZE_TOO_SMALL' } });
    expect(computeDraw({ ...empty, matching: { teamSize: 2, officers: [], requiredDepartments: [], requiredTags: [], recusals: [] } })).toEqual({ ok: true, value: { strata: [], order: [], assignments: [] } });
  });

  it('has a Chinese and an English reason for every error', () => {
    const errors: DrawError[] = [
      { code: 'BAD_SEED', reason: 'too-short', digits: 3 },
      { code: 'BAD_SEED', reason: 'not-digits', digits: 3 },
      { code: 'INVALID_DRAW_ID' },
      { code: 'INVALID_STRATUM_NAME', name: 'a\nb' },
      { code: 'DUPLICATE_STRATUM_NAME', name: 'A' },
      { code: 'INVALID_KEY', key: '', of: 'candidate' },
      { code: 'INVALID_KEY', key: '', of: 'officer' },
      { code: 'DUPLICATE_CANDIDATE_KEY', key: 'K', strata: ['A', 'B'] },
      { code: 'INVALID_QUOTA', stratum: 'A' },
      { code: 'DUPLICATE_OFFICER_KEY', key: 'O' },
      { code: 'TEAM_SIZE_TOO_SMALL', teamSize: 1 },
      { code: 'TEAM_SMALLER_THAN_DEPARTMENTS', teamSize: 2, departments: 3 },
      { code: 'DUPLICATE_REQUIRED_DEPARTMENT', department: '甲' },
      { code: 'NO_ELIGIBLE_OFFICER', object: 'X', slot: { kind: 'department', department: '运输管理科', index: 0 } },
      { code: 'NO_ELIGIBLE_OFFICER', object: 'X', slot: { kind: 'open', number: 2, index: 3 } },
    ];
    for (const error of errors) {
      const { zh, en } = describeDrawError(error);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).toMatch(/^[\x20-\x7e\u2000-\u206f'"A-Za-z0-9甲运输管理科\\]+$/u);
      expect(formatDrawError(error)).toContain(`[${error.code}]`);
    }
    expect(formatDrawError(errors[13] as DrawError)).toContain("department slot '运输管理科' of object 'X'");
    expect(formatDrawError(errors[14] as DrawError)).toContain('open slot #2');
  });
});
