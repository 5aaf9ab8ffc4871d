/**
 * Inspection result codes (检查结果), the recommended set of domain-rules §3: the GS52-style
 * codes of the Zhejiang platform, as shown on 国家企业信用信息公示系统. Rules:
 * - 未发现问题 (1) excludes every other code;
 * - 发现问题待后续处理 (A) needs at least one violation subtype and creates a follow-up;
 * - a subtype is only given together with A.
 */

export interface ResultCodeDef {
  code: string;
  label: string;
  /** A violation subtype of A (发现问题待后续处理). */
  subtypeOfA?: true;
}

export const resultCodes = [
  { code: '1', label: '未发现问题' },
  { code: 'A', label: '发现问题待后续处理' },
  { code: 'B', label: '未按规定公示应当公示的信息', subtypeOfA: true },
  { code: 'C', label: '公示信息隐瞒真实情况弄虚作假', subtypeOfA: true },
  { code: '6', label: '通过登记的住所（经营场所）无法联系', subtypeOfA: true },
  { code: '5', label: '违反交通运输相关规定', subtypeOfA: true },
  { code: 'D', label: '违反其他行政管理规定', subtypeOfA: true },
  { code: 'E', label: '发现问题已责令改正' },
  { code: 'F', label: '未发现开展本次抽查涉及的经营活动' },
  { code: '7', label: '已关闭停业或正在组织清算' },
  { code: '8', label: '不配合检查情节严重' },
  { code: '9', label: '注销' },
  { code: '10', label: '被吊销' },
  { code: '11', label: '被撤销' },
  { code: '12', label: '迁出' },
] as const satisfies readonly ResultCodeDef[];

export type ResultCode = (typeof resultCodes)[number]['code'];

const byCode = new Map<string, ResultCodeDef>(resultCodes.map((c) => [c.code, c]));

export function resultCodeLabel(code: ResultCode): string {
  return byCode.get(code)?.label ?? code;
}

export type ResultCodeProblem =
  | { code: 'empty'; message: string }
  | { code: 'unknown_code'; message: string; value: string }
  | { code: 'duplicate_code'; message: string; value: string }
  | { code: 'no_problem_exclusive'; message: string }
  | { code: 'a_needs_subtype'; message: string }
  | { code: 'subtype_without_a'; message: string; value: string };

export interface ResultCodeCheck {
  problems: ResultCodeProblem[];
  /** True when the result opens a follow-up (后续处置) record. */
  followUpRequired: boolean;
}

/** Check the codes chosen for one inspected object. */
export function checkResultCodes(codes: readonly string[]): ResultCodeCheck {
  const problems: ResultCodeProblem[] = [];
  if (codes.length === 0) problems.push({ code: 'empty', message: '请至少选择一项检查结果' });
  const seen = new Set<string>();
  for (const value of codes) {
    if (!byCode.has(value)) problems.push({ code: 'unknown_code', message: `未知的检查结果代码“${value}”`, value });
    if (seen.has(value)) problems.push({ code: 'duplicate_code', message: `检查结果“${value}”重复`, value });
    seen.add(value);
  }
  if (seen.has('1') && seen.size > 1) problems.push({ code: 'no_problem_exclusive', message: '“未发现问题”不能与其他检查结果同时选择' });
  const subtypes = [...seen].filter((c) => byCode.get(c)?.subtypeOfA);
  if (seen.has('A') && subtypes.length === 0) {
    problems.push({ code: 'a_needs_subtype', message: '“发现问题待后续处理”须至少选择一项问题类型' });
  }
  if (!seen.has('A')) {
    for (const value of subtypes) {
      problems.push({ code: 'subtype_without_a', message: `问题类型“${resultCodeLabel(value as ResultCode)}”须与“发现问题待后续处理”一同选择`, value });
    }
  }
  return { problems, followUpRequired: seen.has('A') };
}

/** Answers to one checklist checkpoint (检查要点). */
export const checkpointAnswers = ['yes', 'no', 'not_checked', 'not_applicable'] as const;
export type CheckpointAnswer = (typeof checkpointAnswers)[number];
export const checkpointAnswerLabels: Record<CheckpointAnswer, string> = {
  yes: '是',
  no: '否',
  not_checked: '未检查',
  not_applicable: '合理缺项',
};

/** Verification methods (核查方式), multi-select. */
export const verificationMethods = ['on_site', 'documents', 'agency_findings', 'testing', 'online_monitoring', 'professional_body'] as const;
export type VerificationMethod = (typeof verificationMethods)[number];
export const verificationMethodLabels: Record<VerificationMethod, string> = {
  on_site: '实地检查',
  documents: '书面检查',
  agency_findings: '行政部门检查结果或专业意见',
  testing: '检验检测',
  online_monitoring: '网络监测',
  professional_body: '委托专业机构辅助',
};
