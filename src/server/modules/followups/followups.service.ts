import { refuseIfArchived } from '../archives/archived-guard.ts';
import {
  followUpMeasureLabels, followUpStatusLabels, type FollowUpCloseBody, type FollowUpDetail, type FollowUpList, type FollowUpListItem,
  type FollowUpListQuery, type FollowUpMeasureBody, type FollowUpProgressBody, type FollowUpTransferBody,
} from '../../../contracts/followups.ts';
import type { IsoDate } from '../../../domain/calendar/civil-date.ts';
import {
  applyFollowUpEvent, isClosedLoop, isFollowUpOverdue, openFollowUp, type FollowUp, type FollowUpEvent, type FollowUpFailure,
  type FollowUpMeasure, type FollowUpStatus, type TransferTarget,
} from '../../../domain/followup/followup.ts';
import { chinaDate, chinaIso } from '../../../domain/task/china-time.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { AuditAction } from '../../audit/audit-events.ts';
import type { Principal } from '../../http/access.ts';
import type { ServiceContext } from '../../http/context.ts';
import { fail, ok, type Result } from '../../http/failures.ts';
import { canHandleFollowUp, canManageFollowUp, canReadFollowUp, seesAllFollowUps } from './followups.policy.ts';
import {
  departmentExists, departmentNamesOf, eventsOf, findFollowUpRow, followUpsOfInspection, insertFollowUp, insertFollowUpEvent,
  listFollowUpRows, updateFollowUpIf, type FollowUpListRow, type FollowUpRow,
} from './followups.repository.ts';
import { invalidatePublicResults } from '../inspections/public-results.cache.ts';

// ——— Rows ⇄ domain ———

function transferOf(row: FollowUpRow): TransferTarget | null {
  if (row.transferKind === 'department' && row.transferDepartmentId) return { kind: 'department', departmentId: row.transferDepartmentId };
  if (row.transferKind === 'external') {
    return { kind: 'external', body: row.transferBody ?? '', documentNo: row.transferDocumentNo ?? '', documentDate: row.transferDocumentDate ?? '' };
  }
  return null;
}

/** The domain view of a row; null while no measure is decided (the record the publish step opens). */
function domainOf(row: FollowUpRow): FollowUp | null {
  if (row.measure === null) return null;
  return {
    measure: row.measure as FollowUpMeasure, status: row.status as FollowUpStatus, dueOn: row.dueOn,
    transfer: transferOf(row), closedOn: row.closedOn, outcome: row.outcome,
  };
}

/** The columns a domain state writes back. */
function columnsOf(f: FollowUp): Partial<FollowUpRow> {
  const t = f.transfer;
  return {
    measure: f.measure, status: f.status, dueOn: f.dueOn, closedOn: f.closedOn, outcome: f.outcome,
    transferKind: t?.kind ?? null,
    transferDepartmentId: t?.kind === 'department' ? t.departmentId : null,
    transferBody: t?.kind === 'external' ? t.body : null,
    transferDocumentNo: t?.kind === 'external' ? t.documentNo : null,
    transferDocumentDate: t?.kind === 'external' ? t.documentDate : null,
  };
}

function overdueOf(row: FollowUpRow, today: IsoDate): boolean {
  const f = domainOf(row);
  return f !== null && isFollowUpOverdue(f, today);
}

// ——— Presenting ———

function present(r: FollowUpListRow, names: Map<string, string>, today: IsoDate): FollowUpListItem {
  const f = r.followUp;
  const t = transferOf(f);
  const measure = f.measure as FollowUpMeasure | null;
  return {
    id: f.id, inspectionId: f.inspectionId,
    task: { id: r.taskId, code: r.taskCode, name: r.taskName },
    object: { key: f.objectKey, name: r.entityName ?? '' },
    resultCodes: r.codes,
    measure, measureLabel: measure === null ? null : followUpMeasureLabels[measure], measureNote: f.measureNote,
    dueOn: f.dueOn, overdue: overdueOf(f, today),
    status: f.status as FollowUpStatus, statusLabel: followUpStatusLabels[f.status as FollowUpStatus],
    ownerDepartment: f.ownerDepartmentId ? { id: f.ownerDepartmentId, name: names.get(f.ownerDepartmentId) ?? '' } : null,
    transfer: t === null ? null : t.kind === 'department'
      ? { kind: 'department', departmentId: t.departmentId, departmentName: names.get(t.departmentId) ?? '' }
      : { kind: 'external', body: t.body, documentNo: t.documentNo, documentDate: t.documentDate },
    closedOn: f.closedOn, outcome: f.outcome, createdAt: chinaIso(f.createdAt),
  };
}

