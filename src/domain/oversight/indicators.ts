import type { RiskClass } from '../directory/risk-class.ts';

/**
 * The oversight indicators (督导考核) of one department, or the bureau, for one year, computed
 * from plain facts so that the dashboard, the year-end assessment and the tests that check
 * them against the tables all share one definition. Ratios are null when there is nothing
 * to divide by (shown as "—", never as 0 % or 100 %).
 */

export interface IndicatorFacts {
  /** Entities in the directory in scope, and distinct entities inspected (results published). */
  directoryEntities: number;
  inspectedEntities: number;
  coverageTargetBp: number;
  /** Was the year's plan published by its deadline? null when there is no plan. */
  planPublishedOnTime: boolean | null;
  tasks: readonly { joint: boolean }[];
  results: readonly {
    riskClass: RiskClass;
    published: boolean;
    publishedOnTime: boolean;
    problemFound: boolean;
  }[];
  followUps: readonly { closed: boolean; overdue: boolean }[];
  /** Inspections per officer (officer key → count). */
  officerLoads: ReadonlyMap<string, number>;
}

export interface Indicators {
  coverageRatio: number | null;
  /** null with no directory to measure against (a department without a plan scope). */
  coverageMet: boolean | null;
  planPublishedOnTime: boolean | null;
  /** Published results over all results. */
  publicationRate: number | null;
  /** Published on time over published. */
  onTimeRate: number | null;
  /** Closed follow-ups over all follow-ups. */
  followUpClosedRate: number | null;
  overdueFollowUps: number;
  jointTaskShare: number | null;
  problemFoundRateByClass: Record<RiskClass, number | null>;
  officerLoad: { officers: number; min: number; max: number; mean: number | null };
}

const ratio = (num: number, den: number): number | null => (den === 0 ? null : num / den);
const count = <T>(items: readonly T[], test: (item: T) => boolean) => items.reduce((n, item) => n + (test(item) ? 1 : 0), 0);

export function computeIndicators(f: IndicatorFacts): Indicators {
  const published = f.results.filter((r) => r.published);
  const byClass = {} as Record<RiskClass, number | null>;
  for (const c of ['A', 'B', 'C', 'D', 'U'] as const) {
    const inClass = published.filter((r) => r.riskClass === c);
    byClass[c] = ratio(count(inClass, (r) => r.problemFound), inClass.length);
  }
  const loads = [...f.officerLoads.values()];
  return {
    coverageRatio: ratio(f.inspectedEntities, f.directoryEntities),
    coverageMet: f.directoryEntities === 0 ? null : f.inspectedEntities * 10_000 >= f.directoryEntities * f.coverageTargetBp,
    planPublishedOnTime: f.planPublishedOnTime,
    publicationRate: ratio(published.length, f.results.length),
    onTimeRate: ratio(count(published, (r) => r.publishedOnTime), published.length),
    followUpClosedRate: ratio(count(f.followUps, (x) => x.closed), f.followUps.length),
    overdueFollowUps: count(f.followUps, (x) => x.overdue && !x.closed),
    jointTaskShare: ratio(count(f.tasks, (t) => t.joint), f.tasks.length),
    problemFoundRateByClass: byClass,
    officerLoad: {
      officers: loads.length,
      min: loads.length ? Math.min(...loads) : 0,
      max: loads.length ? Math.max(...loads) : 0,
      mean: ratio(loads.reduce((a, b) => a + b, 0), loads.length),
    },
  };
}

/** A ratio as the dashboard shows it: 0.1234 → "12.3%", null → "—". */
export function formatRatio(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

/**
 * Did the inspection find a problem? 发现问题待后续处理 (A) or 发现问题已责令改正 (E); every other
 * code (未发现问题, 未发现经营活动, 注销 …) is not a finding about compliance.
 */
export function isProblemFound(codes: readonly string[]): boolean {
  return codes.includes('A') || codes.includes('E');
}
