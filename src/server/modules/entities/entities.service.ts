import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import {
  entityKindLabels, entityListWindow, objectKindLabels,
  type BulkTagsBody, type Entity, type EntityDetail, type EntityFacets, type EntityFilter, type EntityPage,
  type EntitySort, type UpdateEntityBody, type claimEntitiesBodySchema,
} from '../../../contracts/entities.ts';
import { riskClassLabels, type RiskClass } from '../../../domain/directory/risk-class.ts';
import { entityStatusLabels, type EntityStatus } from '../../../domain/task/candidate-pool.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { Db } from '../../db/database.ts';
import type { Principal } from '../../http/access.ts';
import type { ServiceContext } from '../../http/context.ts';
import { fail, ok, type Result } from '../../http/failures.ts';
import { writeXlsx, type SheetColumn } from '../../tabular/write-table.ts';
import { findDepartmentById } from '../organizations/organizations.repository.ts';
import { canEditEntity, isSystemAdmin, writeScope } from './entities.policy.ts';
import {
  bulkEditTags, claimRows, claimStateOf, conflictsOf, countEntities, departmentNames, distinctFacets, entityWhere,
  findEntityById, findEntityByKey, idsWhere, iterateEntities, listEntityRows, objectsOwnedBy,
  pagePlan, riskHistoryOf, updateEntityRow, type EntityRow,
} from './entities.repository.ts';
import { invalidatePublicResults } from '../inspections/public-results.cache.ts';

function actorOf(principal: Principal) {
  return { id: principal.user.id, name: principal.user.displayName };
}