function departmentIdsOf(rows: readonly FollowUpRow[]): string[] {
  return [...new Set(rows.flatMap((f) => [f.ownerDepartmentId, f.transferDepartmentId]).filter((id): id is string => id !== null))];
}

// ——— List ———

export async function listFollowUpsFor(ctx: ServiceContext, principal: Principal, query: FollowUpListQuery): Promise<Result<FollowUpList>> {
  const actor = principal.user;
  const rows = await listFollowUpRows(ctx.db, {
    status: query.status, departmentId: query.departmentId, year: query.year,
    visibleToDepartment: seesAllFollowUps(actor) ? undefined : actor.departmentId,
  });
  const today = chinaDate(ctx.now());
  const overdue = rows.filter((r) => overdueOf(r.followUp, today));
  const filtered = query.overdue === true ? overdue : query.overdue === false ? rows.filter((r) => !overdueOf(r.followUp, today)) : rows;
  const page = filtered.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  const names = await departmentNamesOf(ctx.db, departmentIdsOf(page.map((r) => r.followUp)));
  return ok({
    items: page.map((r) => present(r, names, today)), total: filtered.length, page: query.page, pageSize: query.pageSize,
    overdue: overdue.length,
  });
}

// ——— Detail ———

async function loadReadable(ctx: ServiceContext, principal: Principal, id: string): Promise<Result<FollowUpListRow>> {
  const row = await findFollowUpRow(ctx.db, id);
  // Another department's follow-up does not exist for the caller (no probing by id).
  if (!row || !canReadFollowUp(principal.user, row.followUp)) return fail('not_found', '后续处置记录不存在');
  return ok(row);
}

async function detail(ctx: ServiceContext, principal: Principal, id: string): Promise<Result<FollowUpDetail>> {
  const loaded = await loadReadable(ctx, principal, id);
  if (!loaded.ok) return loaded;
  const row = loaded.value;
  const [events, siblings] = await Promise.all([eventsOf(ctx.db, id), followUpsOfInspection(ctx.db, row.followUp.inspectionId)]);
  const names = await departmentNamesOf(ctx.db, departmentIdsOf([row.followUp]));
  return ok({
    ...present(row, names, chinaDate(ctx.now())),
    events: events.map((e) => ({ type: e.type as FollowUpDetail['events'][number]['type'], on: e.on, note: e.note, data: e.data, actorName: e.actorName, at: chinaIso(e.at) })),
    siblings: siblings.map((s) => ({
      id: s.id, measureLabel: s.measure === null ? null : followUpMeasureLabels[s.measure as FollowUpMeasure],
      status: s.status as FollowUpStatus, statusLabel: followUpStatusLabels[s.status as FollowUpStatus],
    })),
    closedLoop: isClosedLoop(true, siblings.map((s) => ({ status: s.status as FollowUpStatus }))),
    canManage: canManageFollowUp(principal.user, row.followUp),
    canHandle: canHandleFollowUp(principal.user, row.followUp),
  });
}

export function getFollowUpFor(ctx: ServiceContext, principal: Principal, id: string): Promise<Result<FollowUpDetail>> {
  return detail(ctx, principal, id);
}

// ——— Changes ———

type Write = { action: AuditAction; summary: string; event: { type: 'created' | 'measure' | 'progress' | 'transfer' | 'close'; on: IsoDate; note: string; data: Record<string, unknown> } };

