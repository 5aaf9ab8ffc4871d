import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCandidatePool, exclusionReason, inspectionLookback, type CandidateFacts, type ExclusionRules } from './candidate-pool.ts';

const rules: ExclusionRules = {
  excludedStatuses: ['deregistered', 'revoked', 'moved_out'],
  inspectedWithinDays: 180,
  yearlyCap: 2,
  classANotAgainSameYear: true,
};

const entity = (key: string, over: Partial<CandidateFacts> = {}): CandidateFacts => ({
  key,
  status: 'active',
  riskClass: 'B',
  inspectedOn: [],
  ...over,
});

describe('exclusionReason', () => {
  it('keeps an active entity never inspected', () => {
    expect(exclusionReason(entity('k'), rules, '2024-06-01')).toBeNull();
  });

  it('excludes by status first, whatever else applies', () => {
    expect(exclusionReason(entity('k', { status: 'revoked', inspectedOn: ['2024-05-30'] }), rules, '2024-06-01')).toBe('status');
    expect(exclusionReason(entity('k', { status: 'suspended' }), rules, '2024-06-01')).toBeNull();
  });

  it('excludes an entity inspected fewer than N days before the freeze', () => {
    expect(exclusionReason(entity('k', { inspectedOn: ['2023-12-05'] }), rules, '2024-06-01')).toBe('inspected_recently'); // 179 days
    expect(exclusionReason(entity('k', { inspectedOn: ['2023-12-04'] }), rules, '2024-06-01')).toBeNull(); // 180 days
  });

  it('applies the yearly cap to inspections of the freeze year only', () => {
    const twice = entity('k', { inspectedOn: ['2024-01-02', '2023-03-01', '2023-05-01'] });
    expect(exclusionReason(twice, { ...rules, inspectedWithinDays: null, yearlyCap: 1 }, '2024-09-01')).toBe('yearly_cap');
    expect(exclusionReason(twice, { ...rules, inspectedWithinDays: null, yearlyCap: 2 }, '2024-09-01')).toBeNull();
  });

  it('does not inspect a class-A entity twice in a year, but does inspect B again', () => {
    const once = { inspectedOn: ['2024-01-10'] };
    const r = { ...rules, inspectedWithinDays: null };
    expect(exclusionReason(entity('a', { ...once, riskClass: 'A' }), r, '2024-10-01')).toBe('class_a_same_year');
    expect(exclusionReason(entity('b', { ...once, riskClass: 'B' }), r, '2024-10-01')).toBeNull();
    expect(exclusionReason(entity('a', { ...once, riskClass: 'A' }), r, '2025-01-02')).toBeNull();
  });

  it('ignores inspections dated after the freeze', () => {
    expect(exclusionReason(entity('k', { inspectedOn: ['2024-06-02'] }), rules, '2024-06-01')).toBeNull();
  });
});

