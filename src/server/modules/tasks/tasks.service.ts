import type { z } from 'zod';
import type {
  CreateTaskBody, Draw, listTasksQuerySchema, OneIndustryTemplate, oneIndustryTemplateQuerySchema, publicTaskDetailSchema, publicTaskSchema, Task, UpdateTaskBody,
} from '../../../contracts/tasks.ts';
import type { IsoDate } from '../../../domain/calendar/civil-date.ts';
import { officerIneligibility, type OfficerCategory, type OfficerStatus } from '../../../domain/directory/officer-eligibility.ts';
import type { RiskClass } from '../../../domain/directory/risk-class.ts';
import { compareCodePoints } from '../../../domain/draw/compare-code-points.ts';
import { describeDrawError } from '../../../domain/draw/draw-errors.ts';
import { listHash } from '../../../domain/draw/list-hash.ts';
import { sortByCodePoint } from '../../../domain/draw/sort-keys.ts';
import type { MatchingInput } from '../../../domain/draw/types.ts';
import { validateDrawInput } from '../../../domain/draw/validate.ts';
import {
  buildCandidatePool, exclusionReasonLabels, inspectionLookback, type CandidateFacts, type EntityStatus, type ExclusionReason, type ExclusionRules,
} from '../../../domain/task/candidate-pool.ts';
import { chinaDate, chinaIso } from '../../../domain/task/china-time.ts';
import { DEFAULT_CONFIRM_WORKDAYS } from '../../../domain/task/dispatch.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import { refuseIfArchived } from '../archives/archived-guard.ts';
import type { Principal } from '../../http/access.ts';
import type { ServiceContext } from '../../http/context.ts';
import { fail, ok, type Result } from '../../http/failures.ts';
import { presentDraw, presentPublicAnnouncement } from '../draws/draws.presenter.ts';
import { findDraw } from '../draws/draws.repository.ts';
import { nodeSha256 } from '../../draw/node-sha256.ts';
import { yieldToEventLoop } from '../../jobs/job-runner.ts';
import { claimedActiveItems, departmentsByIds, intSetting, itemsByIds } from './lookups.repository.ts';
import { buildOneIndustryTemplate } from './one-industry.ts';
import { refuseAudited } from './refusal.ts';
import { isTargeted, scopeCondition } from './scope-sql.ts';
import { canManageTask } from './tasks.policy.ts';
import {
  activeConflicts, drawIdTaken, drawsOfTasks, findTask, findTaskByCode, insertDraw, insertTask, listTaskRows, maxAttempt,
  officersOfDepartments, planPublicationState, previousInspectionDates, previousTeams, selectCandidates, setTaskStatusIf, updateTask,
  type TaskRow,
} from './tasks.repository.ts';
import { usableItems } from './usable-items.ts';

/** Settings key: working days each participating department has to confirm its list (default 2). */
export const confirmWorkdaysSettingKey = 'draws.confirmWorkdays';

const actorOf = (principal: Principal) => ({ id: principal.user.id, name: principal.user.displayName });

