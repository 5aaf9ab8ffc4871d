import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { drawRecordSchema, type DrawRecord } from '../../../contracts/draw.ts';
import type { Draw, jointRecordFormSchema, publicTicketSchema, SeedBody } from '../../../contracts/tasks.ts';
import { compareCodePoints } from '../../../domain/draw/compare-code-points.ts';
import { describeDrawError } from '../../../domain/draw/draw-errors.ts';
import { normaliseSeed } from '../../../domain/draw/seed.ts';
import { drawTicketer } from '../../../domain/draw/ticket.ts';
import { nodeSha256 } from '../../draw/node-sha256.ts';
import { DRAW_STANDARD, type DrawOutput } from '../../../domain/draw/types.ts';
import { riskClasses } from '../../../domain/directory/risk-class.ts';
import { chinaIso } from '../../../domain/task/china-time.ts';
import { nextEligibleOfficer, replacementErrorMessage } from '../../../domain/task/replacement.ts';
import { combineDepartmentDigits, digitsFromRandomBytes, sortContributions, stripWhiteSpace } from '../../../domain/task/seed-ceremony.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { AuditActor } from '../../audit/audit-events.ts';
import type { Principal } from '../../http/access.ts';
import type { ServiceContext } from '../../http/context.ts';
import { fail, ok, type Result } from '../../http/failures.ts';
import { computeDrawOffThread } from '../../jobs/compute-draw-off-thread.ts';
import { yieldToEventLoop, type JobRunner } from '../../jobs/job-runner.ts';
import { departmentsByIds, entityByKey, itemsByIds, latestGuidelines } from '../tasks/lookups.repository.ts';
import { refuseIfArchived } from '../archives/archived-guard.ts';
import { refuseAudited } from '../tasks/refusal.ts';
import { canManageTask } from '../tasks/tasks.policy.ts';
import { findTask, officersByKeys, setTaskStatusIf, type TaskRow } from '../tasks/tasks.repository.ts';
import type { DrawHead, DrawInputsRow } from './draw-columns.ts';
import {
  activeDrawOfTask, findDraw, findDrawInputs, findDrawRecord, insertConfirmation, stratumOfCandidate, insertReplacement, replacementsOf, updateDrawIf,
} from './draws.repository.ts';
import { currentTeams, presentDraw } from './draws.presenter.ts';

const actorOf = (principal: Principal): AuditActor => ({ id: principal.user.id, name: principal.user.displayName });

type Loaded = { draw: DrawHead; task: TaskRow };

async function loadDraw(ctx: ServiceContext, id: string): Promise<Result<Loaded>> {
  const draw = await findDraw(ctx.db, id);
  if (!draw) return fail('not_found', '抽取不存在');
  const task = await findTask(ctx.db, draw.taskId);
  if (!task) return fail('not_found', '抽查任务不存在');
  return ok({ draw, task });
}

async function loadManaged(ctx: ServiceContext, principal: Principal, id: string): Promise<Result<Loaded>> {
  const loaded = await loadDraw(ctx, id);
  if (!loaded.ok) return loaded;
  if (!canManageTask(principal.user, loaded.value.task)) return fail('forbidden', '机构管理员只能管理本机构组织或参与的抽查任务的抽取');
  return (await refuseIfArchived(ctx.db, loaded.value.task)) ?? loaded;
}

export async function getDrawFor(ctx: ServiceContext, id: string): Promise<Result<Draw>> {
  const loaded = await loadDraw(ctx, id);
  if (!loaded.ok) return loaded;
  return ok(await presentDraw(ctx, loaded.value.draw, loaded.value.task));
}

const statusText: Record<string, string> = {
  frozen: '已冻结、尚未产生种子', seeded: '种子已产生', running: '正在抽取', completed: '已完成', failed: '抽取失败', abandoned: '已作废',
};

// ——— Seed (随机种子) ———

