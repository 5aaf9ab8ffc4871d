import type { z } from 'zod';
import type {
  createConflictBodySchema, createOfficerBodySchema, exportOfficersQuerySchema, listOfficersQuerySchema, Officer,
  OfficerConflict, updateOfficerBodySchema,
} from '../../../contracts/officers.ts';
import { isWithin } from '../../../domain/directory/item-rules.ts';
import {
  ineligibleReasonLabels, officerIneligibility, type OfficerCategory, type OfficerStatus,
} from '../../../domain/directory/officer-eligibility.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { officers } from '../../db/schema-directory.ts';
import type { Principal } from '../../http/access.ts';
import type { ServiceContext } from '../../http/context.ts';
import { fail, ok, type FieldError, type Result } from '../../http/failures.ts';
import { officerColumns, officerExportCells } from '../../imports/kinds/officers.ts';
import { chinaDate, xlsxBuffer } from '../items/xlsx-export.ts';
import { findDepartmentById } from '../organizations/organizations.repository.ts';
import { canManageOfficersOf, inScope, officerReadScope, type OfficerScope } from './officers.policy.ts';
import {
  endConflict, findConflict, findEntityByKey, findOfficerById, findOfficerRecordByCertificate, findOfficerRecordByKey,
  findOfficerRecordByUser, findUserForLink, insertConflict, insertOfficer, listAllOfficers, listConflicts, listOfficers,
  updateOfficer, type ConflictRow, type OfficerRecord, type OfficerRow,
} from './officers.repository.ts';

export function eligibilityOf(row: Pick<OfficerRecord, 'category' | 'status' | 'leaveFrom' | 'leaveTo' | 'validFrom' | 'validTo'>, date: string) {
  return officerIneligibility({
    category: row.category as OfficerCategory,
    status: row.status as OfficerStatus,
    leaveFrom: row.leaveFrom,
    leaveTo: row.leaveTo,
    certificateValidFrom: row.validFrom,
    certificateValidTo: row.validTo,
  }, date);
}

export function presentOfficer(row: OfficerRow, date: string): Officer {
  const reason = eligibilityOf(row, date);
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    certificateNo: row.certificateNo,
    certificateType: row.certificateType,
    validFrom: row.validFrom,
    validTo: row.validTo,
    gender: row.gender as Officer['gender'],
    title: row.title,
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    userId: row.userId,
    userDisplayName: row.userDisplayName,
    tags: row.tags,
    category: row.category as Officer['category'],
    status: row.status as Officer['status'],
    leaveFrom: row.leaveFrom,
    leaveTo: row.leaveTo,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    eligibilityDate: date,
    eligible: reason === null,
    ineligibleReason: reason,
    ineligibleReasonLabel: reason === null ? null : ineligibleReasonLabels[reason],
    activeConflictCount: row.activeConflictCount,
  };
}

function presentConflict(row: ConflictRow, date: string): OfficerConflict {
  return {
    id: row.id, officerId: row.officerId, entityId: row.entityId, entityKey: row.entityKey, entityName: row.entityName,
    reason: row.reason, validFrom: row.validFrom, validTo: row.validTo, active: isWithin(date, row.validFrom, row.validTo),
    createdAt: row.createdAt.toISOString(),
  };
}

function actorOf(principal: Principal) {
  return { id: principal.user.id, name: principal.user.displayName };
}

const notFound = '执法人员不存在';

/** The officer, if the actor may read it; otherwise not found (a department admin must not learn of others). */
async function loadReadable(ctx: ServiceContext, principal: Principal, id: string, date: string): Promise<Result<OfficerRow>> {
  const row = await findOfficerById(ctx.db, id, date);
  if (!row || !inScope(officerReadScope(principal.user), row)) return fail('not_found', notFound);
  return ok(row);
}

/** The officer, if the actor may change it: a department admin gets 404 outside their department. */
async function loadManageable(ctx: ServiceContext, principal: Principal, id: string, date: string): Promise<Result<OfficerRow>> {
  const row = await findOfficerById(ctx.db, id, date);
  if (!row) return fail('not_found', notFound);
  if (!canManageOfficersOf(principal.user, row.departmentId)) {
    return inScope(officerReadScope(principal.user), row) ? fail('forbidden', '无权修改该执法人员') : fail('not_found', notFound);
  }
  return ok(row);
}