async function presentTasks(ctx: ServiceContext, rows: readonly TaskRow[]): Promise<Task[]> {
  const departmentIds = new Set<string>();
  const itemIds = new Set<string>();
  for (const r of rows) {
    departmentIds.add(r.organizerDepartmentId);
    r.participatingDepartmentIds.forEach((d) => departmentIds.add(d));
    r.itemIds.forEach((i) => itemIds.add(i));
  }
  const [departments, items, draws] = await Promise.all([
    departmentsByIds(ctx.db, [...departmentIds]), itemsByIds(ctx.db, [...itemIds]), drawsOfTasks(ctx.db, rows.map((r) => r.id)),
  ]);
  const department = new Map(departments.map((d) => [d.id, d]));
  const item = new Map(items.map((i) => [i.id, i]));
  const ref = (id: string) => department.get(id) ?? { id, name: '' };
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    source: r.source as Task['source'],
    planId: r.planId,
    organizerDepartment: ref(r.organizerDepartmentId),
    participatingDepartments: r.participatingDepartmentIds.map(ref),
    joint: r.participatingDepartmentIds.length > 1,
    targeted: isTargeted(r.scope),
    items: r.itemIds.map((id) => item.get(id)).filter((i) => i !== undefined).map((i) => ({ id: i.id, code: i.code, name: i.name, category: i.category })),
    scope: r.scope,
    strata: r.strataPlan,
    exclusions: r.exclusionRules,
    team: r.teamRules,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    description: r.description,
    status: r.status as Task['status'],
    draws: draws.filter((d) => d.taskId === r.id).map((d) => ({
      id: d.id, drawId: d.drawId, status: d.status as Task['draws'][number]['status'], frozenAt: chinaIso(d.frozenAt),
      drawnAt: d.drawnAt ? chinaIso(d.drawnAt) : null, abandonReason: d.abandonReason,
    })),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

async function presentOne(ctx: ServiceContext, id: string): Promise<Result<Task>> {
  const row = await findTask(ctx.db, id);
  if (!row) return fail('not_found', '抽查任务不存在');
  const [task] = await presentTasks(ctx, [row]);
  return task ? ok(task) : fail('not_found', '抽查任务不存在');
}

interface TaskShape {
  organizerDepartmentId: string;
  participatingDepartmentIds: string[];
  itemIds: string[];
  team: Task['team'];
  periodFrom: string;
  periodTo: string;
}

/** Rules every task must satisfy (on create and on each edit). Returns the normalised shape. */
async function checkTask(ctx: ServiceContext, shape: TaskShape): Promise<Result<TaskShape>> {
  const participating = [...new Set([shape.organizerDepartmentId, ...shape.participatingDepartmentIds])];
  const found = await departmentsByIds(ctx.db, participating);
  if (found.length !== participating.length) return fail('validation', '组织部门或参与部门不存在', [{ path: 'body.participatingDepartmentIds', message: '部门不存在' }]);
  const names = new Set(found.map((d) => d.name));
  if (names.size !== found.length) return fail('validation', '参与部门中有同名部门，抽取规则按部门名称区分，请先区分名称', [{ path: 'body.participatingDepartmentIds', message: '部门名称重复' }]);
  const required = [...new Set(shape.team.requiredDepartmentIds)];
  if (required.some((d) => !participating.includes(d))) {
    return fail('validation', '必须参加检查组的部门应为参与部门', [{ path: 'body.team.requiredDepartmentIds', message: '不是参与部门' }]);
  }
  if (shape.team.teamSize < required.length) {
    return fail('validation', `检查组人数（${shape.team.teamSize}）少于必须参加的部门数（${required.length}）`, [{ path: 'body.team.teamSize', message: '检查组人数少于必须参加的部门数' }]);
  }
  if (shape.periodTo < shape.periodFrom) return fail('validation', '任务结束日期早于开始日期', [{ path: 'body.periodTo', message: '结束日期早于开始日期' }]);
  const items = await usableItems(ctx.db, shape.itemIds, 'body.itemIds');
  if (!items.ok) return items;
  return ok({
    ...shape,
    participatingDepartmentIds: participating,
    itemIds: [...new Set(shape.itemIds)],
    team: { ...shape.team, requiredDepartmentIds: required, requiredTags: [...new Set(shape.team.requiredTags)] },
  });
}

export async function createTaskFor(ctx: ServiceContext, principal: Principal, body: CreateTaskBody): Promise<Result<Task>> {
  if (!canManageTask(principal.user, { organizerDepartmentId: body.organizerDepartmentId, participatingDepartmentIds: [] })) {
    return fail('forbidden', '机构管理员只能以本机构为组织部门创建抽查任务');
  }
  if (body.planId !== null) {
    const state = await planPublicationState(ctx.db, body.planId);
    if (state === 'missing') return fail('validation', '年度抽查计划不存在', [{ path: 'body.planId', message: '计划不存在' }]);
    if (state === 'unpublished') return fail('conflict', '年度抽查计划尚未批准公开，不能据此创建抽查任务（可创建临时任务）');
  }
  if ((await findTaskByCode(ctx.db, body.code)) || (await drawIdTaken(ctx.db, body.code))) {
    return fail('conflict', `任务编号“${body.code}”已被使用，任务编号即公开的抽取编号，必须唯一`);
  }
  const checked = await checkTask(ctx, body);
  if (!checked.ok) return checked;
  const now = ctx.now();
  const id = await ctx.db.transaction(async (tx) => {
    const row = await insertTask(tx, {
      code: body.code, name: body.name, source: body.planId === null ? 'ad_hoc' : 'plan', planId: body.planId,
      organizerDepartmentId: body.organizerDepartmentId, participatingDepartmentIds: checked.value.participatingDepartmentIds,
      itemIds: checked.value.itemIds, scope: body.scope, strataPlan: body.strata, exclusionRules: body.exclusions,
      teamRules: checked.value.team, periodFrom: body.periodFrom, periodTo: body.periodTo, description: body.description,
      status: 'draft', createdBy: principal.user.id, createdAt: now, updatedAt: now,
    });
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'task.created', subjectType: 'task', subjectId: row.id,
      summary: `创建抽查任务 ${body.code}“${body.name}”${body.planId === null ? '（临时任务）' : ''}`,
      changes: { code: body.code, name: body.name, planId: body.planId, itemIds: checked.value.itemIds, participatingDepartmentIds: checked.value.participatingDepartmentIds },
    }, now);
    return row.id;
  });
  return presentOne(ctx, id);
}

