import type { IndicatorsView } from '../../../contracts/oversight.ts';
import { riskClasses } from '../../../domain/directory/risk-class.ts';
import { formatRatio } from '../../../domain/oversight/indicators.ts';
import { formatBp } from '../../../domain/plan/coverage.ts';

export const yesNo = (value: boolean | null): string => (value === null ? '—' : value ? '是' : '否');

/** The rows of the year-end assessment (dashboard table and printable page): label and value per indicator. */
export function assessmentFigures(i: IndicatorsView): { label: string; value: string }[] {
  return [
    { label: '名录户数 / 已检查户数', value: `${i.directoryEntities} / ${i.inspectedEntities}` },
    { label: `抽查覆盖率（目标 ${formatBp(i.coverageTargetBp)}）`, value: `${formatRatio(i.coverageRatio)}${i.coverageMet === false ? '（未达标）' : ''}` },
    { label: '年度计划按时公示', value: yesNo(i.planPublishedOnTime) },
    { label: '检查结果公示率', value: `${formatRatio(i.publicationRate)}（${i.publishedResults}/${i.results}）` },
    { label: '20 个工作日内公示率', value: `${formatRatio(i.onTimeRate)}（${i.publishedOnTime}/${i.publishedResults}）` },
    { label: '后续处置完结率', value: `${formatRatio(i.followUpClosedRate)}（${i.followUpsClosed}/${i.followUps}）` },
    { label: '联合抽查占比', value: `${formatRatio(i.jointTaskShare)}（${i.jointTasks}/${i.tasks}）` },
    { label: '发现问题数', value: String(i.problemsFound) },
    { label: '问题发现率（按风险等级 A/B/C/D/未分类）', value: riskClasses.map((c) => `${c} ${formatRatio(i.problemFoundRateByClass[c])}`).join('　') },
    { label: '执法人员人均检查次数', value: i.officerLoad.mean === null ? '—' : `${i.officerLoad.mean.toFixed(1)}（${i.officerLoad.min}–${i.officerLoad.max}）` },
  ];
}