describe('buildCandidatePool', () => {
  it('splits by risk class, counts exclusions per stratum and reason, and reports classes without a quota', () => {
    const pool = buildCandidatePool(
      [
        entity('1', { riskClass: 'A' }),
        entity('2', { riskClass: 'D' }),
        entity('3', { riskClass: 'D', status: 'deregistered' }),
        entity('4', { riskClass: 'D', inspectedOn: ['2024-05-01'] }),
        entity('5', { riskClass: 'U' }),
        entity('6', { riskClass: 'C' }),
      ],
      rules,
      { kind: 'by_risk_class', quotas: { A: { ratioBp: 100 }, C: { ratioBp: 1000 }, D: { count: 5 } } },
      '2024-06-01',
    );
    expect(pool.strata).toEqual([
      { name: 'A', quota: { ratioBp: 100 }, candidates: ['1'] },
      { name: 'C', quota: { ratioBp: 1000 }, candidates: ['6'] },
      { name: 'D', quota: { count: 5 }, candidates: ['2'] },
    ]);
    expect(pool.exclusions).toEqual([
      { stratum: 'D', reason: 'status', count: 1 },
      { stratum: 'D', reason: 'inspected_recently', count: 1 },
    ]);
    expect(pool.unplanned).toEqual([{ stratum: 'U', reason: 'no_quota', count: 1 }]);
  });

  it('accounts for every entity exactly once', () => {
    const classes = ['A', 'B', 'C', 'D', 'U'] as const;
    const statuses = ['active', 'suspended', 'deregistered', 'revoked', 'moved_out', 'closed'] as const;
    const arbEntity = fc.record({
      riskClass: fc.constantFrom(...classes),
      status: fc.constantFrom(...statuses),
      inspectedOn: fc.array(fc.date({ min: new Date('2023-01-01'), max: new Date('2024-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(arbEntity, { maxLength: 60 }), fc.boolean(), (facts, single) => {
        const candidates = facts.map((f, i) => ({ ...f, key: `K${i}` }));
        const pool = buildCandidatePool(
          candidates,
          rules,
          single ? { kind: 'single', quota: { ratioBp: 300 } } : { kind: 'by_risk_class', quotas: { B: { count: 1 }, C: { count: 2 }, D: { ratioBp: 5000 } } },
          '2024-07-01',
        );
        const kept = pool.strata.reduce((n, s) => n + s.candidates.length, 0);
        const excluded = [...pool.exclusions, ...pool.unplanned].reduce((n, e) => n + e.count, 0);
        expect(kept + excluded).toBe(candidates.length);
      }),
    );
  });
});

describe('inspectionLookback', () => {
  const none: ExclusionRules = { excludedStatuses: [], inspectedWithinDays: null, yearlyCap: null, classANotAgainSameYear: false };

  it('is null when no rule reads earlier inspections, else the earliest date a rule looks at', () => {
    expect(inspectionLookback(none, '2026-03-10')).toBeNull();
    expect(inspectionLookback({ ...none, excludedStatuses: ['revoked'] }, '2026-03-10')).toBeNull();
    expect(inspectionLookback({ ...none, inspectedWithinDays: 30 }, '2026-03-10')).toBe('2026-02-09');
    expect(inspectionLookback({ ...none, yearlyCap: 2 }, '2026-03-10')).toBe('2026-01-01');
    expect(inspectionLookback({ ...none, classANotAgainSameYear: true, inspectedWithinDays: 400 }, '2026-03-10')).toBe('2025-02-04');
  });

  it('never changes a reason: inspections before the lookback are irrelevant to every rule', () => {
    const freeze = '2026-03-10';
    const dates = ['2024-12-31', '2025-03-10', '2025-12-31', '2026-01-01', '2026-02-08', '2026-02-09', '2026-03-09', '2026-03-10', '2026-03-11'];
    const ruleSets: ExclusionRules[] = [
      { ...none, inspectedWithinDays: 30 }, { ...none, inspectedWithinDays: 0 }, { ...none, inspectedWithinDays: 1 }, { ...none, yearlyCap: 1 },
      { ...none, yearlyCap: 2, inspectedWithinDays: 365 }, { ...none, classANotAgainSameYear: true }, none,
    ];
    for (const rules of ruleSets) {
      const from = inspectionLookback(rules, freeze);
      for (let mask = 0; mask < 1 << dates.length; mask += 7) {
        const inspectedOn = dates.filter((_, i) => (mask >> i) & 1);
        for (const riskClass of ['A', 'B'] as const) {
          const all = exclusionReason({ key: 'K', status: 'active', riskClass, inspectedOn }, rules, freeze);
          const kept = from === null ? [] : inspectedOn.filter((d) => d >= from);
          expect(exclusionReason({ key: 'K', status: 'active', riskClass, inspectedOn: kept }, rules, freeze), `${JSON.stringify(rules)} ${inspectedOn.join(',')}`).toBe(all);
        }
      }
    }
  });
});