function scopedFilter(principal: Principal, departmentId: string | undefined): Result<OfficerScope> {
  const scope = officerReadScope(principal.user);
  if (scope.kind === 'department' && departmentId && departmentId !== scope.departmentId) {
    return fail('forbidden', '机构管理员只能查看本机构的执法人员');
  }
  return ok(scope);
}

export async function listOfficersFor(
  ctx: ServiceContext, principal: Principal, query: z.infer<typeof listOfficersQuerySchema>,
): Promise<Result<{ items: Officer[]; total: number; page: number; pageSize: number }>> {
  const scope = scopedFilter(principal, query.departmentId);
  if (!scope.ok) return scope;
  const today = chinaDate(ctx.now());
  const { page, pageSize, eligibleOn, ...filter } = query;
  if (eligibleOn) {
    // Eligibility is the domain's rule (officerIneligibility), applied to every match, then paged.
    const all = (await listAllOfficers(ctx.db, filter, scope.value, today)).filter((r) => eligibilityOf(r, eligibleOn) === null);
    const slice = all.slice((page - 1) * pageSize, page * pageSize);
    return ok({ items: slice.map((r) => presentOfficer(r, today)), total: all.length, page, pageSize });
  }
  const result = await listOfficers(ctx.db, filter, scope.value, today, { page, pageSize });
  return ok({ items: result.items.map((r) => presentOfficer(r, today)), total: result.total, page, pageSize });
}

export async function getOfficerFor(ctx: ServiceContext, principal: Principal, id: string): Promise<Result<Officer>> {
  const today = chinaDate(ctx.now());
  const row = await loadReadable(ctx, principal, id, today);
  return row.ok ? ok(presentOfficer(row.value, today)) : row;
}

type OfficerValues = Omit<typeof officers.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

async function checkOfficerValues(
  ctx: ServiceContext, principal: Principal, values: OfficerValues, selfId: string | null,
): Promise<Result<void>> {
  const errors: FieldError[] = [];
  if (!values.key) errors.push({ path: 'body.certificateNo', message: '请填写执法证号；没有执法证件的人员请填写名录编号' });
  if (values.validFrom && values.validTo && values.validTo < values.validFrom) errors.push({ path: 'body.validTo', message: '有效期止不能早于有效期起' });
  if (values.leaveFrom && values.leaveTo && values.leaveTo < values.leaveFrom) errors.push({ path: 'body.leaveTo', message: '休假结束不能早于休假开始' });
  if (errors.length > 0) return fail('validation', errors.map((e) => e.message).join('；'), errors);
  if (!(await findDepartmentById(ctx.db, values.departmentId))) {
    return fail('validation', '机构不存在', [{ path: 'body.departmentId', message: '机构不存在' }]);
  }
  const byKey = await findOfficerRecordByKey(ctx.db, values.key);
  if (byKey && byKey.id !== selfId) {
    const path = values.certificateNo ? 'body.certificateNo' : 'body.key';
    return fail('conflict', `名录中已有编号为“${values.key}”的人员`, [{ path, message: '该编号已存在' }]);
  }
  if (values.certificateNo) {
    const byCertificate = await findOfficerRecordByCertificate(ctx.db, values.certificateNo);
    if (byCertificate && byCertificate.id !== selfId) {
      return fail('conflict', `执法证号“${values.certificateNo}”已存在`, [{ path: 'body.certificateNo', message: '执法证号已存在' }]);
    }
  }
  if (values.userId) {
    const user = await findUserForLink(ctx.db, values.userId);
    if (!user) return fail('validation', '关联的用户不存在', [{ path: 'body.userId', message: '用户不存在' }]);
    if (!principal.user.roles.includes('system_admin') && user.departmentId !== values.departmentId) {
      return fail('validation', '只能关联本机构的用户', [{ path: 'body.userId', message: '只能关联本机构的用户' }]);
    }
    const linked = await findOfficerRecordByUser(ctx.db, values.userId);
    if (linked && linked.id !== selfId) {
      return fail('conflict', `该用户已关联执法人员“${linked.name}”`, [{ path: 'body.userId', message: '该用户已关联其他执法人员' }]);
    }
  }
  return ok(undefined);
}

