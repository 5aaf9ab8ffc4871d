import type { DrawRecord } from '../../domain/draw/types.ts';

/**
 * A structural check of a downloaded suiji-draw-v1 record before the portal recomputes it.
 * Hand-written instead of drawRecordSchema (src/contracts/draw.ts) so that the portal does not
 * load zod: it checks the types the verification reads and names the first field that is wrong.
 * (The server validated the record with the zod schema when it stored it.)
 */
export type RecordCheck = { ok: true; record: DrawRecord } | { ok: false; problem: string };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isTexts = (v: unknown): v is string[] => Array.isArray(v) && v.every(isText);
const isQuota = (v: unknown) => isObject(v) && (Object.keys(v).length === 1) && (isCount(v.count) || isCount(v.ratioBp));

type Rule = [field: string, ok: (value: unknown) => boolean];

function firstProblem(value: unknown, at: string, rules: readonly Rule[]): string | null {
  if (!isObject(value)) return `${at} 不是对象`;
  for (const [field, ok] of rules) if (!ok(value[field])) return `${at}.${field} 缺失或格式不正确`;
  return null;
}

function eachProblem(list: unknown, at: string, rules: readonly Rule[]): string | null {
  if (!Array.isArray(list)) return `${at} 不是数组`;
  for (const [i, value] of list.entries()) {
    const problem = firstProblem(value, `${at}[${i}]`, rules);
    if (problem) return problem;
  }
  return null;
}

const stratumInput: Rule[] = [['name', isText], ['quota', isQuota], ['candidates', isTexts]];
const exclusion: Rule[] = [['stratum', isText], ['reason', isText], ['count', isCount]];
const stratumOutput: Rule[] = [
  ['name', isText], ['n', isCount], ['quota', isCount], ['listHash', isText], ['selected', isTexts], ['cutoffTicket', (v) => v === null || isText(v)],
];
const officer: Rule[] = [['key', isText], ['department', isText], ['tags', isTexts]];
const matching: Rule[] = [
  ['teamSize', isCount], ['officers', Array.isArray], ['requiredDepartments', isTexts], ['requiredTags', isTexts],
  ['recusals', (v) => Array.isArray(v) && v.every((pair) => isTexts(pair) && pair.length === 2)],
];
const assignment: Rule[] = [['object', isText], ['officers', isTexts]];

export function checkDrawRecord(json: unknown): RecordCheck {
  const top = firstProblem(json, '记录', [
    ['standard', (v) => v === 'suiji-draw-v1'], ['drawId', isText], ['seed', isText], ['seedMethod', (v) => v === 'dice' || v === 'departments' || v === 'system'],
    ['witnesses', isTexts], ['frozenAt', isText], ['drawnAt', isText], ['strata', Array.isArray], ['exclusions', Array.isArray], ['output', isObject],
  ]);
  if (top) return { ok: false, problem: top };
  const record = json as Record<string, unknown> & { output: Record<string, unknown> };
  const problem = eachProblem(record.strata, 'strata', stratumInput)
    ?? eachProblem(record.exclusions, 'exclusions', exclusion)
    ?? (record.seedContributions === undefined ? null : eachProblem(record.seedContributions, 'seedContributions', [['department', isText], ['digits', isText]]))
    ?? (record.matching === undefined ? null : firstProblem(record.matching, 'matching', matching) ?? eachProblem((record.matching as { officers: unknown }).officers, 'matching.officers', officer))
    ?? eachProblem(record.output.strata, 'output.strata', stratumOutput)
    ?? (isTexts(record.output.order) ? null : 'output.order 缺失或格式不正确')
    ?? (record.output.assignments === null ? null : eachProblem(record.output.assignments, 'output.assignments', assignment));
  return problem ? { ok: false, problem } : { ok: true, record: json as DrawRecord };
}
