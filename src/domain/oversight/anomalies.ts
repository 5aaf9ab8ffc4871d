import type { IsoDate } from '../calendar/civil-date.ts';

/**
 * Anomaly flags for oversight (督导). The plan asks 政策法规科 to find "抽查检查走形式、随意录入检查
 * 结果"; no source defines detection rules, so these are derived (domain-rules §5): each rule is
 * a plain, explainable test over published facts. Flags surface records for a person to
 * review; they never block anything.
 */

export interface ResultFacts {
  resultId: string;
  departmentId: string;
  entityKey: string;
  officerKeys: readonly string[];
  inspectionStart: IsoDate;
  inspectionEnd: IsoDate;
  /** When the result was first entered (录入). */
  enteredOn: IsoDate;
  publishedOn: IsoDate | null;
  /** End + 20 working days (see result/publication-deadline.ts). */
  deadline: IsoDate;
  codes: readonly string[];
  findingText: string;
  /** Distinct team officers who signed. */
  officerSignatures: number;
  evidenceCount: number;
}

export interface AnomalyThresholds {
  /** Identical finding texts shorter than this are ordinary ("无", "符合要求"). */
  minFindingLength: number;
  /** A department's 未发现问题 rate this many points (0–1) above the median of its peers. */
  noProblemRateGap: number;
  /** …judged only with at least this many results. */
  minResultsForRate: number;
  /** Inspections of one entity in one year above this count. */
  yearlyCap: number;
  /** The same officer on the same entity this many times or more. */
  repeatOfficerTimes: number;
}

export const DEFAULT_THRESHOLDS: AnomalyThresholds = {
  minFindingLength: 12,
  noProblemRateGap: 0.3,
  minResultsForRate: 10,
  yearlyCap: 2,
  repeatOfficerTimes: 3,
};

export const anomalyRules = [
  'entered_before_inspection',
  'entered_after_deadline',
  'identical_findings',
  'too_few_signatures',
  'no_problem_rate_outlier',
  'over_yearly_cap',
  'repeat_officer',
  'evidence_missing',
] as const;
export type AnomalyRule = (typeof anomalyRules)[number];

export const anomalyRuleLabels: Record<AnomalyRule, string> = {
  entered_before_inspection: '检查结果录入早于检查日期',
  entered_after_deadline: '超过 20 个工作日才录入或公示',
  identical_findings: '不同对象的检查情况描述完全相同',
  too_few_signatures: '执法人员签字少于两人',
  no_problem_rate_outlier: '“未发现问题”比例明显高于其他部门',
  over_yearly_cap: '同一对象年度被检查次数超过上限',
  repeat_officer: '同一执法人员多次检查同一对象',
  evidence_missing: '缺少检查证据',
};

export interface AnomalyFlag {
  rule: AnomalyRule;
  /** A stable key, so a reviewed flag stays reviewed when flags are recomputed. */
  key: string;
  resultIds: string[];
  detail: string;
}

const normaliseText = (text: string) => text.replace(/[\s，。、,.;；:：!！]/g, '');

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Every flag over a set of results (one year, one bureau). */
export function findAnomalies(results: readonly ResultFacts[], t: AnomalyThresholds = DEFAULT_THRESHOLDS): AnomalyFlag[] {
  const flags: AnomalyFlag[] = [];
  for (const r of results) {
    if (r.enteredOn < r.inspectionStart) {
      flags.push({ rule: 'entered_before_inspection', key: `entered_before_inspection:${r.resultId}`, resultIds: [r.resultId], detail: `录入日期 ${r.enteredOn} 早于检查开始日期 ${r.inspectionStart}` });
    }
    const late = [r.enteredOn, r.publishedOn].filter((d): d is string => d !== null && d > r.deadline);
    if (late.length > 0) {
      flags.push({ rule: 'entered_after_deadline', key: `entered_after_deadline:${r.resultId}`, resultIds: [r.resultId], detail: `期限为 ${r.deadline}，实际 ${late.join('、')}` });
    }
    if (r.officerSignatures < 2) {
      flags.push({ rule: 'too_few_signatures', key: `too_few_signatures:${r.resultId}`, resultIds: [r.resultId], detail: `执法人员签字 ${r.officerSignatures} 人` });
    }
    if (r.evidenceCount === 0) {
      flags.push({ rule: 'evidence_missing', key: `evidence_missing:${r.resultId}`, resultIds: [r.resultId], detail: '未上传任何证据材料' });
    }
  }

  const byText = groupBy(results.filter((r) => normaliseText(r.findingText).length >= t.minFindingLength), (r) => normaliseText(r.findingText));
  for (const [text, group] of byText) {
    const entities = new Set(group.map((r) => r.entityKey));
    if (entities.size > 1) {
      const ids = group.map((r) => r.resultId).sort();
      flags.push({ rule: 'identical_findings', key: `identical_findings:${ids.join(',')}`, resultIds: ids, detail: `${entities.size} 个不同对象的描述相同：“${text.slice(0, 40)}”` });
    }
  }

  const byDepartment = groupBy(results, (r) => r.departmentId);
  const rates = new Map<string, number>();
  for (const [department, group] of byDepartment) {
    if (group.length >= t.minResultsForRate) rates.set(department, group.filter((r) => r.codes.length === 1 && r.codes[0] === '1').length / group.length);
  }
  for (const [department, rate] of rates) {
    const peers = [...rates].filter(([d]) => d !== department).map(([, v]) => v);
    if (peers.length === 0) continue;
    const peerMedian = median(peers);
    if (rate - peerMedian >= t.noProblemRateGap) {
      const ids = (byDepartment.get(department) ?? []).map((r) => r.resultId).sort();
      flags.push({
        rule: 'no_problem_rate_outlier',
        key: `no_problem_rate_outlier:${department}`,
        resultIds: ids,
        detail: `部门 ${department} 未发现问题比例 ${(rate * 100).toFixed(1)}%，其他部门中位数 ${(peerMedian * 100).toFixed(1)}%`,
      });
    }
  }

  for (const [key, group] of groupBy(results, (r) => `${r.entityKey}\n${r.inspectionEnd.slice(0, 4)}`)) {
    if (group.length > t.yearlyCap) {
      const [entity, year] = key.split('\n');
      const ids = group.map((r) => r.resultId).sort();
      flags.push({ rule: 'over_yearly_cap', key: `over_yearly_cap:${entity}:${year}`, resultIds: ids, detail: `${entity} 在 ${year} 年被检查 ${group.length} 次（上限 ${t.yearlyCap} 次）` });
    }
  }

  const pairs = groupBy(
    results.flatMap((r) => r.officerKeys.map((officer) => ({ officer, r }))),
    (p) => `${p.officer}\n${p.r.entityKey}`,
  );
  for (const [key, group] of pairs) {
    if (group.length >= t.repeatOfficerTimes) {
      const [officer, entity] = key.split('\n');
      const ids = group.map((p) => p.r.resultId).sort();
      flags.push({ rule: 'repeat_officer', key: `repeat_officer:${officer}:${entity}`, resultIds: ids, detail: `执法人员 ${officer} 已 ${group.length} 次检查 ${entity}` });
    }
  }
  return flags;
}
