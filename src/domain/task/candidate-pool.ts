import { fromEpochDay, toEpochDay, type IsoDate } from '../calendar/civil-date.ts';
import type { ExclusionCount, QuotaRule, StratumInput } from '../draw/types.ts';
import type { RiskClass } from '../directory/risk-class.ts';

/**
 * Building the candidates of a draw from the entity directory, at the freeze. Exclusions
 * are applied here, before the freeze, so they are not candidates (spec/draw.md §1); the
 * draw record keeps how many were excluded, per stratum and reason. Each excluded entity
 * is counted once, under the first reason of `exclusionReasons` that applies.
 *
 * Sources: low-risk firms not re-inspected in the same year (Guangdong 2025); a published
 * annual per-firm cap (国办发〔2024〕54号); "一年内是否被抽查" filters (Zhejiang); avoid
 * repeated checks (企业公示信息抽查办法). Domain-rules §2.
 */

export type EntityStatus = 'active' | 'suspended' | 'deregistered' | 'revoked' | 'moved_out' | 'closed';

export const entityStatusLabels: Record<EntityStatus, string> = {
  active: '存续',
  suspended: '停业',
  deregistered: '注销',
  revoked: '吊销',
  moved_out: '迁出',
  closed: '关闭',
};

export interface CandidateFacts {
  /** USCC for entities, directory code for other objects. */
  key: string;
  status: EntityStatus;
  /** The class in force at the freeze (see riskClassOn). */
  riskClass: RiskClass;
  /** Dates this object was inspected before (inspection end dates), any task. */
  inspectedOn: readonly IsoDate[];
}

export interface ExclusionRules {
  /** Statuses that cannot be inspected, e.g. deregistered, revoked, moved out. */
  excludedStatuses: readonly EntityStatus[];
  /** Not again within this many days of a previous inspection (null: no such rule). */
  inspectedWithinDays: number | null;
  /** At most this many inspections per calendar year (null: no cap). */
  yearlyCap: number | null;
  /** A class-A (low risk) entity already inspected this year is not inspected again. */
  classANotAgainSameYear: boolean;
}

export const exclusionReasons = ['status', 'inspected_recently', 'yearly_cap', 'class_a_same_year'] as const;
export type ExclusionReason = (typeof exclusionReasons)[number];

export const exclusionReasonLabels: Record<ExclusionReason, string> = {
  status: '注销、吊销、迁出、停业等状态',
  inspected_recently: '近期已被抽查',
  yearly_cap: '已达年度抽查次数上限',
  class_a_same_year: 'A 类企业本年度已被抽查',
};

/** Why a candidate is excluded at the freeze on `freezeDate`, or null if it stays in. */
export function exclusionReason(candidate: CandidateFacts, rules: ExclusionRules, freezeDate: IsoDate): ExclusionReason | null {
  if (rules.excludedStatuses.includes(candidate.status)) return 'status';
  const freezeDay = toEpochDay(freezeDate);
  const year = freezeDate.slice(0, 4);
  const past = candidate.inspectedOn.filter((d) => d <= freezeDate);
  const within = rules.inspectedWithinDays;
  if (within !== null && past.some((d) => freezeDay - toEpochDay(d) < within)) return 'inspected_recently';
  const thisYear = past.filter((d) => d.startsWith(year)).length;
  if (rules.yearlyCap !== null && thisYear >= rules.yearlyCap) return 'yearly_cap';
  if (rules.classANotAgainSameYear && candidate.riskClass === 'A' && thisYear > 0) return 'class_a_same_year';
  return null;
}

/**
 * The earliest inspection date the rules can look at on `freezeDate` (the start of the
 * N-day window, or 1 January for the yearly cap and class A), or null when no rule reads
 * earlier inspections: the freeze then need not look them up at all.
 */
export function inspectionLookback(rules: ExclusionRules, freezeDate: IsoDate): IsoDate | null {
  const starts: IsoDate[] = [];
  if (rules.inspectedWithinDays !== null) starts.push(fromEpochDay(toEpochDay(freezeDate) - rules.inspectedWithinDays + 1));
  if (rules.yearlyCap !== null || rules.classANotAgainSameYear) starts.push(`${freezeDate.slice(0, 4)}-01-01` as IsoDate);
  return starts.length === 0 ? null : starts.reduce((a, b) => (a < b ? a : b));
}

/** One stratum per risk class with its own quota, or one stratum `ALL`. */
export type StratumPlan = { kind: 'single'; quota: QuotaRule } | { kind: 'by_risk_class'; quotas: Partial<Record<RiskClass, QuotaRule>> };

export interface CandidatePool {
  strata: StratumInput[];
  exclusions: ExclusionCount[];
  /** Candidates of classes the plan gives no quota: they are not drawn (and the record says so). */
  unplanned: ExclusionCount[];
}

/**
 * Split the candidates into the strata of the draw and count exclusions. Strata come out
 * in the order of `plan` (the draw itself sorts them); candidates keep the directory order
 * (the list hash and tickets do not depend on it).
 */
export function buildCandidatePool(
  candidates: readonly CandidateFacts[],
  rules: ExclusionRules,
  plan: StratumPlan,
  freezeDate: IsoDate,
): CandidatePool {
  const stratumOf = (c: CandidateFacts): string | null => {
    if (plan.kind === 'single') return 'ALL';
    return plan.quotas[c.riskClass] ? c.riskClass : null;
  };
  const strata = new Map<string, StratumInput>();
  if (plan.kind === 'single') strata.set('ALL', { name: 'ALL', quota: plan.quota, candidates: [] });
  else for (const [name, quota] of Object.entries(plan.quotas)) if (quota) strata.set(name, { name, quota, candidates: [] });

  const excluded = new Map<string, number>();
  const unplanned = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const candidate of candidates) {
    const stratum = stratumOf(candidate);
    if (stratum === null) {
      bump(unplanned, candidate.riskClass);
      continue;
    }
    const reason = exclusionReason(candidate, rules, freezeDate);
    if (reason !== null) bump(excluded, `${stratum}\n${reason}`);
    else strata.get(stratum)?.candidates.push(candidate.key);
  }
  const exclusions: ExclusionCount[] = [...excluded].map(([k, count]) => {
    const [stratum = '', reason = ''] = k.split('\n');
    return { stratum, reason, count };
  });
  return {
    strata: [...strata.values()],
    exclusions,
    unplanned: [...unplanned].map(([stratum, count]) => ({ stratum, reason: 'no_quota', count })),
  };
}