async function loadForChange(ctx: ServiceContext, principal: Principal, id: string, need: 'manage' | 'handle'): Promise<Result<FollowUpListRow>> {
  const loaded = await loadReadable(ctx, principal, id);
  if (!loaded.ok) return loaded;
  const allowed = need === 'manage' ? canManageFollowUp(principal.user, loaded.value.followUp) : canHandleFollowUp(principal.user, loaded.value.followUp);
  if (!allowed) {
    return fail('forbidden', need === 'manage' ? '只有负责该后续处置的部门管理员才能确定措施、移送或新增措施' : '只有负责或接收移送的部门管理员才能登记进展或完结');
  }
  // An archived task is read-only, its follow-ups included (the database refuses too).
  const archived = await refuseIfArchived(ctx.db, { id: loaded.value.taskId, code: loaded.value.taskCode });
  if (archived) return archived;
  return loaded;
}

/** Saves the new state, its event and the audit entry in one transaction; a concurrent change loses with 409. */
async function save(ctx: ServiceContext, principal: Principal, row: FollowUpRow, values: Partial<FollowUpRow>, write: Write): Promise<Result<FollowUpDetail>> {
  const now = ctx.now();
  const saved = await ctx.db.transaction(async (tx) => {
    if (!(await updateFollowUpIf(tx, row.id, row.updatedAt, { ...values, updatedAt: now }))) return false;
    await insertFollowUpEvent(tx, { followUpId: row.id, ...write.event, actorId: principal.user.id, actorName: principal.user.displayName, at: now });
    await appendAudit(tx, {
      actor: { id: principal.user.id, name: principal.user.displayName }, action: write.action, subjectType: 'follow_up', subjectId: row.id,
      summary: write.summary, changes: { inspectionId: row.inspectionId, objectKey: row.objectKey, ...write.event.data },
    }, now);
    return true;
  });
  invalidatePublicResults(ctx.db, row.objectKey);
  if (!saved) return fail('conflict', '该后续处置已被他人修改，请刷新后重试');
  return detail(ctx, principal, row.id);
}

function refusal(failure: FollowUpFailure): Result<never> {
  return fail(failure.code === 'needs_outcome' || failure.code === 'needs_document' ? 'validation' : 'conflict', failure.message);
}

function checkMeasure(body: FollowUpMeasureBody): Result<FollowUp> {
  if (body.measure === 'order_correction' && !body.dueOn) return fail('validation', '责令改正须填写改正期限');
  return ok(openFollowUp(body.measure, body.dueOn ?? null));
}

/** 确定处置措施: while nothing has been done on it; once acted on, a different measure is a new record. */
export async function setMeasureFor(ctx: ServiceContext, principal: Principal, id: string, body: FollowUpMeasureBody): Promise<Result<FollowUpDetail>> {
  const loaded = await loadForChange(ctx, principal, id, 'manage');
  if (!loaded.ok) return loaded;
  const row = loaded.value.followUp;
  if (row.status !== 'open') return fail('conflict', '该后续处置已开始执行或已完结，不能更改措施；如需其他措施请新增');
  const checked = checkMeasure(body);
  if (!checked.ok) return checked;
  const f = checked.value;
  return save(ctx, principal, row, { ...columnsOf(f), measureNote: body.note }, {
    action: 'followup.measure_set', summary: `确定后续处置措施：${followUpMeasureLabels[f.measure]}${f.dueOn ? `，改正期限 ${f.dueOn}` : ''}`,
    event: { type: 'measure', on: chinaDate(ctx.now()), note: body.note, data: { measure: f.measure, dueOn: f.dueOn } },
  });
}

async function applyEvent(ctx: ServiceContext, principal: Principal, id: string, need: 'manage' | 'handle', event: FollowUpEvent, write: (f: FollowUp) => Write, extra: Partial<FollowUpRow> = {}): Promise<Result<FollowUpDetail>> {
  const loaded = await loadForChange(ctx, principal, id, need);
  if (!loaded.ok) return loaded;
  const row = loaded.value.followUp;
  const current = domainOf(row);
  if (current === null) return fail('conflict', '请先确定处置措施');
  const applied = applyFollowUpEvent(current, event);
  if (!applied.ok) return refusal(applied.failure);
  return save(ctx, principal, row, { ...columnsOf(applied.followUp), ...extra }, write(applied.followUp));
}

