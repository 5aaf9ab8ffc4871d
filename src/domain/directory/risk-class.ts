import type { IsoDate } from '../calendar/civil-date.ts';

/**
 * 企业信用风险分类: A 低, B 一般, C 较高, D 高, and U for not yet classified. Classes are
 * recomputed monthly, so an entity has snapshots; a draw uses the latest one in force at
 * the freeze (国市监信发〔2022〕6号; domain-rules §2.1).
 */
export const riskClasses = ['A', 'B', 'C', 'D', 'U'] as const;
export type RiskClass = (typeof riskClasses)[number];

export const riskClassLabels: Record<RiskClass, string> = {
  A: 'A 类（信用风险低）',
  B: 'B 类（信用风险一般）',
  C: 'C 类（信用风险较高）',
  D: 'D 类（信用风险高）',
  U: '未分类',
};

export interface RiskSnapshot {
  /** The month the classification applies from, as its first day: 'YYYY-MM-01'. */
  effectiveFrom: IsoDate;
  riskClass: RiskClass;
}

/** The class in force on `date`: the latest snapshot effective on or before it; U when there is none. */
export function riskClassOn(snapshots: readonly RiskSnapshot[], date: IsoDate): RiskClass {
  let best: RiskSnapshot | undefined;
  for (const s of snapshots) {
    if (s.effectiveFrom <= date && (best === undefined || s.effectiveFrom > best.effectiveFrom)) best = s;
  }
  return best?.riskClass ?? 'U';
}
