import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import type {
  createPlanBodySchema, Plan, PlanDiff, PlanLine, planCoverageSchema, plansOverviewSchema, PlanVersion, publicPlanSchema,
  updatePlanBodySchema,
} from '../../../contracts/plans.ts';
import { quotaOf } from '../../../domain/draw/quota.ts';
import { coverage, DEFAULT_COVERAGE_TARGET_BP, formatBp, publicationStatus, type PublicationStatus } from '../../../domain/plan/coverage.ts';
import { chinaDate } from '../../../domain/task/china-time.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { AuditAction } from '../../audit/audit-events.ts';
import type { PlanLineJson } from '../../db/schema-plans.ts';
import type { Principal } from '../../http/access.ts';
import type { ServiceContext } from '../../http/context.ts';
import { fail, ok, type Result } from '../../http/failures.ts';
import { writeXlsx } from '../../tabular/write-table.ts';
import { departmentsByIds, countEntitiesWhere, intSetting, itemsByIds } from '../tasks/lookups.repository.ts';
import { anyScopeCondition, scopeCondition } from '../tasks/scope-sql.ts';
import { usableItems } from '../tasks/usable-items.ts';
import { diffPlan } from './plan-diff.ts';
import { canApprove, canManageDepartment } from './plans.policy.ts';
import {
  findPlan, findPlanFor, findVersion, insertPlan, insertPlanVersion, listPlanRows, publishedVersions, setCurrentVersion,
  supersedePublished, taskCounts, updateVersionIf, versionsOf, type PlanRow, type PlanVersionRow,
} from './plans.repository.ts';
import { invalidateAllPublicResults } from '../inspections/public-results.cache.ts';

/** Settings key of the coverage target in basis points (default 300 = 3 %). */
export const coverageTargetSettingKey = 'plans.coverageTargetBp';

const actorOf = (principal: Principal) => ({ id: principal.user.id, name: principal.user.displayName });
const iso = (d: Date | null) => d?.toISOString() ?? null;

type Lookup = { items: Map<string, { id: string; code: string; name: string }>; departments: Map<string, { id: string; name: string }> };

async function lookupFor(ctx: ServiceContext, versions: readonly PlanVersionRow[]): Promise<Lookup> {
  const itemIds = new Set<string>();
  const departmentIds = new Set<string>();
  for (const v of versions) for (const l of v.lines) {
    l.itemIds.forEach((id) => itemIds.add(id));
    l.departmentIds.forEach((id) => departmentIds.add(id));
  }
  const [items, departments] = await Promise.all([itemsByIds(ctx.db, [...itemIds]), departmentsByIds(ctx.db, [...departmentIds])]);
  return { items: new Map(items.map((i) => [i.id, i])), departments: new Map(departments.map((d) => [d.id, d])) };
}

function presentVersion(v: PlanVersionRow, lookup: Lookup): PlanVersion {
  return {
    version: v.version,
    status: v.status as PlanVersion['status'],
    title: v.title,
    reason: v.reason,
    lines: v.lines.map((l) => ({
      name: l.name,
      items: l.itemIds.map((id) => lookup.items.get(id) ?? { id, code: '', name: '（已删除的事项）' }).map((i) => ({ id: i.id, code: i.code, name: i.name })),
      departments: l.departmentIds.map((id) => lookup.departments.get(id) ?? { id, name: '' }),
      scope: l.scope,
      ratioBp: l.ratioBp,
      periodFrom: l.periodFrom,
      periodTo: l.periodTo,
    })),
    createdAt: v.createdAt.toISOString(),
    submittedAt: iso(v.submittedAt),
    approvedAt: iso(v.approvedAt),
    approvedBy: v.approvedBy,
    publishedAt: iso(v.publishedAt),
    supersededAt: iso(v.supersededAt),
  };
}

function firstPublishedOn(versions: readonly PlanVersionRow[]): string | null {
  const first = versions.find((v) => v.publishedAt !== null);
  return first?.publishedAt ? chinaDate(first.publishedAt) : null;
}

function presentPublication(status: PublicationStatus): Plan['publication'] {
  return { ...status };
}