function normalise(values: OfficerValues): OfficerValues {
  const onLeave = values.status === 'on_leave';
  return {
    ...values,
    key: values.certificateNo ?? values.key,
    tags: [...new Set(values.tags ?? [])],
    leaveFrom: onLeave ? values.leaveFrom ?? null : null,
    leaveTo: onLeave ? values.leaveTo ?? null : null,
  };
}

export async function createOfficerFor(
  ctx: ServiceContext, principal: Principal, input: z.infer<typeof createOfficerBodySchema>,
): Promise<Result<Officer>> {
  if (!canManageOfficersOf(principal.user, input.departmentId)) return fail('forbidden', '机构管理员只能在本机构登记执法人员');
  const values = normalise({ ...input, key: input.key ?? '' });
  const checked = await checkOfficerValues(ctx, principal, values, null);
  if (!checked.ok) return checked;
  const now = ctx.now();
  const id = await ctx.db.transaction(async (tx) => {
    const row = await insertOfficer(tx, { ...values, createdAt: now, updatedAt: now });
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'officer.created', subjectType: 'officer', subjectId: row.id,
      summary: `登记执法人员“${row.name}”（${row.key}）`, changes: { ...values },
    }, now);
    return row.id;
  });
  return getOfficerFor(ctx, principal, id);
}

const comparable = [
  'key', 'certificateNo', 'certificateType', 'validFrom', 'validTo', 'name', 'gender', 'title', 'departmentId', 'userId', 'tags',
  'category', 'status', 'leaveFrom', 'leaveTo',
] as const;

export async function updateOfficerFor(
  ctx: ServiceContext, principal: Principal, id: string, input: z.infer<typeof updateOfficerBodySchema>,
): Promise<Result<Officer>> {
  const today = chinaDate(ctx.now());
  const loaded = await loadManageable(ctx, principal, id, today);
  if (!loaded.ok) return loaded;
  const current = loaded.value;
  if (input.departmentId !== undefined && !canManageOfficersOf(principal.user, input.departmentId)) {
    return fail('forbidden', '机构管理员不能把执法人员调到其他机构');
  }
  const before: OfficerValues = Object.fromEntries(comparable.map((f) => [f, current[f]])) as OfficerValues;
  const merged: OfficerValues = { ...before };
  for (const [field, value] of Object.entries(input)) {
    if (value !== undefined) (merged as Record<string, unknown>)[field] = value;
  }
  // A new certificate becomes the key; without one the old key stays (or the given 名录编号).
  const next = normalise({ ...merged, key: merged.certificateNo ?? input.key ?? (current.certificateNo === null ? current.key : '') });
  const checked = await checkOfficerValues(ctx, principal, next, id);
  if (!checked.ok) return checked;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of comparable) {
    if (JSON.stringify(before[field] ?? null) !== JSON.stringify(next[field] ?? null)) changes[field] = { from: before[field] ?? null, to: next[field] ?? null };
  }
  if (Object.keys(changes).length > 0) {
    const now = ctx.now();
    await ctx.db.transaction(async (tx) => {
      await updateOfficer(tx, id, { ...next, updatedAt: now });
      await appendAudit(tx, {
        actor: actorOf(principal), action: 'officer.updated', subjectType: 'officer', subjectId: id,
        summary: `修改执法人员“${next.name}”（${next.key}）：${Object.keys(changes).join('、')}`, changes,
      }, now);
    });
  }
  return getOfficerFor(ctx, principal, id);
}