export function presentEntity(row: EntityRow, names: ReadonlyMap<string, string>): Entity {
  return {
    id: row.id,
    kind: row.kind as Entity['kind'],
    key: row.key,
    uscc: row.uscc,
    registrationNumber: row.registrationNumber,
    objectKind: row.objectKind,
    name: row.name,
    legalRepresentative: row.legalRepresentative,
    address: row.address,
    regionCode: row.regionCode,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    industry: row.industry,
    focusAreas: row.focusAreas,
    tags: row.tags,
    status: row.status as Entity['status'],
    statusSince: row.statusSince,
    foundedOn: row.foundedOn,
    riskClass: row.riskClass as Entity['riskClass'],
    ownerKey: row.ownerKey,
    attributes: row.attributes,
    claimedByDepartmentId: row.claimedByDepartmentId,
    claimedByDepartmentName: row.claimedByDepartmentId ? names.get(row.claimedByDepartmentId) ?? null : null,
    claimedAt: row.claimedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface ListQuery extends EntityFilter {
  page: number;
  pageSize: number;
  sort: EntitySort;
}

/** Above this many rows (as the planner estimates them) the total is the estimate, not a count. */
export const exactCountLimit = 50_000;

/**
 * One page of the list. Offset paging within the first entityListWindow rows, in index
 * order. The total: when the planner expects at most exactCountLimit rows, an exact count
 * (index scans over a few percent of the table); beyond, the planner's estimate, flagged
 * totalExact = false — counting most of a million rows would read them all.
 */
export async function listEntitiesFor(
  ctx: ServiceContext, query: ListQuery, options: { exactCountLimit?: number } = {},
): Promise<Result<EntityPage>> {
  const { page, pageSize, sort, ...filter } = query;
  const offset = (page - 1) * pageSize;
  if (offset >= entityListWindow) {
    return fail('validation', `列表最多翻阅前 ${entityListWindow} 条，请缩小筛选范围或导出`, [{ path: 'querystring.page', message: '超出可翻阅范围' }]);
  }
  const where = entityWhere(filter);
  const { estimate, indexOrder } = await pagePlan(ctx.db, where);
  const rows = await listEntityRows(ctx.db, where, sort, pageSize, offset, indexOrder);
  let total: number;
  let totalExact = true;
  if (page === 1 && rows.length < pageSize) {
    total = rows.length;
  } else if (estimate > (options.exactCountLimit ?? exactCountLimit)) {
    totalExact = false;
    total = Math.max(estimate, offset + rows.length);
  } else {
    total = await countEntities(ctx.db, where);
  }
  const names = await departmentNames(ctx.db);
  return ok({ items: rows.map((r) => presentEntity(r, names)), total, totalExact, page, pageSize });
}

export async function getEntityDetail(ctx: ServiceContext, id: string): Promise<Result<EntityDetail>> {
  const row = await findEntityById(ctx.db, id);
  if (!row) return fail('not_found', '检查对象不存在');
  const names = await departmentNames(ctx.db);
  const owner = row.ownerKey ? await findEntityByKey(ctx.db, row.ownerKey) : undefined;
  const history = await riskHistoryOf(ctx.db, id);
  return ok({
    ...presentEntity(row, names),
    riskHistory: history.map((h) => ({ effectiveFrom: h.effectiveFrom, riskClass: h.riskClass as RiskClass })),
    owner: owner ? { id: owner.id, key: owner.key, name: owner.name, objectKind: owner.objectKind } : null,
    ownedObjects: row.kind === 'subject' ? await objectsOwnedBy(ctx.db, row.key, 100) : [],
    conflicts: await conflictsOf(ctx.db, id),
  });
}

const editableFields = [
  'name', 'legalRepresentative', 'address', 'regionCode', 'contactName', 'contactPhone', 'industry', 'objectKind',
  'ownerKey', 'focusAreas', 'tags', 'status', 'statusSince', 'foundedOn', 'attributes',
] as const satisfies readonly (keyof UpdateEntityBody & keyof EntityRow)[];

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

const noWriteDetail = '机构管理员只能维护本机构已认领的检查对象';

export async function updateEntityFor(ctx: ServiceContext, principal: Principal, id: string, body: UpdateEntityBody): Promise<Result<EntityDetail>> {
  const row = await findEntityById(ctx.db, id);
  if (!row) return fail('not_found', '检查对象不存在');
  if (!canEditEntity(principal.user, row)) return fail('forbidden', noWriteDetail);
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  const values: Partial<EntityRow> = {};
  for (const field of editableFields) {
    const next = body[field];
    if (next === undefined) continue;
    const normalized = typeof next === 'string' && next === '' && field !== 'name' ? null : next;
    if (sameValue(row[field], normalized)) continue;
    diff[field] = { from: row[field], to: normalized };
    (values as Record<string, unknown>)[field] = field === 'focusAreas' || field === 'tags' ? [...new Set(normalized as string[])] : normalized;
  }
  if (Object.keys(diff).length > 0) {
    const now = ctx.now();
    await ctx.db.transaction(async (tx) => {
      await updateEntityRow(tx, id, { ...values, updatedAt: now });
      await appendAudit(tx, {
        actor: actorOf(principal), action: 'entity.updated', subjectType: 'entity', subjectId: id,
        summary: `修改检查对象“${row.name}”（${row.key}）：${Object.keys(diff).join('、')}`, changes: diff,
      }, now);
    });
    invalidateFacets(ctx.db);
    invalidatePublicResults(ctx.db, row.key);
  }
  return getEntityDetail(ctx, id);
}

export async function bulkTagsFor(ctx: ServiceContext, principal: Principal, body: BulkTagsBody): Promise<Result<{ matched: number; updated: number }>> {
  const scope = writeScope(principal.user);
  if (scope === null) return fail('forbidden', '您不属于任何机构，不能批量修改');
  if (body.ids) {
    const state = await claimStateOf(ctx.db, body.ids);
    if (state.length !== new Set(body.ids).size) return fail('not_found', '部分检查对象不存在');
    const outside = state.filter((s) => !canEditEntity(principal.user, s));
    if (outside.length > 0) return fail('forbidden', `${noWriteDetail}：${outside.slice(0, 5).map((s) => s.name).join('、')}${outside.length > 5 ? ' 等' : ''}`);
  }
  const where = body.ids ? idsWhere(body.ids) : entityWhere(body.filter ?? {}, scope);
  const change = { addTags: body.addTags, removeTags: body.removeTags, addFocusAreas: body.addFocusAreas, removeFocusAreas: body.removeFocusAreas };
  const now = ctx.now();
  const result = await ctx.db.transaction(async (tx) => {
    const counts = await bulkEditTags(tx, where, change, now);
    const parts = [
      body.addTags.length ? `添加标签 ${body.addTags.join('、')}` : '',
      body.removeTags.length ? `移除标签 ${body.removeTags.join('、')}` : '',
      body.addFocusAreas.length ? `添加重点领域 ${body.addFocusAreas.join('、')}` : '',
      body.removeFocusAreas.length ? `移除重点领域 ${body.removeFocusAreas.join('、')}` : '',
    ].filter((p) => p !== '');
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'entity.tags_bulk_edited', subjectType: 'entity', subjectId: null,
      summary: `批量修改检查对象标签（${body.ids ? `选中 ${body.ids.length} 个` : '按筛选条件'}，匹配 ${counts.matched} 个，变更 ${counts.updated} 个）：${parts.join('；')}`,
      changes: {
        ...change, matched: counts.matched, updated: counts.updated,
        ...(body.ids ? { ids: body.ids } : { filter: body.filter ?? {}, scopeDepartmentId: scope ?? null }),
      },
    }, now);
    return counts;
  });
  invalidateFacets(ctx.db);
  return ok(result);
}