const frozenDetail = (task: TaskRow) =>
  `抽查任务 ${task.code} 已冻结（候选名单和规则已公布），不能修改；如确需修改，请先作废当前抽取并说明原因，再重新冻结（形成新的抽取编号）`;

export async function updateTaskFor(ctx: ServiceContext, principal: Principal, id: string, body: UpdateTaskBody): Promise<Result<Task>> {
  const task = await findTask(ctx.db, id);
  if (!task) return fail('not_found', '抽查任务不存在');
  if (!canManageTask(principal.user, task)) return fail('forbidden', '机构管理员只能管理本机构组织或参与的抽查任务');
  const archived = await refuseIfArchived(ctx.db, task);
  if (archived) return archived;
  if (task.status !== 'draft') {
    return refuseAudited(ctx, principal, { action: 'task.change_refused', subjectType: 'task', subjectId: task.id, attempted: `修改字段：${Object.keys(body).join('、')}` }, frozenDetail(task));
  }
  const checked = await checkTask(ctx, {
    organizerDepartmentId: task.organizerDepartmentId,
    participatingDepartmentIds: body.participatingDepartmentIds ?? task.participatingDepartmentIds,
    itemIds: body.itemIds ?? task.itemIds,
    team: body.team ?? (task.teamRules),
    periodFrom: body.periodFrom ?? task.periodFrom,
    periodTo: body.periodTo ?? task.periodTo,
  });
  if (!checked.ok) return checked;
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await updateTask(tx, id, {
      name: body.name ?? task.name, participatingDepartmentIds: checked.value.participatingDepartmentIds, itemIds: checked.value.itemIds,
      scope: body.scope ?? task.scope, strataPlan: body.strata ?? task.strataPlan, exclusionRules: body.exclusions ?? task.exclusionRules,
      teamRules: checked.value.team, periodFrom: checked.value.periodFrom, periodTo: checked.value.periodTo,
      description: body.description ?? task.description, updatedAt: now,
    });
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'task.updated', subjectType: 'task', subjectId: id,
      summary: `修改抽查任务 ${task.code}`, changes: body as Record<string, unknown>,
    }, now);
  });
  return presentOne(ctx, id);
}

