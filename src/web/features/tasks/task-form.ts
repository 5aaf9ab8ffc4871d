import type { CreateTaskBody, ScopeFilters, StrataPlan, Task, UpdateTaskBody } from '../../../contracts/tasks.ts';
import { riskClasses, type RiskClass } from '../../../domain/directory/risk-class.ts';
import type { EntityStatus } from '../../../domain/task/candidate-pool.ts';

/**
 * Pure helpers of the task editor: percent ⇄ basis points, and the form values ⇄ API body.
 * Staff type ratios as percent ("5" = 5 %); the API stores basis points (ratioBp 500), so that
 * the draw standard never sees a float. Kept free of React and antd so they are tested directly.
 */

/** 5 → 500, 0.25 → 25, 12.345 → 1235 (rounded to the nearest basis point, as the API accepts whole ones). */
export function percentToBp(percent: number): number {
  return Math.round(percent * 100);
}

/** 500 → 5, 25 → 0.25. */
export function bpToPercent(bp: number): number {
  return bp / 100;
}

/** One quota as entered: a ratio in percent or a count of objects. */
export interface QuotaInput {
  mode: 'ratio' | 'count';
  value: number | null;
}

export interface ClassQuotaInput extends QuotaInput {
  /** Off: the class has no quota (its objects are listed as 未设定比例 and not drawn). */
  enabled: boolean;
}

export interface TaskFormValues {
  code: string;
  name: string;
  source: 'plan' | 'ad_hoc';
  planId: string | null;
  organizerDepartmentId: string;
  participatingDepartmentIds: string[];
  itemIds: string[];
  targeted: boolean;
  scope: ScopeFilters;
  strataKind: StrataPlan['kind'];
  single: QuotaInput;
  classes: Record<RiskClass, ClassQuotaInput>;
  exclusions: {
    excludedStatuses: EntityStatus[];
    inspectedWithinDays: number | null;
    yearlyCap: number | null;
    classANotAgainSameYear: boolean;
  };
  team: { teamSize: number; requiredDepartmentIds: string[]; requiredTags: string[] };
  periodFrom: string;
  periodTo: string;
  description: string;
}

export const emptyScope = (): ScopeFilters => ({ industries: [], focusAreas: [], regionCodes: [], kinds: [], objectKinds: [], statuses: [], tags: [] });

export const defaultExcludedStatuses: EntityStatus[] = ['deregistered', 'revoked', 'moved_out', 'closed'];

type QuotaRule = { count: number } | { ratioBp: number };

export function quotaToInput(rule: QuotaRule | undefined): QuotaInput {
  if (rule === undefined) return { mode: 'ratio', value: null };
  return 'count' in rule ? { mode: 'count', value: rule.count } : { mode: 'ratio', value: bpToPercent(rule.ratioBp) };
}

/** The rule, or null when no value has been entered. */
export function inputToQuota(input: QuotaInput): QuotaRule | null {
  if (input.value === null || !Number.isFinite(input.value)) return null;
  return input.mode === 'count' ? { count: Math.round(input.value) } : { ratioBp: percentToBp(input.value) };
}

export function strataToForm(strata: StrataPlan): Pick<TaskFormValues, 'strataKind' | 'single' | 'classes'> {
  const classes = Object.fromEntries(riskClasses.map((c) => {
    const rule = strata.kind === 'by_risk_class' ? strata.quotas[c] : undefined;
    return [c, { ...quotaToInput(rule), enabled: rule !== undefined }];
  })) as Record<RiskClass, ClassQuotaInput>;
  return {
    strataKind: strata.kind,
    single: strata.kind === 'single' ? quotaToInput(strata.quota) : { mode: 'ratio', value: 5 },
    classes,
  };
}

/** The strata plan of the form; a class switched on but left empty counts as not set. */
export function formToStrata(values: Pick<TaskFormValues, 'strataKind' | 'single' | 'classes'>): StrataPlan | null {
  if (values.strataKind === 'single') {
    const quota = inputToQuota(values.single);
    return quota === null ? null : { kind: 'single', quota };
  }
  const quotas: Partial<Record<RiskClass, QuotaRule>> = {};
  for (const c of riskClasses) {
    const input = values.classes[c];
    const quota = input.enabled ? inputToQuota(input) : null;
    if (quota !== null) quotas[c] = quota;
  }
  return Object.keys(quotas).length === 0 ? null : { kind: 'by_risk_class', quotas };
}