export async function claimEntitiesFor(
  ctx: ServiceContext, principal: Principal, body: z.infer<typeof claimEntitiesBodySchema>,
): Promise<Result<{ claimed: number; alreadyOwn: number }>> {
  let departmentId: string;
  if (isSystemAdmin(principal.user)) {
    const chosen = body.departmentId ?? principal.user.departmentId;
    if (!chosen) return fail('validation', '请选择认领机构', [{ path: 'body.departmentId', message: '请选择认领机构' }]);
    departmentId = chosen;
  } else {
    if (!principal.user.departmentId) return fail('forbidden', '您不属于任何机构，不能认领');
    if (body.departmentId && body.departmentId !== principal.user.departmentId) return fail('forbidden', '机构管理员只能为本机构认领');
    departmentId = principal.user.departmentId;
  }
  const department = await findDepartmentById(ctx.db, departmentId);
  if (!department) return fail('validation', '机构不存在', [{ path: 'body.departmentId', message: '机构不存在' }]);
  const ids = [...new Set(body.ids)];
  const state = await claimStateOf(ctx.db, ids);
  if (state.length !== ids.length) return fail('not_found', '部分检查对象不存在');
  const taken = state.filter((s) => s.claimedByDepartmentId !== null && s.claimedByDepartmentId !== departmentId);
  if (taken.length > 0) {
    return fail('conflict', `已被其他机构认领：${taken.slice(0, 5).map((s) => s.name).join('、')}${taken.length > 5 ? ` 等 ${taken.length} 个` : ''}`);
  }
  const alreadyOwn = state.filter((s) => s.claimedByDepartmentId === departmentId).length;
  const toClaim = state.filter((s) => s.claimedByDepartmentId === null).map((s) => s.id);
  if (toClaim.length === 0) return ok({ claimed: 0, alreadyOwn });
  const now = ctx.now();
  const claimed = await ctx.db.transaction(async (tx) => {
    const n = await claimRows(tx, toClaim, departmentId, now);
    if (n !== toClaim.length) throw new ClaimRaceError();
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'entity.claimed', subjectType: 'entity', subjectId: toClaim.length === 1 ? toClaim[0] ?? null : null,
      summary: `${department.name}认领检查对象 ${n} 个`,
      changes: { departmentId, departmentName: department.name, count: n, ids: toClaim },
    }, now);
    return n;
  }).catch((error: unknown) => {
    if (error instanceof ClaimRaceError) return null;
    throw error;
  });
  if (claimed === null) return fail('conflict', '认领期间部分对象已被其他机构认领，请刷新后重试');
  return ok({ claimed, alreadyOwn });
}