export async function setSeedFor(ctx: ServiceContext, principal: Principal, id: string, body: SeedBody): Promise<Result<Draw>> {
  const loaded = await loadManaged(ctx, principal, id);
  if (!loaded.ok) return loaded;
  const { draw, task } = loaded.value;
  const refuse = (detail: string, kind: 'conflict' | 'validation' = 'conflict') =>
    refuseAudited<Draw>(ctx, principal, { action: 'draw.seed_refused', subjectType: 'draw', subjectId: draw.id, attempted: `产生随机种子（${body.method}）` }, detail, kind);
  if (draw.seed !== null) return refuse(`抽取 ${draw.drawId} 的随机种子已经产生，不能更改`);
  if (draw.status !== 'frozen') return refuse(`抽取 ${draw.drawId} 当前为“${statusText[draw.status] ?? draw.status}”，不能产生随机种子`);

  let seed: string;
  let contributions: { department: string; digits: string }[] | null = null;
  if (body.method === 'dice') {
    seed = body.digits.trim();
  } else if (body.method === 'departments') {
    const ids = body.contributions.map((c) => c.departmentId);
    const expected = new Set(task.participatingDepartmentIds);
    if (new Set(ids).size !== ids.length || ids.length !== expected.size || ids.some((d) => !expected.has(d))) {
      return fail('validation', '各参与部门须各提供一次数字（不多不少）', [{ path: 'body.contributions', message: '应为每个参与部门各一项' }]);
    }
    const names = new Map((await departmentsByIds(ctx.db, ids)).map((d) => [d.id, d.name]));
    contributions = sortContributions(body.contributions.map((c) => ({ department: names.get(c.departmentId) ?? '', digits: stripWhiteSpace(c.digits) })));
    seed = combineDepartmentDigits(contributions);
  } else {
    let digits: string | null = null;
    while (digits === null) digits = digitsFromRandomBytes(randomBytes(64));
    seed = digits;
  }
  const normalised = normaliseSeed(seed);
  if (!normalised.ok) {
    const error = normalised.error;
    const detail = error.code === 'BAD_SEED' && error.reason === 'too-short'
      ? `随机种子至少需要 20 位数字（去除空白后只有 ${error.digits} 位）`
      : '随机种子只能由数字 0-9 组成（空白会被去除）';
    return refuse(detail, 'validation');
  }
  const witnesses = body.method === 'system' && body.witnesses.length === 0 ? ['系统生成'] : body.witnesses;
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const updated = await updateDrawIf(tx, draw.id, 'frozen', {
      status: 'seeded', seed, seedMethod: body.method, seedContributions: contributions, witnesses, seededAt: now,
    });
    if (!updated) throw new Error('draw changed while seeding');
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'draw.seed_set', subjectType: 'draw', subjectId: draw.id,
      summary: `抽取 ${draw.drawId} 产生随机种子（${body.method === 'dice' ? '掷骰子' : body.method === 'departments' ? '各部门提供数字' : '系统生成'}）`,
      changes: { seed, seedMethod: body.method, seedContributions: contributions, witnesses },
    }, now);
  });
  const fresh = await findDraw(ctx.db, draw.id);
  return fresh ? ok(await presentDraw(ctx, fresh, task)) : fail('not_found', '抽取不存在');
}

/** POST /tasks/:id/seed: the seed of the task's current draw; before the freeze it is refused (and audited). */
export async function setTaskSeedFor(ctx: ServiceContext, principal: Principal, taskId: string, body: SeedBody): Promise<Result<Draw>> {
  const task = await findTask(ctx.db, taskId);
  if (!task) return fail('not_found', '抽查任务不存在');
  if (!canManageTask(principal.user, task)) return fail('forbidden', '机构管理员只能管理本机构组织或参与的抽查任务');
  const draw = await activeDrawOfTask(ctx.db, task.id);
  if (!draw) {
    return refuseAudited(ctx, principal, { action: 'draw.seed_refused', subjectType: 'task', subjectId: task.id, attempted: `产生随机种子（${body.method}）` },
      `抽查任务 ${task.code} 尚未冻结：随机种子必须在候选名单冻结并公布之后产生`);
  }
  return setSeedFor(ctx, principal, draw.id, body);
}

// ——— The draw (抽取) ———

/** The published record, fields in the documented order (jsonb does not keep key order). */
export function orderedRecord(record: DrawRecord): DrawRecord {
  const output: DrawOutput = {
    strata: record.output.strata.map((s) => ({ name: s.name, n: s.n, quota: s.quota, listHash: s.listHash, selected: s.selected, cutoffTicket: s.cutoffTicket })),
    order: record.output.order,
    assignments: record.output.assignments === null ? null : record.output.assignments.map((a) => ({ object: a.object, officers: a.officers })),
  };
  return {
    standard: record.standard,
    drawId: record.drawId,
    seed: record.seed,
    seedMethod: record.seedMethod,
    ...(record.seedContributions ? { seedContributions: record.seedContributions.map((c) => ({ department: c.department, digits: c.digits })) } : {}),
    witnesses: record.witnesses,
    frozenAt: record.frozenAt,
    drawnAt: record.drawnAt,
    strata: record.strata.map((s) => ({ name: s.name, quota: 'count' in s.quota ? { count: s.quota.count } : { ratioBp: s.quota.ratioBp }, candidates: s.candidates })),
    exclusions: record.exclusions.map((e) => ({ stratum: e.stratum, reason: e.reason, count: e.count })),
    ...(record.matching ? {
      matching: {
        teamSize: record.matching.teamSize,
        officers: record.matching.officers.map((o) => ({ key: o.key, department: o.department, tags: o.tags })),
        requiredDepartments: record.matching.requiredDepartments,
        requiredTags: record.matching.requiredTags,
        recusals: record.matching.recusals,
      },
    } : {}),
    output,
  };
}

