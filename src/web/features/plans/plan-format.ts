import { planStatusLabels, type Plan, type PlanDiff, type PlanStatus, type PlanVersion } from '../../../contracts/plans.ts';
import type { ScopeFilters } from '../../../contracts/tasks.ts';
import { formatBp } from '../../../domain/plan/coverage.ts';
import { entityStatusLabels, type EntityStatus } from '../../../domain/task/candidate-pool.ts';

/**
 * Pure helpers of the 年度抽查计划 pages: labels, coverage texts, which actions a user may take,
 * the line form ⇄ API body conversion and the rows of a version diff. Kept free of React and
 * antd so that they are tested directly.
 */

export { formatBp };

export interface CoverageFigures {
  planned: number;
  directory: number;
  ratioBp: number;
  targetBp: number;
  required: number;
  meetsTarget: boolean;
  shortfall: number;
}

/** "3.12%（计划 12 户 / 名录 385 户）". */
export function formatCoverage(c: CoverageFigures): string {
  return `${formatBp(c.ratioBp)}（计划 ${c.planned} 户 / 名录 ${c.directory} 户）`;
}

/** Whether the coverage meets the target, in words; `ok` false is shown in red. */
export function coverageVerdict(c: CoverageFigures): { ok: boolean; text: string } {
  if (c.directory === 0) return { ok: false, text: '范围内没有名录对象，无法测算覆盖率' };
  if (c.meetsTarget) return { ok: true, text: `达到目标比例 ${formatBp(c.targetBp)}` };
  return { ok: false, text: `低于目标比例 ${formatBp(c.targetBp)}：还需计划 ${c.shortfall} 户（至少 ${c.required} 户）` };
}

export const planStatusColors: Record<PlanStatus, string> = {
  draft: 'default', submitted: 'processing', approved: 'blue', published: 'green', superseded: 'default',
};

export function planStatusLabel(status: PlanStatus): string {
  return planStatusLabels[status];
}

export type Publication = Plan['publication'];

/** The publication deadline status (未到期/即将到期/已逾期/按时公开/逾期公开) with its details and tag color. */
export function publicationLabel(p: Publication): { label: string; detail: string; color: string } {
  switch (p.kind) {
    case 'not_due': return { label: '未到期', detail: `公开期限 ${p.deadline}，还有 ${p.daysLeft ?? 0} 天`, color: 'default' };
    case 'due_soon': return { label: '即将到期', detail: `公开期限 ${p.deadline}，仅剩 ${p.daysLeft ?? 0} 天`, color: 'orange' };
    case 'overdue': return { label: '已逾期', detail: `公开期限 ${p.deadline}，已逾期 ${p.daysOverdue ?? 0} 天`, color: 'red' };
    case 'published_on_time': return { label: '按时公开', detail: `${p.publishedOn ?? ''} 公开（期限 ${p.deadline}）`, color: 'green' };
    case 'published_late': return { label: '逾期公开', detail: `${p.publishedOn ?? ''} 公开，逾期 ${p.daysLate ?? 0} 天（期限 ${p.deadline}）`, color: 'volcano' };
  }
}

interface Actor {
  roles: readonly string[];
  departmentId: string | null;
}

export function canCreatePlan(user: Actor): boolean {
  return user.roles.includes('system_admin') || (user.roles.includes('department_admin') && user.departmentId !== null);
}

/** Mirrors canManageDepartment on the server: a system admin, or the plan department's admin. */
export function canManagePlan(user: Actor, departmentId: string): boolean {
  if (user.roles.includes('system_admin')) return true;
  return user.roles.includes('department_admin') && user.departmentId === departmentId;
}

export interface PlanActions {
  edit: boolean;
  submit: boolean;
  approve: boolean;
  publish: boolean;
  revise: boolean;
}