async function presentPlans(ctx: ServiceContext, rows: readonly PlanRow[]): Promise<Plan[]> {
  const ids = rows.map((r) => r.id);
  const [versions, counts] = await Promise.all([versionsOf(ctx.db, ids), taskCounts(ctx.db, ids)]);
  const lookup = await lookupFor(ctx, versions.filter((v) => rows.some((r) => r.id === v.planId && r.currentVersion === v.version)));
  const today = chinaDate(ctx.now());
  return rows.map((row) => {
    const own = versions.filter((v) => v.planId === row.id);
    const current = own.find((v) => v.version === row.currentVersion);
    if (!current) throw new Error(`plan ${row.id} has no version ${row.currentVersion}`);
    const published = [...own].reverse().find((v) => v.status === 'published');
    return {
      id: row.id,
      department: { id: row.departmentId, name: row.departmentName },
      year: row.year,
      currentVersion: row.currentVersion,
      current: presentVersion(current, lookup),
      publishedVersion: published?.version ?? null,
      versions: own.map((v) => ({ version: v.version, status: v.status as PlanVersion['status'], reason: v.reason, publishedAt: iso(v.publishedAt) })),
      publication: presentPublication(publicationStatus(row.year, today, firstPublishedOn(own))),
      taskCount: counts.get(row.id) ?? 0,
    };
  });
}

async function presentOne(ctx: ServiceContext, id: string): Promise<Result<Plan>> {
  const row = await findPlan(ctx.db, id);
  if (!row) return fail('not_found', '年度抽查计划不存在');
  const [plan] = await presentPlans(ctx, [row]);
  return plan ? ok(plan) : fail('not_found', '年度抽查计划不存在');
}

async function checkLines(ctx: ServiceContext, lines: readonly PlanLine[]): Promise<Result<PlanLineJson[]>> {
  for (const [index, line] of lines.entries()) {
    if (line.periodTo < line.periodFrom) {
      return fail('validation', `第 ${index + 1} 项计划的结束日期早于开始日期`, [{ path: `body.lines.${index}.periodTo`, message: '结束日期早于开始日期' }]);
    }
    const items = await usableItems(ctx.db, line.itemIds, `body.lines.${index}.itemIds`);
    if (!items.ok) return items;
    const departments = await departmentsByIds(ctx.db, line.departmentIds);
    if (departments.length !== new Set(line.departmentIds).size) {
      return fail('validation', `第 ${index + 1} 项计划的参与部门不存在`, [{ path: `body.lines.${index}.departmentIds`, message: '部门不存在' }]);
    }
  }
  const names = new Set<string>();
  for (const line of lines) {
    if (names.has(line.name)) return fail('validation', `计划中有重名的抽查任务“${line.name}”`, [{ path: 'body.lines', message: '任务名称重复' }]);
    names.add(line.name);
  }
  return ok(lines.map((l) => ({ ...l, departmentIds: [...new Set(l.departmentIds)], itemIds: [...new Set(l.itemIds)] })));
}

export async function listPlansFor(ctx: ServiceContext, query: { year?: number | undefined; departmentId?: string | undefined }): Promise<Result<{ items: Plan[] }>> {
  return ok({ items: await presentPlans(ctx, await listPlanRows(ctx.db, query)) });
}

export async function getPlanFor(ctx: ServiceContext, id: string): Promise<Result<Plan>> {
  return presentOne(ctx, id);
}

export async function createPlanFor(ctx: ServiceContext, principal: Principal, body: z.infer<typeof createPlanBodySchema>): Promise<Result<Plan>> {
  if (!canManageDepartment(principal.user, body.departmentId)) return fail('forbidden', '机构管理员只能编制本机构的年度抽查计划');
  const [department] = await departmentsByIds(ctx.db, [body.departmentId]);
  if (!department) return fail('validation', '机构不存在', [{ path: 'body.departmentId', message: '机构不存在' }]);
  if (await findPlanFor(ctx.db, body.departmentId, body.year)) {
    return fail('conflict', `${department.name} ${body.year} 年度抽查计划已存在；已公开的计划请通过“计划调整”修改`);
  }
  const lines = await checkLines(ctx, body.lines);
  if (!lines.ok) return lines;
  const now = ctx.now();
  const id = await ctx.db.transaction(async (tx) => {
    const plan = await insertPlan(tx, { departmentId: body.departmentId, year: body.year, currentVersion: 1, createdAt: now, updatedAt: now });
    await insertPlanVersion(tx, { planId: plan.id, version: 1, status: 'draft', title: body.title, lines: lines.value, createdBy: principal.user.id, createdAt: now, updatedAt: now });
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'plan.created', subjectType: 'plan', subjectId: plan.id,
      summary: `编制 ${department.name} ${body.year} 年度抽查计划“${body.title}”`,
      changes: { departmentId: body.departmentId, year: body.year, title: body.title, lines: lines.value.length },
    }, now);
    return plan.id;
  });
  return presentOne(ctx, id);
}