export async function getTaskFor(ctx: ServiceContext, id: string): Promise<Result<Task>> {
  return presentOne(ctx, id);
}

export async function listTasksFor(ctx: ServiceContext, query: z.infer<typeof listTasksQuerySchema>): Promise<Result<{ items: Task[]; total: number; page: number; pageSize: number }>> {
  const { rows, total } = await listTaskRows(ctx.db, query);
  return ok({ items: await presentTasks(ctx, rows), total, page: query.page, pageSize: query.pageSize });
}

/**
 * The 一业一查 template (see one-industry.ts for the item-to-industry rule). A department admin
 * organises for their own department; for a system admin the department with the most items leads.
 */
export async function oneIndustryTemplateFor(
  ctx: ServiceContext, principal: Principal, query: z.infer<typeof oneIndustryTemplateQuerySchema>,
): Promise<Result<OneIndustryTemplate>> {
  const user = principal.user;
  const organizerDepartmentId = user.roles.includes('system_admin') ? null : user.departmentId;
  return ok(buildOneIndustryTemplate(await claimedActiveItems(ctx.db), { industry: query.industry, objectType: query.objectType, organizerDepartmentId }));
}

const unplannedReason = '该风险类别未设定抽取比例，不参与抽取';

/**
 * The freeze (冻结): selects the candidates in scope with the class in force today, applies the
 * exclusions, takes the eligible officers of the participating departments and the recusals in
 * force, checks the inputs against the standard, and stores them immutably as a new draw whose
 * announcement (counts, list hashes, rules) is public from now on.
 */
