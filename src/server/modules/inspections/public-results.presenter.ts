import { toCsv } from '../../http/open-data-csv.ts';
import { publicResultFields, type PublicResult } from '../../../contracts/inspections.ts';
import { resultCodeLabel, type ResultCode } from '../../../domain/result/result-codes.ts';
import type { ItemResultJson } from '../../db/schema-inspections.ts';

/**
 * The one place published results leave for the portal. Each output field is named here
 * (and listed in publicResultFields, in the order of 国家企业信用信息公示系统): a new column
 * in the tables can never leak. There are no officer names, no representative, no findings
 * text (which may name people) and no evidence.
 */
export interface PublicResultSource {
  entity: { key: string; name: string; uscc: string | null };
  plan: { title: string; year: number } | null;
  task: { code: string; name: string; targeted: boolean };
  inspectingBody: string;
  versions: readonly { version: number; codes: readonly string[]; itemResults: readonly ItemResultJson[]; remarks: string; endedOn: string; publishedOn: string; reason: string | null }[];
  followUpStatus: string | null;
}

/** The status over all follow-ups of the result (see followups.closed-loop.ts): 已闭环 only when every one is closed. */
const followUpLabels: Record<string, string> = { open: '后续处置中', in_progress: '后续处置中', closed: '后续处置已完结（已闭环）' };
const labelsOf = (codes: readonly string[]) => codes.map((c) => resultCodeLabel(c as ResultCode)).join('；');

export function presentPublicResult(source: PublicResultSource): PublicResult | null {
  const versions = [...source.versions].sort((a, b) => a.version - b.version);
  const current = versions[versions.length - 1];
  if (!current) return null;
  const result: PublicResult = {
    entityName: source.entity.name,
    uscc: source.entity.uscc,
    entityKey: source.entity.key,
    planName: source.plan?.title ?? null,
    planYear: source.plan?.year ?? null,
    taskCode: source.task.code,
    taskName: source.task.name,
    inspectionType: source.task.targeted ? '定向抽查' : '不定向抽查',
    inspectingBody: source.inspectingBody,
    completedOn: current.endedOn,
    result: labelsOf(current.codes),
    resultCodes: [...current.codes],
    itemResults: current.itemResults.map((i) => ({ code: i.code, name: i.name, result: i.result })),
    remarks: current.remarks,
    publishedOn: current.publishedOn,
    version: current.version,
    // Each earlier version with the reason of the correction that replaced it.
    corrections: versions.slice(0, -1).map((v, i) => ({
      version: v.version, publishedOn: v.publishedOn, result: labelsOf(v.codes), reason: versions[i + 1]?.reason ?? null,
    })),
    followUpStatus: source.followUpStatus === null ? null : (followUpLabels[source.followUpStatus] ?? source.followUpStatus),
  };
  return result;
}

/** Column headings of the CSV download, one per public field. */
const csvHeadings: Record<(typeof publicResultFields)[number], string> = {
  entityName: '企业名称', uscc: '统一社会信用代码', entityKey: '检查对象代码', planName: '抽查计划名称', planYear: '计划年度',
  taskCode: '抽查任务编号', taskName: '抽查任务名称', inspectionType: '抽查类型', inspectingBody: '检查机关', completedOn: '检查完成日期',
  result: '检查结果', resultCodes: '检查结果代码', itemResults: '检查事项结果', remarks: '备注', publishedOn: '公示日期', version: '版本',
  corrections: '更正记录', followUpStatus: '后续处置状态',
};

function cellText(value: PublicResult[keyof PublicResult]): string {
  if (value === null) return '';
  if (Array.isArray(value)) {
    return value.map((v) => (typeof v === 'string' ? v
      : 'reason' in v ? `第${v.version}版（${v.publishedOn}）${v.result}${v.reason ? `，更正原因：${v.reason}` : ''}`
        : `${v.code} ${v.name}：${v.result}`)).join('；');
  }
  return String(value);
}

/** CSV (open-data-csv.ts), one row per result, every public field. */
export function publicResultsCsv(results: readonly PublicResult[]): string {
  return toCsv(publicResultFields.map((f) => csvHeadings[f]), results.map((r) => publicResultFields.map((f) => cellText(r[f]))));
}