class ClaimRaceError extends Error {}

const exportColumns: readonly SheetColumn[] = [
  { header: '类别', width: 10 }, { header: '标识（统一社会信用代码/注册号/编码）', text: true, width: 26 },
  { header: '统一社会信用代码', text: true, width: 22 }, { header: '注册号', text: true, width: 18 },
  { header: '对象类型', width: 12 }, { header: '名称', width: 36 }, { header: '法定代表人' }, { header: '注册地址', width: 40 },
  { header: '行政区划代码', text: true }, { header: '联络人' }, { header: '联系电话', text: true, width: 16 },
  { header: '行业类别', width: 14 }, { header: '重点领域', width: 24 }, { header: '标签', width: 20 },
  { header: '信用风险分类', width: 20 }, { header: '状态', width: 8 }, { header: '状态日期', width: 12 },
  { header: '成立日期', width: 12 }, { header: '所属主体', text: true, width: 22 }, { header: '其他属性', width: 40 },
  { header: '认领机构', width: 18 }, { header: '更新时间', width: 20 },
];

function exportRow(row: EntityRow, names: ReadonlyMap<string, string>): (string | null)[] {
  return [
    entityKindLabels[row.kind as Entity['kind']] ?? row.kind, row.key, row.uscc, row.registrationNumber,
    row.objectKind ? objectKindLabels[row.objectKind] ?? row.objectKind : null, row.name, row.legalRepresentative, row.address,
    row.regionCode, row.contactName, row.contactPhone, row.industry, row.focusAreas.join('、'), row.tags.join('、'),
    riskClassLabels[row.riskClass as RiskClass] ?? row.riskClass, entityStatusLabels[row.status as EntityStatus] ?? row.status,
    row.statusSince, row.foundedOn, row.ownerKey,
    Object.entries(row.attributes).map(([k, v]) => `${k}：${v}`).join('；') || null,
    row.claimedByDepartmentId ? names.get(row.claimedByDepartmentId) ?? null : null,
    row.updatedAt.toISOString(),
  ];
}

/** Writes the filtered list to a temporary xlsx, batch by batch; the caller streams and removes it. */
export async function exportEntitiesFor(
  ctx: ServiceContext, principal: Principal, filter: EntityFilter,
): Promise<Result<{ file: string; rows: number; cleanup: () => Promise<void> }>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'suiji-export-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const file = path.join(dir, 'entities.xlsx');
    const names = await departmentNames(ctx.db);
    const where = entityWhere(filter);
    let rows = 0;
    async function* lines() {
      for await (const batch of iterateEntities(ctx.db, where)) {
        for (const row of batch) {
          rows += 1;
          yield exportRow(row, names);
        }
      }
    }
    await writeXlsx(file, '检查对象名录', exportColumns, lines());
    const now = ctx.now();
    await ctx.db.transaction(async (tx) => {
      await appendAudit(tx, {
        actor: actorOf(principal), action: 'entity.exported', subjectType: 'entity', subjectId: null,
        summary: `导出检查对象名录 ${rows} 条`, changes: { filter, rows },
      }, now);
    });
    return ok({ file, rows, cleanup });
  } catch (error) {
    await cleanup();
    throw error;
  }
}

// Distinct industries, focus areas and tags for the filter bar: a full scan at a million
// rows (~0.3 s), so kept for a minute per database and dropped when this process edits tags.
const facetCache = new WeakMap<Db, { at: number; value: EntityFacets }>();
const facetTtlMs = 60_000;

export function invalidateFacets(db: Db): void {
  facetCache.delete(db);
}

export async function entityFacetsFor(ctx: ServiceContext): Promise<Result<EntityFacets>> {
  const cached = facetCache.get(ctx.db);
  const at = Date.now();
  if (cached && at - cached.at < facetTtlMs) return ok(cached.value);
  const value = await distinctFacets(ctx.db);
  facetCache.set(ctx.db, { at, value });
  return ok(value);
}