function buildRecord(draw: DrawInputsRow, seed: string, drawnAt: Date, output: DrawOutput): DrawRecord {
  const record: DrawRecord = {
    standard: DRAW_STANDARD,
    drawId: draw.drawId,
    seed,
    seedMethod: (draw.seedMethod ?? 'system') as DrawRecord['seedMethod'],
    ...(draw.seedMethod === 'departments' && draw.seedContributions ? { seedContributions: draw.seedContributions } : {}),
    witnesses: draw.witnesses ?? [],
    frozenAt: chinaIso(draw.frozenAt),
    drawnAt: chinaIso(drawnAt),
    strata: draw.strata,
    exclusions: draw.exclusions,
    matching: draw.matching,
    output,
  };
  return drawRecordSchema.parse(orderedRecord(record));
}

/** The record as stored: without the candidate lists, which are the frozen strata stored once beside it (findDrawRecord). */
function storedRecord(record: DrawRecord): DrawRecord {
  return { ...record, strata: record.strata.map((s) => ({ ...s, candidates: [] })) };
}

/**
 * The draw job: computes the standard (pure domain code) from the frozen inputs and the seed,
 * and stores the complete record, or the failure with its reason. The HTTP request has been
 * answered (202) before it starts; big pools are computed in a worker thread.
 */
async function runDrawJob(ctx: ServiceContext, drawRowId: string, actor: AuditActor): Promise<void> {
  await yieldToEventLoop();
  const draw = await findDrawInputs(ctx.db, { id: drawRowId });
  if (!draw || draw.status !== 'running' || draw.seed === null) return;
  let outcome: { ok: true; output: DrawOutput } | { ok: false; code: string; message: string };
  try {
    const computed = await computeDrawOffThread({ drawId: draw.drawId, seed: draw.seed, strata: draw.strata, matching: draw.matching });
    if (computed.ok) outcome = { ok: true, output: computed.value };
    else {
      const described = describeDrawError(computed.error);
      outcome = { ok: false, code: computed.error.code, message: `${described.zh}（${described.en}）` };
    }
  } catch (error) {
    outcome = { ok: false, code: 'INTERNAL', message: `抽取计算出错：${error instanceof Error ? error.message : String(error)}` };
  }
  const drawnAt = ctx.now();
  await ctx.db.transaction(async (tx) => {
    if (outcome.ok) {
      const record = buildRecord(draw, draw.seed ?? '', drawnAt, outcome.output);
      if (!(await updateDrawIf(tx, draw.id, 'running', { status: 'completed', drawnAt, output: outcome.output, record: storedRecord(record) }))) return;
      await setTaskStatusIf(tx, draw.taskId, 'frozen', 'drawn', drawnAt);
      await appendAudit(tx, {
        actor, action: 'draw.completed', subjectType: 'draw', subjectId: draw.id,
        summary: `抽取 ${draw.drawId} 完成：抽中 ${outcome.output.order.length} 个检查对象`,
        changes: { drawId: draw.drawId, selected: outcome.output.order.length, strata: outcome.output.strata.map((s) => ({ name: s.name, n: s.n, quota: s.quota, cutoffTicket: s.cutoffTicket })) },
      }, drawnAt);
    } else {
      const failure = { code: outcome.code, message: outcome.message };
      if (!(await updateDrawIf(tx, draw.id, 'running', { status: 'failed', drawnAt, failure }))) return;
      await appendAudit(tx, {
        actor, action: 'draw.failed', subjectType: 'draw', subjectId: draw.id,
        summary: `抽取 ${draw.drawId} 失败：${outcome.message}`, changes: failure,
      }, drawnAt);
    }
  });
}