/** What the user may do with the plan's current version (the server checks again). */
export function planActions(user: Actor, plan: Pick<Plan, 'department' | 'current'>): PlanActions {
  const manage = canManagePlan(user, plan.department.id);
  const status = plan.current.status;
  return {
    edit: manage && status === 'draft',
    submit: manage && status === 'draft' && plan.current.lines.length > 0,
    approve: user.roles.includes('leader') && status === 'submitted',
    publish: manage && status === 'approved',
    revise: manage && status === 'published',
  };
}

export function defaultPlanTitle(departmentName: string, year: number): string {
  return `${departmentName} ${year} 年度双随机抽查计划`;
}

/** Years to pick from: last year to two years ahead. */
export function yearOptions(currentYear: number): number[] {
  return [currentYear - 1, currentYear, currentYear + 1, currentYear + 2];
}

const kindLabels: Record<string, string> = { subject: '主体类', object: '非主体类' };

export function describeScope(scope: ScopeFilters): string {
  const parts = [
    scope.industries.length ? `行业：${scope.industries.join('、')}` : '',
    scope.focusAreas.length ? `重点领域：${scope.focusAreas.join('、')}` : '',
    scope.regionCodes.length ? `区划：${scope.regionCodes.join('、')}` : '',
    scope.kinds.length ? `类别：${scope.kinds.map((k) => kindLabels[k] ?? k).join('、')}` : '',
    scope.objectKinds.length ? `对象类型：${scope.objectKinds.join('、')}` : '',
    scope.statuses.length ? `状态：${scope.statuses.map((s) => entityStatusLabels[s]).join('、')}` : '',
    scope.tags.length ? `标签：${scope.tags.join('、')}` : '',
  ].filter((p) => p !== '');
  return parts.length ? parts.join('；') : '不定向（全部对象）';
}

/** One line of the editor form; dates as YYYY-MM-DD (the page converts its date pickers). */
export interface LineFormValues {
  name?: string;
  itemIds?: string[];
  departmentIds?: string[];
  industries?: string[];
  focusAreas?: string[];
  regionCodes?: string[];
  kinds?: ('subject' | 'object')[];
  objectKinds?: string[];
  statuses?: EntityStatus[];
  tags?: string[];
  ratioPercent?: number | null;
  periodFrom?: string;
  periodTo?: string;
}

export interface PlanLineBody {
  name: string;
  itemIds: string[];
  departmentIds: string[];
  scope: ScopeFilters;
  ratioBp: number;
  periodFrom: string;
  periodTo: string;
}

/** 2.5 (%) → 250 basis points. */
export function percentToBp(percent: number): number {
  return Math.round(percent * 100);
}

export function lineToBody(v: LineFormValues): PlanLineBody {
  const list = <T>(x: T[] | undefined): T[] => x ?? [];
  return {
    name: (v.name ?? '').trim(),
    itemIds: list(v.itemIds),
    departmentIds: list(v.departmentIds),
    scope: {
      industries: list(v.industries), focusAreas: list(v.focusAreas), regionCodes: list(v.regionCodes), kinds: list(v.kinds),
      objectKinds: list(v.objectKinds), statuses: list(v.statuses), tags: list(v.tags),
    },
    ratioBp: percentToBp(v.ratioPercent ?? 0),
    periodFrom: v.periodFrom ?? '',
    periodTo: v.periodTo ?? '',
  };
}

export function lineToForm(line: PlanVersion['lines'][number]): LineFormValues {
  return {
    name: line.name,
    itemIds: line.items.map((i) => i.id),
    departmentIds: line.departments.map((d) => d.id),
    ...line.scope,
    ratioPercent: line.ratioBp / 100,
    periodFrom: line.periodFrom,
    periodTo: line.periodTo,
  };
}

/** Item and department names of some versions, to show the ids a diff carries. */
export interface NameLookup {
  items: Map<string, string>;
  departments: Map<string, string>;
}