export async function freezeTaskFor(ctx: ServiceContext, principal: Principal, id: string): Promise<Result<Draw>> {
  const task = await findTask(ctx.db, id);
  if (!task) return fail('not_found', '抽查任务不存在');
  if (!canManageTask(principal.user, task)) return fail('forbidden', '机构管理员只能管理本机构组织或参与的抽查任务');
  const archived = await refuseIfArchived(ctx.db, task);
  if (archived) return archived;
  if (task.status !== 'draft') {
    return refuseAudited(ctx, principal, { action: 'task.change_refused', subjectType: 'task', subjectId: task.id, attempted: '再次冻结' },
      `抽查任务 ${task.code} 已冻结，不能再次冻结；如需重新抽取，请先作废当前抽取`);
  }
  const items = await usableItems(ctx.db, task.itemIds, 'task.itemIds');
  if (!items.ok) return fail('conflict', `任务中的抽查事项已不可用：${items.failure.detail ?? ''}`);

  const now = ctx.now();
  const freezeDate: IsoDate = chinaDate(now);
  const rows = await selectCandidates(ctx.db, scopeCondition(task.scope), freezeDate);
  // The freeze runs on the server's thread (and PGlite with it): between its long steps it
  // lets waiting requests through, so a freeze over a million entities does not stall the server.
  await yieldToEventLoop();
  const rules: ExclusionRules = task.exclusionRules;
  const lookback = inspectionLookback(rules, freezeDate);
  const inspected = lookback === null ? new Map<string, IsoDate[]>() : await previousInspectionDates(ctx.db, lookback, freezeDate);
  const facts: CandidateFacts[] = rows.map((r) => ({
    key: r.key, status: r.status as EntityStatus, riskClass: r.riskClass as RiskClass, inspectedOn: inspected.get(r.key) ?? [],
  }));
  const pool = buildCandidatePool(facts, rules, task.strataPlan, freezeDate);
  await yieldToEventLoop();
  const exclusions = pool.exclusions.map((e) => ({ ...e, reason: exclusionReasonLabels[e.reason as ExclusionReason] ?? e.reason }));
  const unplanned = pool.unplanned.map((e) => ({ ...e, reason: unplannedReason }));

  const departments = await departmentsByIds(ctx.db, task.participatingDepartmentIds);
  const departmentName = new Map(departments.map((d) => [d.id, d.name]));
  const officerRows = await officersOfDepartments(ctx.db, task.participatingDepartmentIds);
  const eligible = officerRows.filter((o) => officerIneligibility({
    category: o.category as OfficerCategory, status: o.status as OfficerStatus, leaveFrom: o.leaveFrom, leaveTo: o.leaveTo,
    certificateValidFrom: o.validFrom, certificateValidTo: o.validTo,
  }, freezeDate) === null);
  const poolKeys = new Set(eligible.map((o) => o.key));
  const candidateKeys = new Set(pool.strata.flatMap((s) => s.candidates));
  // Recusals (spec §4): declared conflicts of interest, and the officers of each object's previous inspection team.
  const declared = await activeConflicts(ctx.db, task.participatingDepartmentIds, freezeDate);
  const previous = [...(await previousTeams(ctx.db, candidateKeys))]
    .flatMap(([object, officers]) => officers.map((officer): [string, string] => [officer, object]));
  const recusalSet = new Map<string, [string, string]>();
  for (const pair of [...declared, ...previous]) {
    if (poolKeys.has(pair[0]) && candidateKeys.has(pair[1])) recusalSet.set(`${pair[0]}\n${pair[1]}`, pair);
  }
  const recusals = [...recusalSet.values()].sort((a, b) => compareCodePoints(a[0], b[0]) || compareCodePoints(a[1], b[1]));
  const team = task.teamRules;
  const matching: MatchingInput = {
    teamSize: team.teamSize,
    officers: eligible.map((o) => ({ key: o.key, department: o.departmentName, tags: sortByCodePoint([...new Set(o.tags)]) })),
    requiredDepartments: team.requiredDepartmentIds.map((d) => departmentName.get(d) ?? '').sort(compareCodePoints),
    requiredTags: sortByCodePoint(team.requiredTags),
    recusals,
  };

  const attempt = (await maxAttempt(ctx.db, task.id)) + 1;
  const drawId = attempt === 1 ? task.code : `${task.code}-${attempt}`;
  if (await drawIdTaken(ctx.db, drawId)) return fail('conflict', `抽取编号 ${drawId} 已被使用`);
  const valid = validateDrawInput({ drawId, seed: '0'.repeat(20), strata: pool.strata, matching });
  if (!valid.ok) return fail('conflict', `冻结的输入不符合抽取标准：${describeDrawError(valid.error).zh}`);
  await yieldToEventLoop();

  const itemRows = await itemsByIds(ctx.db, task.itemIds);
  const scheme = {
    items: itemRows.map((i) => ({ code: i.code, name: i.name })),
    scope: task.scope,
    strata: task.strataPlan,
    exclusions: task.exclusionRules,
    teamSize: team.teamSize,
    requiredDepartments: matching.requiredDepartments,
    requiredTags: matching.requiredTags,
    periodFrom: task.periodFrom,
    periodTo: task.periodTo,
    participatingDepartments: task.participatingDepartmentIds.map((d) => departmentName.get(d) ?? ''),
  };
  const confirmWorkdays = await intSetting(ctx.db, confirmWorkdaysSettingKey, DEFAULT_CONFIRM_WORKDAYS);
  const listHashes = Object.fromEntries(pool.strata.map((s) => [s.name, listHash(s.candidates, nodeSha256)]));
  const strataCounts = pool.strata.map((s) => ({ name: s.name, quota: s.quota, n: s.candidates.length }));
  await yieldToEventLoop();

  const inserted = await ctx.db.transaction(async (tx): Promise<{ id: string }> => {
    if (!(await setTaskStatusIf(tx, task.id, 'draft', 'frozen', now))) throw new Error('task changed while freezing');
    const row = await insertDraw(tx, {
      taskId: task.id, drawId, attempt, status: 'frozen', frozenAt: now, freezeDate, strata: pool.strata, exclusions, unplanned,
      matching, listHashes, scheme, confirmWorkdays, createdBy: principal.user.id, createdAt: now,
      strataCounts,
    });
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'draw.frozen', subjectType: 'draw', subjectId: row.id,
      summary: `冻结抽查任务 ${task.code} 的候选名单并发布抽取公告（抽取编号 ${drawId}）`,
      changes: {
        drawId, freezeDate,
        strata: strataCounts.map((s) => ({ ...s, listHash: listHashes[s.name] })),
        exclusions, officers: matching.officers.length, recusals: recusals.length,
      },
    }, now);
    return row;
  });
  const draw = await findDraw(ctx.db, inserted.id);
  if (!draw) return fail('not_found', '抽取不存在');
  return ok(await presentDraw(ctx, draw, { ...task, status: 'frozen' }));
}