export async function runDrawFor(ctx: ServiceContext, jobs: JobRunner, principal: Principal, id: string): Promise<Result<Draw>> {
  const loaded = await loadManaged(ctx, principal, id);
  if (!loaded.ok) return loaded;
  const { draw, task } = loaded.value;
  const refuse = (detail: string) => refuseAudited<Draw>(ctx, principal, { action: 'draw.run_refused', subjectType: 'draw', subjectId: draw.id, attempted: '执行抽取' }, detail);
  if (draw.status === 'frozen') return refuse(`抽取 ${draw.drawId} 尚未产生随机种子，不能抽取`);
  if (draw.status === 'abandoned') return refuse(`抽取 ${draw.drawId} 已作废，不能抽取`);
  if (draw.status !== 'seeded') return refuse(`抽取 ${draw.drawId} 已经执行过（${statusText[draw.status] ?? draw.status}），每次抽取只能执行一次，不能重新抽取`);
  const now = ctx.now();
  const started = await ctx.db.transaction(async (tx) => {
    if (!(await updateDrawIf(tx, draw.id, 'seeded', { status: 'running', startedAt: now }))) return false;
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'draw.started', subjectType: 'draw', subjectId: draw.id,
      summary: `开始抽取 ${draw.drawId}`, changes: { drawId: draw.drawId },
    }, now);
    return true;
  });
  if (!started) return refuse(`抽取 ${draw.drawId} 已经执行过，每次抽取只能执行一次`);
  const actor = actorOf(principal);
  jobs.start(`draw ${draw.drawId}`, () => runDrawJob(ctx, draw.id, actor));
  const fresh = await findDraw(ctx.db, draw.id);
  return fresh ? ok(await presentDraw(ctx, fresh, task)) : fail('not_found', '抽取不存在');
}

/** POST /tasks/:id/draw: draws the task's current draw; refused (and audited) before the freeze. */
export async function runTaskDrawFor(ctx: ServiceContext, jobs: JobRunner, principal: Principal, taskId: string): Promise<Result<Draw>> {
  const task = await findTask(ctx.db, taskId);
  if (!task) return fail('not_found', '抽查任务不存在');
  if (!canManageTask(principal.user, task)) return fail('forbidden', '机构管理员只能管理本机构组织或参与的抽查任务');
  const draw = await activeDrawOfTask(ctx.db, task.id);
  if (!draw) {
    return refuseAudited(ctx, principal, { action: 'draw.run_refused', subjectType: 'task', subjectId: task.id, attempted: '执行抽取' },
      `抽查任务 ${task.code} 尚未冻结，不能抽取：请先冻结候选名单、产生随机种子`);
  }
  return runDrawFor(ctx, jobs, principal, draw.id);
}

export async function abandonDrawFor(ctx: ServiceContext, principal: Principal, id: string, reason: string): Promise<Result<Draw>> {
  const loaded = await loadManaged(ctx, principal, id);
  if (!loaded.ok) return loaded;
  const { draw, task } = loaded.value;
  if (!['frozen', 'seeded', 'failed'].includes(draw.status)) {
    return refuseAudited(ctx, principal, { action: 'draw.change_refused', subjectType: 'draw', subjectId: draw.id, attempted: `作废抽取：${reason}` },
      draw.status === 'completed'
        ? `抽取 ${draw.drawId} 已完成并公开，不能作废；检查人员不能参加时请使用“人员替换”`
        : `抽取 ${draw.drawId} 当前为“${statusText[draw.status] ?? draw.status}”，不能作废`);
  }
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    if (!(await updateDrawIf(tx, draw.id, draw.status, { status: 'abandoned', abandonedAt: now, abandonReason: reason }))) throw new Error('draw changed while abandoning');
    await setTaskStatusIf(tx, task.id, 'frozen', 'draft', now);
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'draw.abandoned', subjectType: 'draw', subjectId: draw.id,
      summary: `作废抽取 ${draw.drawId}（仍公开，标注作废原因）：${reason}`, changes: { drawId: draw.drawId, from: draw.status, reason },
    }, now);
  });
  const fresh = await findDraw(ctx.db, draw.id);
  return fresh ? ok(await presentDraw(ctx, fresh, { ...task, status: 'draft' })) : fail('not_found', '抽取不存在');
}

/**
 * DELETE or PATCH of a draw: there is nothing to delete or edit — the routes exist only to
 * refuse with the reason and to record the attempt (the database refuses too).
 */
