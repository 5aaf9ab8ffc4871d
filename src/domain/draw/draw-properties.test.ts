import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareCodePoints } from './compare-code-points.ts';
import { computeDraw } from './compute-draw.ts';
import { quotaOf } from './quota.ts';
import type { DrawInput, DrawOutput, MatchingInput, QuotaRule } from './types.ts';

const SEED = '31415926535897932384';
const key = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((k) => !k.includes('\n'));
const seedArb = fc.stringMatching(/^[0-9]{20,30}$/);
const quotaArb: fc.Arbitrary<QuotaRule> = fc.oneof(
  fc.record({ count: fc.nat(40) }),
  fc.record({ ratioBp: fc.integer({ min: 0, max: 10000 }) }),
);

/** Up to 4 strata of distinct keys (distinct across the draw). */
const strataArb = fc
  .uniqueArray(key, { maxLength: 60 })
  .chain((keys) =>
    fc.tuple(fc.constant(keys), fc.array(fc.nat(3), { minLength: keys.length, maxLength: keys.length }), fc.array(quotaArb, { minLength: 4, maxLength: 4 })),
  )
  .map(([keys, strataOf, quotas]) =>
    ['A', 'B', 'C', 'D'].map((name, s) => ({ name, quota: quotas[s] ?? { count: 1 }, candidates: keys.filter((_, i) => strataOf[i] === s) })),
  );