async function loadManaged(ctx: ServiceContext, principal: Principal, id: string): Promise<Result<{ plan: PlanRow; current: PlanVersionRow }>> {
  const plan = await findPlan(ctx.db, id);
  if (!plan) return fail('not_found', '年度抽查计划不存在');
  if (!canManageDepartment(principal.user, plan.departmentId)) return fail('forbidden', '机构管理员只能管理本机构的年度抽查计划');
  const current = await findVersion(ctx.db, id, plan.currentVersion);
  if (!current) return fail('not_found', '计划版本不存在');
  return ok({ plan, current });
}

const statusText: Record<string, string> = { draft: '编制中', submitted: '已报审', approved: '已批准', published: '已公开', superseded: '已被替代' };

export async function updatePlanFor(ctx: ServiceContext, principal: Principal, id: string, body: z.infer<typeof updatePlanBodySchema>): Promise<Result<Plan>> {
  const loaded = await loadManaged(ctx, principal, id);
  if (!loaded.ok) return loaded;
  const { plan, current } = loaded.value;
  if (current.status !== 'draft') {
    return fail('conflict', current.status === 'published'
      ? '已公开的计划不能修改；如需调整，请发起“计划调整”形成新版本'
      : `计划第 ${current.version} 版${statusText[current.status] ?? current.status}，只有编制中的版本可以修改`);
  }
  let lines = current.lines;
  if (body.lines) {
    const checked = await checkLines(ctx, body.lines);
    if (!checked.ok) return checked;
    lines = checked.value;
  }
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const updated = await updateVersionIf(tx, plan.id, current.version, 'draft', { title: body.title ?? current.title, lines, updatedAt: now });
    if (!updated) throw new Error('plan version changed concurrently');
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'plan.updated', subjectType: 'plan', subjectId: plan.id,
      summary: `修改 ${plan.departmentName} ${plan.year} 年度抽查计划第 ${current.version} 版`,
      changes: diffPlan(current, { title: body.title ?? current.title, lines }) as unknown as Record<string, unknown>,
    }, now);
  });
  return presentOne(ctx, id);
}

interface Transition {
  from: string;
  to: string;
  action: AuditAction;
  verb: string;
  stamp: (principalId: string, at: Date) => Partial<PlanVersionRow>;
}

const transitions = {
  submit: { from: 'draft', to: 'submitted', action: 'plan.submitted', verb: '报审', stamp: (by, at) => ({ submittedAt: at, submittedBy: by }) },
  approve: { from: 'submitted', to: 'approved', action: 'plan.approved', verb: '批准', stamp: (by, at) => ({ approvedAt: at, approvedBy: by }) },
  publish: { from: 'approved', to: 'published', action: 'plan.published', verb: '公开', stamp: (by, at) => ({ publishedAt: at, publishedBy: by }) },
} satisfies Record<string, Transition>;

export type PlanTransition = keyof typeof transitions;

export async function transitionPlanFor(ctx: ServiceContext, principal: Principal, id: string, name: PlanTransition): Promise<Result<Plan>> {
  const t: Transition = transitions[name];
  const plan = await findPlan(ctx.db, id);
  if (!plan) return fail('not_found', '年度抽查计划不存在');
  // A leader approves any department's plan; the department (or a system admin) submits and publishes.
  if (name === 'approve' && !canApprove(principal.user)) return fail('forbidden', '年度抽查计划须由领导批准');
  if (name !== 'approve' && !canManageDepartment(principal.user, plan.departmentId)) return fail('forbidden', '机构管理员只能管理本机构的年度抽查计划');
  const current = await findVersion(ctx.db, id, plan.currentVersion);
  if (!current) return fail('not_found', '计划版本不存在');
  if (current.status !== t.from) {
    return fail('conflict', `计划第 ${current.version} 版当前为“${statusText[current.status] ?? current.status}”，只有“${statusText[t.from] ?? t.from}”的计划才能${t.verb}`);
  }
  if (name === 'submit' && current.lines.length === 0) return fail('conflict', '计划中还没有抽查任务，不能报审');
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const updated = await updateVersionIf(tx, plan.id, current.version, t.from, { status: t.to, updatedAt: now, ...t.stamp(principal.user.id, now) });
    if (!updated) throw new Error('plan version changed concurrently');
    if (name === 'publish') await supersedePublished(tx, plan.id, current.version, now);
    await appendAudit(tx, {
      actor: actorOf(principal), action: t.action, subjectType: 'plan', subjectId: plan.id,
      summary: `${t.verb} ${plan.departmentName} ${plan.year} 年度抽查计划第 ${current.version} 版`,
      changes: { version: current.version, status: { from: t.from, to: t.to } },
    }, now);
  });
  if (name === 'publish') invalidateAllPublicResults(ctx.db);
  return presentOne(ctx, id);
}