export async function refuseDrawChangeFor(ctx: ServiceContext, principal: Principal, id: string, attempted: 'delete' | 'edit'): Promise<Result<never>> {
  const draw = await findDraw(ctx.db, id);
  if (!draw) return fail('not_found', '抽取不存在');
  return refuseAudited(ctx, principal, { action: 'draw.change_refused', subjectType: 'draw', subjectId: draw.id, attempted: attempted === 'delete' ? '删除抽取' : '修改抽取' },
    `抽取 ${draw.drawId} 的记录不能${attempted === 'delete' ? '删除' : '修改'}：冻结的输入、种子和结果一经产生即公开且不可更改；未完成的抽取可以作废（仍公开并注明原因）后重新冻结`);
}

// ——— After the draw: replacements, 一企一表, dispatch ———

export async function replaceOfficerFor(
  ctx: ServiceContext, principal: Principal, id: string, body: { object: string; officer: string; reason: string },
): Promise<Result<Draw>> {
  const loaded = await loadManaged(ctx, principal, id);
  if (!loaded.ok) return loaded;
  const { draw, task } = loaded.value;
  if (draw.status !== 'completed' || !draw.output?.assignments || draw.seed === null) {
    return fail('conflict', `抽取 ${draw.drawId} 尚未完成，不能替换检查人员`);
  }
  const seed = normaliseSeed(draw.seed);
  if (!seed.ok) return fail('conflict', '抽取的随机种子无效');
  const replacements = await replacementsOf(ctx.db, draw.id);
  const result = nextEligibleOfficer({
    seed: seed.value, drawId: draw.drawId, matching: draw.matching, assignments: currentTeams(draw, replacements),
    object: body.object, officer: body.officer,
    previouslyReplaced: replacements.filter((r) => r.objectKey === body.object).map((r) => r.replacedOfficerKey),
  });
  if (!result.ok) {
    const kind = result.error.code === 'NO_ELIGIBLE_OFFICER' ? 'conflict' : 'validation';
    return fail(kind, replacementErrorMessage(result.error));
  }
  const now = ctx.now();
  const value = result.value;
  await ctx.db.transaction(async (tx) => {
    await insertReplacement(tx, {
      drawId: draw.id, seq: replacements.length + 1, objectKey: value.object, replacedOfficerKey: value.replaced,
      replacementOfficerKey: value.replacement, slot: value.slotIndex, reason: body.reason, createdBy: principal.user.id, createdAt: now,
    });
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'draw.officer_replaced', subjectType: 'draw', subjectId: draw.id,
      summary: `抽取 ${draw.drawId}：检查对象 ${value.object} 的执法人员 ${value.replaced} 由 ${value.replacement} 替换（按标准顺序的下一位）：${body.reason}`,
      changes: { object: value.object, replaced: value.replaced, replacement: value.replacement, slot: value.slotIndex, officerTicket: value.officerTicket, reason: body.reason },
    }, now);
  });
  return ok(await presentDraw(ctx, draw, task));
}

/** The class the object was drawn in (by_risk_class strata); with a single stratum ALL, the directory's class. */
function riskClassOnForm(stratum: string | undefined, directoryClass: string | undefined): string {
  if (stratum && (riskClasses as readonly string[]).includes(stratum)) return stratum;
  return directoryClass ?? 'U';
}

export async function jointRecordFormFor(ctx: ServiceContext, id: string, object: string): Promise<Result<z.infer<typeof jointRecordFormSchema>>> {
  const loaded = await loadDraw(ctx, id);
  if (!loaded.ok) return loaded;
  const { draw, task } = loaded.value;
  if (draw.status !== 'completed') return fail('conflict', `抽取 ${draw.drawId} 尚未完成，没有一企一表`);
  const team = currentTeams(draw, await replacementsOf(ctx.db, draw.id)).find((t) => t.object === object);
  if (!team) return fail('not_found', `检查对象 ${object} 不在抽取 ${draw.drawId} 的结果中`);
  const [stratum, entity, items, guidelines, officers] = await Promise.all([
    stratumOfCandidate(ctx.db, draw.id, object), entityByKey(ctx.db, object), itemsByIds(ctx.db, task.itemIds), latestGuidelines(ctx.db, task.itemIds), officersByKeys(ctx.db, team.officers),
  ]);
  const officerByKey = new Map(officers.map((o) => [o.key, o]));
  const department = new Map(draw.matching.officers.map((o) => [o.key, o.department]));
  return ok({
    drawId: draw.drawId,
    task: { code: task.code, name: task.name, periodFrom: task.periodFrom, periodTo: task.periodTo },
    object: {
      key: object, name: entity?.name ?? '', kind: entity?.kind ?? '', address: entity?.address ?? null,
      legalRepresentative: entity?.legalRepresentative ?? null, riskClass: riskClassOnForm(stratum, entity?.riskClass),
    },
    items: [...items].sort((a, b) => compareCodePoints(a.code, b.code)).map((i) => ({
      id: i.id, code: i.code, name: i.name, legalBasis: i.legalBasis,
      guidelineVersion: guidelines.get(i.id)?.version ?? null,
      checkpoints: guidelines.get(i.id)?.checkpoints ?? [],
    })),
    team: team.officers.map((key) => ({
      key, certificateNo: officerByKey.get(key)?.certificateNo ?? null, name: officerByKey.get(key)?.name ?? '', department: department.get(key) ?? '',
    })),
  });
}