// ——— Public ———

export async function publicTasks(ctx: ServiceContext, query: { year?: number | undefined; page: number; pageSize: number }): Promise<Result<{ items: z.infer<typeof publicTaskSchema>[]; total: number; page: number; pageSize: number }>> {
  const { rows, total } = await listTaskRows(ctx.db, { ...query, withDrawOnly: true });
  const items = await presentPublicTasks(ctx, rows);
  return ok({ items, total, page: query.page, pageSize: query.pageSize });
}

async function presentPublicTasks(ctx: ServiceContext, rows: readonly TaskRow[]): Promise<z.infer<typeof publicTaskSchema>[]> {
  const ids = new Set<string>();
  rows.forEach((r) => [r.organizerDepartmentId, ...r.participatingDepartmentIds].forEach((d) => ids.add(d)));
  const [departments, draws] = await Promise.all([departmentsByIds(ctx.db, [...ids]), drawsOfTasks(ctx.db, rows.map((r) => r.id))]);
  const name = new Map(departments.map((d) => [d.id, d.name]));
  return rows.map((r) => {
    const own = draws.filter((d) => d.taskId === r.id);
    return {
      code: r.code,
      name: r.name,
      organizerDepartment: name.get(r.organizerDepartmentId) ?? '',
      participatingDepartments: r.participatingDepartmentIds.map((d) => name.get(d) ?? ''),
      joint: r.participatingDepartmentIds.length > 1,
      periodFrom: r.periodFrom,
      periodTo: r.periodTo,
      status: r.status as Task['status'],
      latestDrawId: own.at(-1)?.drawId ?? null,
    };
  });
}

/** The implementation scheme (实施方案) is public once frozen: as frozen with the latest draw. */
export async function publicTaskDetail(ctx: ServiceContext, code: string): Promise<Result<z.infer<typeof publicTaskDetailSchema>>> {
  const row = await findTaskByCode(ctx.db, code);
  const draws = row ? await drawsOfTasks(ctx.db, [row.id]) : [];
  const latest = draws.at(-1);
  if (!row || !latest) return fail('not_found', `抽查任务 ${code} 不存在或尚未冻结公布`);
  const [summary] = await presentPublicTasks(ctx, [row]);
  if (!summary) return fail('not_found', `抽查任务 ${code} 不存在`);
  const s = latest.scheme as z.infer<typeof publicTaskDetailSchema>['scheme'];
  return ok({
    ...summary,
    scheme: {
      items: s.items.map((i) => ({ code: i.code, name: i.name })),
      scope: s.scope, strata: s.strata, exclusions: s.exclusions, teamSize: s.teamSize,
      requiredDepartments: s.requiredDepartments, requiredTags: s.requiredTags, periodFrom: s.periodFrom, periodTo: s.periodTo,
      participatingDepartments: s.participatingDepartments,
    },
    draws: await Promise.all(draws.map((d) => presentPublicAnnouncement(ctx, d))),
  });
}
