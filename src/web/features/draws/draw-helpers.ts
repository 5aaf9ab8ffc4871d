import type { Draw } from '../../../contracts/tasks.ts';
import { MIN_SEED_DIGITS } from '../../../domain/draw/seed.ts';
import { combineDepartmentDigits, stripWhiteSpace } from '../../../domain/task/seed-ceremony.ts';

/**
 * Pure helpers of the draw panel: the seed check the ceremony dialog shows before sending
 * (the server checks again and its refusal is shown too), the results grouped per stratum,
 * and the labels of the dispatch deadline.
 */

export { MIN_SEED_DIGITS };

export type SeedCheck = { ok: true; digits: string } | { ok: false; digits: string; message: string };

/** White space is removed (spec §2); then only 0-9, at least 20 of them. */
export function checkSeedDigits(text: string): SeedCheck {
  const digits = stripWhiteSpace(text);
  if (digits === '') return { ok: false, digits, message: `请输入随机数字（至少 ${MIN_SEED_DIGITS} 位）` };
  if (!/^[0-9]+$/.test(digits)) return { ok: false, digits, message: '随机种子只能由数字 0-9 组成（空白会被去除）' };
  if (digits.length < MIN_SEED_DIGITS) {
    return { ok: false, digits, message: `随机种子至少需要 ${MIN_SEED_DIGITS} 位数字，当前只有 ${digits.length} 位` };
  }
  return { ok: true, digits };
}

/** Each department's digits, then the seed they make: concatenated in code point order of the names. */
export function checkDepartmentSeed(contributions: readonly { department: string; digits: string }[]): SeedCheck {
  const bad = contributions.find((c) => stripWhiteSpace(c.digits) === '' || !/^[0-9]+$/.test(stripWhiteSpace(c.digits)));
  const combined = combineDepartmentDigits(contributions);
  if (bad) return { ok: false, digits: combined, message: `请为“${bad.department}”输入数字（只能是 0-9）` };
  const check = checkSeedDigits(combined);
  return check.ok ? check : { ok: false, digits: combined, message: `各部门数字合并后${check.message.replace(/^随机种子/, '')}` };
}

/** The digits in groups of four, as read aloud at the ceremony. */
export function groupDigits(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export interface SelectedRow {
  rank: number;
  key: string;
  name: string | null;
  ticket: string;
}

export interface StratumResult {
  name: string;
  n: number;
  quota: number;
  cutoffTicket: string | null;
  selected: SelectedRow[];
}

/** Per stratum (as the output lists them), the selected objects in ticket order with their tickets and names. */
export function strataResults(draw: Pick<Draw, 'output' | 'selectedTickets' | 'teams'>): StratumResult[] {
  if (!draw.output) return [];
  const ticketOf = new Map(draw.selectedTickets.map((t) => [t.key, t.ticket]));
  const nameOf = new Map(draw.teams.map((t) => [t.object, t.objectName]));
  return draw.output.strata.map((s) => ({
    name: s.name, n: s.n, quota: s.quota, cutoffTicket: s.cutoffTicket,
    selected: s.selected.map((key, index) => ({ rank: index + 1, key, name: nameOf.get(key) ?? null, ticket: ticketOf.get(key) ?? '' })),
  }));
}

export interface TeamRow {
  /** Position in the draw order (officer matching walks objects in this order). */
  order: number;
  object: string;
  objectName: string | null;
  stratum: string;
  officers: Draw['teams'][number]['officers'];
  /** Keys of officers who came in by a replacement on this object. */
  replacedIn: string[];
}

/** The matched teams in draw order, each with its stratum and who joined by replacement. */
export function teamRows(draw: Pick<Draw, 'output' | 'teams' | 'replacements'>): TeamRow[] {
  const stratumOf = new Map((draw.output?.strata ?? []).flatMap((s) => s.selected.map((key) => [key, s.name] as const)));
  const order = new Map((draw.output?.order ?? []).map((key, index) => [key, index + 1]));
  return draw.teams.map((t) => ({
    order: order.get(t.object) ?? 0,
    object: t.object,
    objectName: t.objectName,
    stratum: stratumOf.get(t.object) ?? '',
    officers: t.officers,
    replacedIn: draw.replacements.filter((r) => r.object === t.object).map((r) => r.replacement).filter((k) => t.officers.some((o) => o.key === k)),
  })).sort((a, b) => a.order - b.order);
}

export type DeadlineTone = 'success' | 'warning' | 'error' | 'processing';

/** The label of one department's confirmation of its list, and how loud to show it (overdue in red). */
export function confirmationLabel(
  department: { confirmedOn: string | null; overdue: boolean; late: boolean }, deadline: string, provisional: boolean,
): { text: string; tone: DeadlineTone } {
  if (department.confirmedOn !== null) {
    return department.late
      ? { text: `已确认（${department.confirmedOn}，晚于期限 ${deadline}）`, tone: 'warning' }
      : { text: `已确认（${department.confirmedOn}）`, tone: 'success' };
  }
  if (department.overdue) return { text: `逾期未确认（期限 ${deadline}）`, tone: 'error' };
  return { text: `待确认，期限 ${deadline}${provisional ? '（日历未覆盖，期限可能调整）' : ''}`, tone: 'processing' };
}

/** Exclusion counts summed per reason across strata, for the announcement. */
export function exclusionTotals(exclusions: readonly { stratum: string; reason: string; count: number }[]): { reason: string; count: number; strata: string[] }[] {
  const byReason = new Map<string, { reason: string; count: number; strata: string[] }>();
  for (const e of exclusions) {
    const entry = byReason.get(e.reason) ?? { reason: e.reason, count: 0, strata: [] };
    entry.count += e.count;
    if (!entry.strata.includes(e.stratum)) entry.strata.push(e.stratum);
    byReason.set(e.reason, entry);
  }
  return [...byReason.values()];
}

/** 3% for {ratioBp: 300}, 5 户 for {count: 5}. */
export function quotaLabel(quota: { count: number } | { ratioBp: number }): string {
  if ('count' in quota) return `${quota.count} 户`;
  return `${(quota.ratioBp / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}%`;
}
