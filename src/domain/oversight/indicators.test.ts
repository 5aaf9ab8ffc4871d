import { describe, expect, it } from 'vitest';
import { computeIndicators, formatRatio, isProblemFound, type IndicatorFacts } from './indicators.ts';

const empty: IndicatorFacts = {
  directoryEntities: 0,
  inspectedEntities: 0,
  coverageTargetBp: 300,
  planPublishedOnTime: null,
  tasks: [],
  results: [],
  followUps: [],
  officerLoads: new Map(),
};

describe('computeIndicators', () => {
  it('has no ratios where there is nothing to count', () => {
    const i = computeIndicators(empty);
    expect(i.coverageRatio).toBeNull();
    // No directory: "met" would claim 0 of 0 meets 3 %, so there is no verdict.
    expect(i.coverageMet).toBeNull();
    expect(i.publicationRate).toBeNull();
    expect(i.problemFoundRateByClass.D).toBeNull();
    expect(i.officerLoad).toEqual({ officers: 0, min: 0, max: 0, mean: null });
    expect(formatRatio(i.onTimeRate)).toBe('—');
  });

  it('computes each indicator from the facts', () => {
    const i = computeIndicators({
      ...empty,
      directoryEntities: 400,
      inspectedEntities: 12,
      planPublishedOnTime: true,
      tasks: [{ joint: true }, { joint: false }, { joint: true }, { joint: true }],
      results: [
        { riskClass: 'D', published: true, publishedOnTime: true, problemFound: true },
        { riskClass: 'D', published: true, publishedOnTime: false, problemFound: false },
        { riskClass: 'A', published: true, publishedOnTime: true, problemFound: false },
        { riskClass: 'B', published: false, publishedOnTime: false, problemFound: true },
      ],
      followUps: [{ closed: true, overdue: false }, { closed: false, overdue: true }],
      officerLoads: new Map([['O1', 3], ['O2', 1]]),
    });
    expect(i).toMatchObject({
      coverageRatio: 0.03,
      coverageMet: true,
      publicationRate: 0.75,
      onTimeRate: 2 / 3,
      followUpClosedRate: 0.5,
      overdueFollowUps: 1,
      jointTaskShare: 0.75,
      officerLoad: { officers: 2, min: 1, max: 3, mean: 2 },
    });
    expect(i.problemFoundRateByClass).toEqual({ A: 0, B: null, C: null, D: 0.5, U: null });
    expect(formatRatio(i.onTimeRate)).toBe('66.7%');
  });

  it('meets the coverage target on exact integer arithmetic', () => {
    expect(computeIndicators({ ...empty, directoryEntities: 401, inspectedEntities: 12 }).coverageMet).toBe(false);
    expect(computeIndicators({ ...empty, directoryEntities: 401, inspectedEntities: 13 }).coverageMet).toBe(true);
  });
});

describe('isProblemFound', () => {
  it('counts A (待后续处理) and E (已责令改正), nothing else', () => {
    expect(isProblemFound(['A', 'D'])).toBe(true);
    expect(isProblemFound(['E'])).toBe(true);
    expect(isProblemFound(['1'])).toBe(false);
    expect(isProblemFound(['F'])).toBe(false);
    expect(isProblemFound(['9'])).toBe(false);
  });
});