function run(input: DrawInput): DrawOutput {
  const result = computeDraw(input);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

describe('draw properties (suiji-draw-v1)', () => {
  it('selects exactly the quota in every stratum, and the order is a permutation of the selected', () => {
    fc.assert(fc.property(seedArb, fc.string(), strataArb, (seed, drawId, strata) => {
      const out = run({ drawId: drawId.replace(/\n/g, ''), seed, strata });
      for (const s of out.strata) {
        const input = strata.find((x) => x.name === s.name);
        expect(input).toBeDefined();
        if (!input) return;
        expect(s.n).toBe(input.candidates.length);
        expect(s.quota).toBe(quotaOf(s.n, input.quota));
        expect(s.selected).toHaveLength(s.quota);
        expect(new Set(s.selected).size).toBe(s.quota);
        for (const k of s.selected) expect(input.candidates).toContain(k);
        expect(s.cutoffTicket === null).toBe(s.quota === 0);
      }
      const all = out.strata.flatMap((s) => s.selected);
      expect([...out.order].sort(compareCodePoints)).toEqual([...all].sort(compareCodePoints));
      expect(out.strata.map((s) => s.name)).toEqual(['A', 'B', 'C', 'D']);
    }));
  });

  it('gives identical output on a re-run and whatever the input order of strata and candidates', () => {
    fc.assert(fc.property(seedArb, strataArb, (seed, strata) => {
      const first = run({ drawId: 'X', seed, strata });
      expect(run({ drawId: 'X', seed, strata })).toEqual(first);
      const shuffled = [...strata].reverse().map((s) => ({ ...s, candidates: [...s.candidates].reverse() }));
      expect(run({ drawId: 'X', seed, strata: shuffled })).toEqual(first);
    }));
  });

  it('adding a candidate never changes the relative order of the others', () => {
    fc.assert(fc.property(seedArb, fc.uniqueArray(key, { minLength: 1, maxLength: 80 }), (seed, keys) => {
      const [extra, ...rest] = keys;
      const all = (candidates: string[]) => run({ drawId: 'ADD', seed, strata: [{ name: 'ALL', quota: { ratioBp: 10000 }, candidates }] });
      const before = all(rest).order;
      const after = all([...rest, extra ?? '']).order;
      expect(after.filter((k) => k !== extra)).toEqual(before);
    }));
  });
});

const officerArb = (departments: string[], tags: string[]) =>
  fc.record({ department: fc.constantFrom(...departments), tags: fc.subarray(tags) });

describe('matching properties (suiji-match-v1)', () => {
  const departments = ['运输管理科', '综合执法大队', '工程质量监督站'];
  const tags = ['道路运输', '安全生产'];
  const scenario = fc
    .record({
      objects: fc.uniqueArray(fc.stringMatching(/^9[0-9A-Z]{5}$/), { minLength: 1, maxLength: 25 }),
      officers: fc.array(officerArb(departments, tags), { minLength: 2, maxLength: 12 }),
      teamSize: fc.integer({ min: 2, max: 4 }),
      requiredDepartments: fc.subarray(departments, { maxLength: 2 }),
      requiredTags: fc.subarray(tags, { maxLength: 1 }),
      recusalRate: fc.double({ min: 0, max: 0.4, noNaN: true }),
      recusalSeed: fc.nat(),
    })
    .map((s) => {
      const officers = s.officers.map((o, i) => ({ key: `1302${String(i).padStart(10, '0')}`, ...o }));
      const recusals: [string, string][] = [];
      let x = s.recusalSeed;
      for (const o of officers) {
        for (const obj of s.objects) {
          x = (x * 1103515245 + 12345) % 2147483648;
          if (x / 2147483648 < s.recusalRate) recusals.push([o.key, obj]);
        }
      }
      const matching: MatchingInput = { teamSize: Math.max(s.teamSize, s.requiredDepartments.length), officers, requiredDepartments: s.requiredDepartments, requiredTags: s.requiredTags, recusals };
      return { objects: s.objects, matching };
    });

  it('fills every team with distinct, qualified, non-recused officers — or names the failing slot', () => {
    let filled = 0;
    fc.assert(fc.property(scenario, ({ objects, matching }) => {
      const result = computeDraw({ drawId: 'M', seed: SEED, strata: [{ name: 'ALL', quota: { ratioBp: 10000 }, candidates: objects }], matching });
      if (!result.ok) {
        expect(result.error.code).toBe('NO_ELIGIBLE_OFFICER');
        return;
      }
      filled++;
      const assignments = result.value.assignments ?? [];
      expect(assignments.map((a) => a.object)).toEqual(result.value.order);
      const byKey = new Map(matching.officers.map((o) => [o.key, o]));
      const recused = new Set(matching.recusals.map(([o, obj]) => `${o}\n${obj}`));
      const deps = [...matching.requiredDepartments].sort(compareCodePoints);
      for (const a of assignments) {
        expect(a.officers).toHaveLength(matching.teamSize);
        expect(new Set(a.officers).size).toBe(a.officers.length);
        a.officers.forEach((k, slot) => {
          const o = byKey.get(k);
          expect(o).toBeDefined();
          expect(recused.has(`${k}\n${a.object}`)).toBe(false);
          for (const t of matching.requiredTags) expect(o?.tags).toContain(t);
          if (slot < deps.length) expect(o?.department).toBe(deps[slot]);
        });
      }
    }), { numRuns: 300 });
    expect(filled).toBeGreaterThan(60); // the successful path is well exercised, not only failures
  });

  it('spreads work evenly when nothing else constrains: loads differ by at most one', () => {
    fc.assert(fc.property(
      fc.uniqueArray(fc.stringMatching(/^9[0-9A-Z]{5}$/), { minLength: 1, maxLength: 60 }),
      fc.integer({ min: 2, max: 15 }),
      fc.integer({ min: 2, max: 5 }),
      seedArb,
      (objects, officerCount, teamSize, seed) => {
        fc.pre(teamSize <= officerCount);
        const officers = Array.from({ length: officerCount }, (_, i) => ({ key: `K${i}`, department: i % 2 ? '甲' : '乙', tags: [] }));
        const out = run({ drawId: 'LOAD', seed, strata: [{ name: 'ALL', quota: { ratioBp: 10000 }, candidates: objects }], matching: { teamSize, officers, requiredDepartments: [], requiredTags: [], recusals: [] } });
        const loads = new Map(officers.map((o) => [o.key, 0]));
        for (const a of out.assignments ?? []) for (const k of a.officers) loads.set(k, (loads.get(k) ?? 0) + 1);
        const values = [...loads.values()];
        expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
      },
    ));
  });
});