export async function revisePlanFor(ctx: ServiceContext, principal: Principal, id: string, reason: string): Promise<Result<Plan>> {
  const loaded = await loadManaged(ctx, principal, id);
  if (!loaded.ok) return loaded;
  const { plan, current } = loaded.value;
  if (current.status !== 'published') return fail('conflict', '只有已公开的计划才能发起计划调整；未公开的版本可直接修改');
  const now = ctx.now();
  const version = current.version + 1;
  await ctx.db.transaction(async (tx) => {
    await insertPlanVersion(tx, {
      planId: plan.id, version, status: 'draft', title: current.title, lines: current.lines, reason,
      createdBy: principal.user.id, createdAt: now, updatedAt: now,
    });
    await setCurrentVersion(tx, plan.id, version, now);
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'plan.revision_started', subjectType: 'plan', subjectId: plan.id,
      summary: `发起 ${plan.departmentName} ${plan.year} 年度抽查计划调整（第 ${version} 版）：${reason}`,
      changes: { version, reason },
    }, now);
  });
  return presentOne(ctx, id);
}

export async function getPlanVersionFor(ctx: ServiceContext, id: string, version: number): Promise<Result<PlanVersion>> {
  const row = await findVersion(ctx.db, id, version);
  if (!row) return fail('not_found', `计划第 ${version} 版不存在`);
  return ok(presentVersion(row, await lookupFor(ctx, [row])));
}

export async function diffPlanFor(ctx: ServiceContext, id: string, from: number, to: number): Promise<Result<PlanDiff>> {
  const [a, b] = await Promise.all([findVersion(ctx.db, id, from), findVersion(ctx.db, id, to)]);
  if (!a || !b) return fail('not_found', '计划版本不存在');
  return ok({ from, to, reason: b.reason, ...diffPlan(a, b) });
}

async function coverageTarget(ctx: ServiceContext): Promise<number> {
  return intSetting(ctx.db, coverageTargetSettingKey, DEFAULT_COVERAGE_TARGET_BP);
}

/**
 * Coverage of one version: per line, the active directory entities in its scope and the
 * planned number (its ratio, rounded up like a draw quota); overall, the entities in the union
 * of the scopes against the sum of planned (capped at the directory: before the draws, how many
 * distinct entities the lines share is unknown, so this is the upper bound).
 */
async function coverageOfLines(ctx: ServiceContext, lines: readonly PlanLineJson[], targetBp: number) {
  const perLine = [];
  for (const line of lines) {
    const inScope = await countEntitiesWhere(ctx.db, scopeCondition(line.scope));
    const planned = quotaOf(inScope, { ratioBp: line.ratioBp });
    perLine.push({ name: line.name, inScope, planned, ratioBp: line.ratioBp });
  }
  const directory = await countEntitiesWhere(ctx.db, anyScopeCondition(lines.map((l) => l.scope)));
  const planned = Math.min(directory, perLine.reduce((sum, l) => sum + l.planned, 0));
  return { overall: coverage(planned, directory, targetBp), lines: perLine };
}

export async function planCoverageFor(ctx: ServiceContext, id: string): Promise<Result<z.infer<typeof planCoverageSchema>>> {
  const plan = await findPlan(ctx.db, id);
  if (!plan) return fail('not_found', '年度抽查计划不存在');
  const current = await findVersion(ctx.db, id, plan.currentVersion);
  if (!current) return fail('not_found', '计划版本不存在');
  const result = await coverageOfLines(ctx, current.lines, await coverageTarget(ctx));
  return ok({ planId: id, version: current.version, ...result });
}

/** The bureau's combined view of one year: every department's plan and coverage, and overall. */
export async function plansOverviewFor(ctx: ServiceContext, year: number): Promise<Result<z.infer<typeof plansOverviewSchema>>> {
  const targetBp = await coverageTarget(ctx);
  const rows = await listPlanRows(ctx.db, { year });
  const versions = await versionsOf(ctx.db, rows.map((r) => r.id));
  const today = chinaDate(ctx.now());
  const departments = [];
  const allLines: PlanLineJson[] = [];
  let plannedSum = 0;
  for (const row of rows) {
    const own = versions.filter((v) => v.planId === row.id);
    const current = own.find((v) => v.version === row.currentVersion);
    if (!current) continue;
    const result = await coverageOfLines(ctx, current.lines, targetBp);
    plannedSum += result.overall.planned;
    allLines.push(...current.lines);
    departments.push({
      department: { id: row.departmentId, name: row.departmentName },
      planId: row.id,
      status: current.status as PlanVersion['status'],
      version: current.version,
      coverage: result.overall,
      publication: presentPublication(publicationStatus(row.year, today, firstPublishedOn(own))),
      lineCount: current.lines.length,
    });
  }
  const directory = await countEntitiesWhere(ctx.db, anyScopeCondition(allLines.map((l) => l.scope)));
  return ok({ year, targetBp, overall: coverage(Math.min(directory, plannedSum), directory, targetBp), departments });
}