export async function exportOfficersFor(
  ctx: ServiceContext, principal: Principal, query: z.infer<typeof exportOfficersQuerySchema>,
): Promise<Result<Buffer>> {
  const scope = scopedFilter(principal, query.departmentId);
  if (!scope.ok) return scope;
  const today = chinaDate(ctx.now());
  const { eligibleOn, ...filter } = query;
  const rows = (await listAllOfficers(ctx.db, filter, scope.value, today))
    .filter((r) => !eligibleOn || eligibilityOf(r, eligibleOn) === null);
  const buffer = await xlsxBuffer(
    '执法检查人员名录',
    [
      ...officerColumns.map((c) => ({ header: c.header, text: c.kind.type === 'code' })),
      { header: `${today} 可抽取` }, { header: '不可抽取原因' }, { header: '在效回避数' },
    ],
    rows.map((r) => {
      const reason = eligibilityOf(r, today);
      return [...officerExportCells(r, r.departmentName), reason === null ? '是' : '否', reason === null ? null : ineligibleReasonLabels[reason], r.activeConflictCount];
    }),
  );
  return ok(buffer);
}

export async function listConflictsFor(ctx: ServiceContext, principal: Principal, officerId: string): Promise<Result<{ items: OfficerConflict[] }>> {
  const today = chinaDate(ctx.now());
  const officer = await loadReadable(ctx, principal, officerId, today);
  if (!officer.ok) return officer;
  return ok({ items: (await listConflicts(ctx.db, officerId)).map((r) => presentConflict(r, today)) });
}

export async function createConflictFor(
  ctx: ServiceContext, principal: Principal, officerId: string, input: z.infer<typeof createConflictBodySchema>,
): Promise<Result<OfficerConflict>> {
  const today = chinaDate(ctx.now());
  const officer = await loadManageable(ctx, principal, officerId, today);
  if (!officer.ok) return officer;
  if (input.validTo !== null && input.validTo < input.validFrom) {
    return fail('validation', '回避结束日期不能早于开始日期', [{ path: 'body.validTo', message: '结束日期不能早于开始日期' }]);
  }
  const entity = await findEntityByKey(ctx.db, input.entityKey);
  if (!entity) {
    return fail('validation', `检查对象名录中没有“${input.entityKey}”`, [{ path: 'body.entityKey', message: '检查对象名录中没有该对象' }]);
  }
  const now = ctx.now();
  const id = await ctx.db.transaction(async (tx) => {
    const newId = await insertConflict(tx, {
      officerId, entityId: entity.id, reason: input.reason, validFrom: input.validFrom, validTo: input.validTo, createdAt: now,
    });
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'officer_conflict.created', subjectType: 'officer_conflict', subjectId: newId,
      summary: `登记回避：执法人员“${officer.value.name}”回避“${entity.name}”（${entity.key}）：${input.reason}`,
      changes: { officerId, entityId: entity.id, entityKey: entity.key, reason: input.reason, validFrom: input.validFrom, validTo: input.validTo },
    }, now);
    return newId;
  });
  const row = await findConflict(ctx.db, officerId, id);
  if (!row) throw new Error('conflict vanished after write');
  return ok(presentConflict(row, today));
}

export async function endConflictFor(
  ctx: ServiceContext, principal: Principal, officerId: string, conflictId: string, validTo: string | undefined,
): Promise<Result<OfficerConflict>> {
  const today = chinaDate(ctx.now());
  const officer = await loadManageable(ctx, principal, officerId, today);
  if (!officer.ok) return officer;
  const conflict = await findConflict(ctx.db, officerId, conflictId);
  if (!conflict) return fail('not_found', '回避登记不存在');
  const end = validTo ?? today;
  if (conflict.validTo !== null && conflict.validTo <= end) return fail('conflict', `该回避已于 ${conflict.validTo} 结束`);
  if (end < conflict.validFrom) {
    return fail('validation', '结束日期不能早于回避开始日期', [{ path: 'body.validTo', message: '结束日期不能早于开始日期' }]);
  }
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await endConflict(tx, conflictId, end);
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'officer_conflict.ended', subjectType: 'officer_conflict', subjectId: conflictId,
      summary: `结束回避：执法人员“${officer.value.name}”对“${conflict.entityName}”的回避截至 ${end}`,
      changes: { validTo: { from: conflict.validTo, to: end } },
    }, now);
  });
  const row = await findConflict(ctx.db, officerId, conflictId);
  if (!row) throw new Error('conflict vanished after write');
  return ok(presentConflict(row, today));
}