export function recordProgressFor(ctx: ServiceContext, principal: Principal, id: string, body: FollowUpProgressBody): Promise<Result<FollowUpDetail>> {
  return applyEvent(ctx, principal, id, 'handle', { type: 'progress', on: body.on, note: body.note }, () => ({
    action: 'followup.progress_recorded', summary: `登记后续处置进展（${body.on}）`,
    event: { type: 'progress', on: body.on, note: body.note, data: {} },
  }));
}

export async function transferFor(ctx: ServiceContext, principal: Principal, id: string, body: FollowUpTransferBody): Promise<Result<FollowUpDetail>> {
  const target: TransferTarget = body.target.kind === 'department' ? { kind: 'department', departmentId: body.target.departmentId } : body.target;
  if (target.kind === 'department' && !(await departmentExists(ctx.db, target.departmentId))) {
    return fail('validation', '接收移送的部门不存在', [{ path: 'target.departmentId', message: '部门不存在' }]);
  }
  return applyEvent(ctx, principal, id, 'manage', { type: 'transfer', on: body.on, target }, () => ({
    action: 'followup.transferred',
    summary: target.kind === 'department' ? `移送平台内部门处理（${body.on}）` : `移送${target.body}（${target.documentNo}，${target.documentDate}）`,
    event: { type: 'transfer', on: body.on, note: body.note, data: { target } },
  }));
}

export function closeFor(ctx: ServiceContext, principal: Principal, id: string, body: FollowUpCloseBody): Promise<Result<FollowUpDetail>> {
  return applyEvent(ctx, principal, id, 'handle', { type: 'close', on: body.closedOn, outcome: body.outcome }, (f) => ({
    action: 'followup.closed', summary: `后续处置完结（${body.closedOn}）：${f.outcome ?? ''}`,
    event: { type: 'close', on: body.closedOn, note: f.outcome ?? '', data: { closedOn: body.closedOn, outcome: f.outcome } },
  }));
}

/** 新增措施: another follow-up for the same result (e.g. 责令改正 and 抄告); the result is closed-loop when all are closed. */
export async function addMeasureFor(ctx: ServiceContext, principal: Principal, id: string, body: FollowUpMeasureBody): Promise<Result<FollowUpDetail>> {
  const loaded = await loadForChange(ctx, principal, id, 'manage');
  if (!loaded.ok) return loaded;
  const source = loaded.value.followUp;
  const checked = checkMeasure(body);
  if (!checked.ok) return checked;
  const f = checked.value;
  const now = ctx.now();
  const created = await ctx.db.transaction(async (tx) => {
    const row = await insertFollowUp(tx, {
      inspectionId: source.inspectionId, objectKey: source.objectKey, ownerDepartmentId: source.ownerDepartmentId,
      ...columnsOf(f), measureNote: body.note, createdBy: principal.user.id, createdAt: now, updatedAt: now,
    });
    await insertFollowUpEvent(tx, {
      followUpId: row.id, type: 'created', on: chinaDate(now), note: body.note, data: { measure: f.measure, dueOn: f.dueOn, from: source.id },
      actorId: principal.user.id, actorName: principal.user.displayName, at: now,
    });
    await appendAudit(tx, {
      actor: { id: principal.user.id, name: principal.user.displayName }, action: 'followup.added', subjectType: 'follow_up', subjectId: row.id,
      summary: `新增后续处置措施：${followUpMeasureLabels[f.measure]}`,
      changes: { inspectionId: source.inspectionId, objectKey: source.objectKey, measure: f.measure, dueOn: f.dueOn, from: source.id },
    }, now);
    return row;
  });
  invalidatePublicResults(ctx.db, source.objectKey);
  return detail(ctx, principal, created.id);
}