export async function confirmDrawFor(ctx: ServiceContext, principal: Principal, id: string, departmentId: string | undefined): Promise<Result<Draw>> {
  const loaded = await loadManaged(ctx, principal, id);
  if (!loaded.ok) return loaded;
  const { draw, task } = loaded.value;
  const department = departmentId ?? principal.user.departmentId;
  if (!department) return fail('validation', '请指定确认名单的部门', [{ path: 'body.departmentId', message: '请指定部门' }]);
  if (!principal.user.roles.includes('system_admin') && department !== principal.user.departmentId) return fail('forbidden', '只能确认本部门的名单');
  if (!task.participatingDepartmentIds.includes(department)) return fail('validation', '该部门不是本任务的参与部门', [{ path: 'body.departmentId', message: '不是参与部门' }]);
  if (draw.status !== 'completed') return fail('conflict', `抽取 ${draw.drawId} 尚未完成，没有可确认的名单`);
  const now = ctx.now();
  const inserted = await ctx.db.transaction(async (tx) => {
    if (!(await insertConfirmation(tx, { drawId: draw.id, departmentId: department, confirmedBy: principal.user.id, confirmedAt: now }))) return false;
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'draw.list_confirmed', subjectType: 'draw', subjectId: draw.id,
      summary: `确认抽取 ${draw.drawId} 派发的名单`, changes: { departmentId: department },
    }, now);
    return true;
  });
  if (!inserted) return fail('conflict', '本部门已确认过该名单');
  return ok(await presentDraw(ctx, draw, task));
}

// ——— Public ———

export async function publicDrawRecord(ctx: ServiceContext, drawId: string): Promise<Result<DrawRecord>> {
  const draw = await findDrawRecord(ctx.db, drawId);
  if (!draw) return fail('not_found', `抽取 ${drawId} 不存在`);
  if (!draw.record) return fail('not_found', `抽取 ${drawId} 尚无抽取记录（${statusText[draw.status] ?? draw.status}）`);
  const candidates = new Map(draw.strata.map((s) => [s.name, s.candidates]));
  return ok(orderedRecord({ ...draw.record, strata: draw.record.strata.map((s) => ({ ...s, candidates: candidates.get(s.name) ?? s.candidates })) }));
}

/** Any object can check its own ticket against its stratum's cutoff (spec §3). */
export async function publicTicket(ctx: ServiceContext, drawId: string, key: string): Promise<Result<z.infer<typeof publicTicketSchema>>> {
  const draw = await findDrawInputs(ctx.db, { drawId });
  if (!draw?.output || draw.seed === null) return fail('not_found', `抽取 ${drawId} 不存在或尚未完成`);
  const stratum = draw.strata.find((s) => s.candidates.includes(key));
  if (!stratum) return fail('not_found', `${key} 不在抽取 ${drawId} 的候选名单中（可能不在范围内或已被排除）`);
  const seed = normaliseSeed(draw.seed);
  if (!seed.ok) return fail('not_found', '抽取的随机种子无效');
  const ticketOf = drawTicketer(seed.value, draw.drawId, nodeSha256);
  const ticket = ticketOf(key);
  let rank = 1;
  for (const other of stratum.candidates) {
    if (other === key) continue;
    const t = ticketOf(other);
    if (t < ticket || (t === ticket && compareCodePoints(other, key) < 0)) rank++;
  }
  const output = draw.output.strata.find((s) => s.name === stratum.name);
  return ok({
    drawId: draw.drawId, key, stratum: stratum.name, ticket, cutoffTicket: output?.cutoffTicket ?? null, rank,
    n: output?.n ?? stratum.candidates.length, quota: output?.quota ?? 0, drawn: output?.selected.includes(key) ?? false,
  });
}