export function nameLookup(versions: readonly PlanVersion[]): NameLookup {
  const items = new Map<string, string>();
  const departments = new Map<string, string>();
  for (const v of versions) for (const l of v.lines) {
    l.items.forEach((i) => items.set(i.id, `${i.code} ${i.name}`.trim()));
    l.departments.forEach((d) => departments.set(d.id, d.name));
  }
  return { items, departments };
}

export const planLineFieldLabels: Record<string, string> = {
  itemIds: '抽查事项', departmentIds: '联合抽查部门', scope: '抽查范围', ratioBp: '抽查比例', periodFrom: '开始日期', periodTo: '结束日期',
};

const ids = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

export function formatLineValue(field: string, value: unknown, names: NameLookup): string {
  switch (field) {
    case 'itemIds': return ids(value).map((id) => names.items.get(id) ?? id).join('、') || '—';
    case 'departmentIds': return ids(value).map((id) => names.departments.get(id) ?? id).join('、') || '无';
    case 'scope': return value && typeof value === 'object' ? describeScope(value as ScopeFilters) : '—';
    case 'ratioBp': return typeof value === 'number' ? formatBp(value) : '—';
    default: return value === null || value === undefined || value === '' ? '—' : String(value);
  }
}

export interface DiffRow {
  key: string;
  kind: 'title' | 'added' | 'removed' | 'changed';
  /** 新增 / 删除 / 修改 / 标题. */
  kindLabel: string;
  line: string;
  field: string;
  from: string;
  to: string;
}

/** The rows of the diff view: the title, then lines added, removed and changed field by field. */
export function diffRows(diff: PlanDiff, names: NameLookup): DiffRow[] {
  const rows: DiffRow[] = [];
  if (diff.titleChanged) {
    rows.push({ key: 'title', kind: 'title', kindLabel: '修改', line: '（计划标题）', field: '标题', from: diff.titleChanged.from, to: diff.titleChanged.to });
  }
  for (const name of diff.added) rows.push({ key: `added:${name}`, kind: 'added', kindLabel: '新增', line: name, field: '整项', from: '—', to: '新增此项抽查任务' });
  for (const name of diff.removed) rows.push({ key: `removed:${name}`, kind: 'removed', kindLabel: '删除', line: name, field: '整项', from: '原有此项抽查任务', to: '—' });
  for (const change of diff.changed) {
    for (const f of change.fields) {
      rows.push({
        key: `changed:${change.name}:${f.field}`, kind: 'changed', kindLabel: '修改', line: change.name,
        field: planLineFieldLabels[f.field] ?? f.field, from: formatLineValue(f.field, f.from, names), to: formatLineValue(f.field, f.to, names),
      });
    }
  }
  return rows;
}

const scopeFields = new Set(['industries', 'focusAreas', 'regionCodes', 'kinds', 'objectKinds', 'statuses', 'tags']);

/**
 * The editor field a server error path names: `body.lines.0.itemIds.2` → ['lines', 0, 'itemIds'],
 * `body.lines.1.scope.regionCodes.0` → ['lines', 1, 'regionCodes'], the dates → the period picker.
 * Null when the error is about no single field (it is shown as a message only).
 */
export function editorFieldOf(path: string): (string | number)[] | null {
  const parts = path.replace(/^body\./, '').split('.');
  if (parts[0] === 'title' && parts.length === 1) return ['title'];
  if (parts[0] !== 'lines' || parts.length < 3 || !/^\d+$/.test(parts[1] ?? '')) return null;
  const index = Number(parts[1]);
  const field = parts[2] ?? '';
  if (field === 'periodFrom' || field === 'periodTo') return ['lines', index, 'period'];
  if (field === 'ratioBp') return ['lines', index, 'ratioPercent'];
  if (field === 'scope') return scopeFields.has(parts[3] ?? '') ? ['lines', index, parts[3] ?? ''] : null;
  return ['name', 'itemIds', 'departmentIds'].includes(field) ? ['lines', index, field] : null;
}