function describeScope(scope: PlanLineJson['scope']): string {
  const parts = [
    scope.industries.length ? `行业：${scope.industries.join('、')}` : '',
    scope.focusAreas.length ? `重点领域：${scope.focusAreas.join('、')}` : '',
    scope.regionCodes.length ? `区划：${scope.regionCodes.join('、')}` : '',
    scope.kinds.length ? `类别：${scope.kinds.map((k) => (k === 'subject' ? '主体类' : '非主体类')).join('、')}` : '',
    scope.objectKinds.length ? `对象类型：${scope.objectKinds.join('、')}` : '',
    scope.statuses.length ? `状态：${scope.statuses.join('、')}` : '',
    scope.tags.length ? `标签：${scope.tags.join('、')}` : '',
  ].filter((p) => p !== '');
  return parts.length ? parts.join('；') : '不定向（全部对象）';
}

export async function exportPlanFor(ctx: ServiceContext, principal: Principal, id: string): Promise<Result<{ file: string; fileName: string; cleanup: () => Promise<void> }>> {
  const plan = await findPlan(ctx.db, id);
  if (!plan) return fail('not_found', '年度抽查计划不存在');
  const current = await findVersion(ctx.db, id, plan.currentVersion);
  if (!current) return fail('not_found', '计划版本不存在');
  const lookup = await lookupFor(ctx, [current]);
  const result = await coverageOfLines(ctx, current.lines, await coverageTarget(ctx));
  const dir = await mkdtemp(path.join(tmpdir(), 'suiji-plan-'));
  const file = path.join(dir, 'plan.xlsx');
  const rows = current.lines.map((l, i) => [
    i + 1,
    l.name,
    l.itemIds.map((itemId) => lookup.items.get(itemId)).map((item) => (item ? `${item.code} ${item.name}` : '')).join('\n'),
    [plan.departmentName, ...l.departmentIds.map((d) => lookup.departments.get(d)?.name ?? '')].join('、'),
    describeScope(l.scope),
    formatBp(l.ratioBp),
    result.lines[i]?.inScope ?? 0,
    result.lines[i]?.planned ?? 0,
    l.periodFrom,
    l.periodTo,
  ] as const);
  await writeXlsx(file, `${plan.year}年度抽查计划`, [
    { header: '序号', width: 6 }, { header: '抽查任务', width: 30 }, { header: '抽查事项', width: 40 }, { header: '参与部门', width: 24 },
    { header: '抽查范围', width: 36 }, { header: '抽查比例' }, { header: '名录户数' }, { header: '计划抽查户数' },
    { header: '开始日期', text: true }, { header: '结束日期', text: true },
  ], rows);
  await ctx.db.transaction(async (tx) => {
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'plan.exported', subjectType: 'plan', subjectId: plan.id,
      summary: `导出 ${plan.departmentName} ${plan.year} 年度抽查计划第 ${current.version} 版`, changes: { version: current.version },
    }, ctx.now());
  });
  return ok({
    file,
    fileName: `${plan.departmentName}-${plan.year}年度抽查计划-第${current.version}版.xlsx`,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  });
}

/** Portal: every version ever published, named field by field (no user ids, no drafts). */
export async function publicPlans(ctx: ServiceContext, year: number | undefined): Promise<Result<{ items: z.infer<typeof publicPlanSchema>[] }>> {
  const rows = await publishedVersions(ctx.db, year);
  const lookup = await lookupFor(ctx, rows);
  return ok({
    items: rows.map((v) => ({
      id: v.planId,
      department: v.departmentName,
      year: v.year,
      version: v.version,
      title: v.title,
      reason: v.reason,
      publishedAt: iso(v.publishedAt) ?? '',
      superseded: v.status === 'superseded',
      lines: v.lines.map((l) => ({
        name: l.name,
        items: l.itemIds.map((i) => lookup.items.get(i)).filter((i) => i !== undefined).map((i) => ({ code: i.code, name: i.name })),
        departments: l.departmentIds.map((d) => lookup.departments.get(d)?.name ?? ''),
        scope: l.scope,
        ratioBp: l.ratioBp,
        periodFrom: l.periodFrom,
        periodTo: l.periodTo,
      })),
    })),
  });
}