/** Default classes: higher risk, higher ratio (差异化抽查), as the guidance suggests. */
export function defaultClasses(): Record<RiskClass, ClassQuotaInput> {
  const ratio = (value: number): ClassQuotaInput => ({ enabled: true, mode: 'ratio', value });
  return { A: ratio(3), B: ratio(5), C: ratio(10), D: ratio(20), U: ratio(5) };
}

export function newTaskValues(organizerDepartmentId: string, year: number): TaskFormValues {
  return {
    code: '', name: '', source: 'ad_hoc', planId: null, organizerDepartmentId,
    participatingDepartmentIds: organizerDepartmentId ? [organizerDepartmentId] : [], itemIds: [], targeted: false, scope: emptyScope(),
    strataKind: 'single', single: { mode: 'ratio', value: 5 }, classes: defaultClasses(),
    exclusions: { excludedStatuses: [...defaultExcludedStatuses], inspectedWithinDays: null, yearlyCap: null, classANotAgainSameYear: false },
    team: { teamSize: 2, requiredDepartmentIds: [], requiredTags: [] },
    periodFrom: `${year}-03-01`, periodTo: `${year}-11-30`, description: '',
  };
}

export function taskToValues(task: Task): TaskFormValues {
  const strata = strataToForm(task.strata);
  return {
    code: task.code, name: task.name, source: task.source, planId: task.planId, organizerDepartmentId: task.organizerDepartment.id,
    participatingDepartmentIds: task.participatingDepartments.map((d) => d.id), itemIds: task.items.map((i) => i.id),
    targeted: task.targeted, scope: { ...emptyScope(), ...task.scope },
    ...strata,
    classes: task.strata.kind === 'by_risk_class' ? strata.classes : defaultClasses(),
    exclusions: { ...task.exclusions },
    team: { ...task.team },
    periodFrom: task.periodFrom, periodTo: task.periodTo, description: task.description,
  };
}

/** Trimmed, without blanks or repeats. */
const clean = (list: readonly string[] | undefined): string[] => [...new Set((list ?? []).map((s) => s.trim()).filter((s) => s !== ''))];

function scopeOf(values: TaskFormValues): ScopeFilters {
  if (!values.targeted) return emptyScope();
  const s = values.scope;
  return {
    industries: clean(s.industries), focusAreas: clean(s.focusAreas), regionCodes: clean(s.regionCodes),
    kinds: [...new Set(s.kinds)], objectKinds: clean(s.objectKinds), statuses: [...new Set(s.statuses)], tags: clean(s.tags),
  };
}

export class StrataMissingError extends Error {
  constructor() {
    super('请至少为一个分层填写抽取比例或户数');
    this.name = 'StrataMissingError';
  }
}

/** The create body. Throws StrataMissingError when no quota is filled in. */
export function valuesToCreateBody(values: TaskFormValues): CreateTaskBody {
  const strata = formToStrata(values);
  if (strata === null) throw new StrataMissingError();
  return {
    code: values.code.trim(), name: values.name.trim(), planId: values.source === 'plan' ? values.planId : null,
    organizerDepartmentId: values.organizerDepartmentId,
    participatingDepartmentIds: [...new Set([values.organizerDepartmentId, ...values.participatingDepartmentIds])],
    itemIds: [...new Set(values.itemIds)],
    scope: scopeOf(values), strata,
    exclusions: { ...values.exclusions, excludedStatuses: [...new Set(values.exclusions.excludedStatuses)] },
    team: { teamSize: values.team.teamSize, requiredDepartmentIds: [...new Set(values.team.requiredDepartmentIds)], requiredTags: clean(values.team.requiredTags) },
    periodFrom: values.periodFrom, periodTo: values.periodTo, description: values.description.trim(),
  };
}

/** The update body of a draft: everything editable (code, source and organiser are fixed once created). */
export function valuesToUpdateBody(values: TaskFormValues): UpdateTaskBody {
  const { code: _code, planId: _planId, organizerDepartmentId: _organizer, ...rest } = valuesToCreateBody(values);
  return rest;
}
