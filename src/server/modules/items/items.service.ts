import type { z } from 'zod';
import type {
  claimItemBodySchema, createItemBodySchema, exportItemsQuerySchema, Item, ItemDetail, ItemDiff, ItemVersion,
  listItemsQuerySchema, listPublicItemsQuerySchema, PublicItem, updateItemBodySchema,
} from '../../../contracts/items.ts';
import { itemUnusableReasonLabels, itemUnusableReason, supervisionLevelOfRegion, diffSnapshots } from '../../../domain/directory/item-rules.ts';
import { supervisionLevelLabels } from '../../../contracts/items.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { Principal } from '../../http/access.ts';
import type { ServiceContext } from '../../http/context.ts';
import { fail, ok, type Result } from '../../http/failures.ts';
import { itemColumns, itemExportCells } from '../../imports/kinds/items.ts';
import { findDepartmentById } from '../organizations/organizations.repository.ts';
import { editableChanges, editableItemFields, itemSnapshot, type EditableItemValues } from './item-snapshot.ts';
import { canAssignDepartment, canClaimFor, canManageItem } from './items.policy.ts';
import {
  findItemByCode, findItemById, findItemVersion, insertItem, insertItemVersion, listAllItems, listItems, listItemVersions,
  updateItem, type ItemRecord, type ItemRow, type ItemVersionRow,
} from './items.repository.ts';
import { xlsxBuffer } from './xlsx-export.ts';

type Enum<T extends keyof Item> = Item[T];

export function presentItem(row: ItemRow): Item {
  const reason = itemUnusableReason({ status: row.status as Enum<'status'>, claimedByDepartmentId: row.claimedByDepartmentId });
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    status: row.status as Enum<'status'>,
    category: row.category as Enum<'category'>,
    groupName: row.groupName,
    name: row.name,
    legalBasis: row.legalBasis,
    responsibleDepartmentId: row.responsibleDepartmentId,
    responsibleDepartmentName: row.responsibleDepartmentName,
    supervisionLevel: row.supervisionLevel as Enum<'supervisionLevel'>,
    objectType: row.objectType as Enum<'objectType'>,
    content: row.content,
    methods: row.methods as Enum<'methods'>,
    defaultRatioBp: row.defaultRatioBp,
    frequency: row.frequency,
    requiredTags: row.requiredTags,
    industries: row.industries,
    remarks: row.remarks,
    source: row.source as Enum<'source'>,
    claimedByDepartmentId: row.claimedByDepartmentId,
    claimedByDepartmentName: row.claimedByDepartmentName,
    claimedAt: row.claimedAt?.toISOString() ?? null,
    retiredAt: row.retiredAt?.toISOString() ?? null,
    retiredReason: row.retiredReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    usableInTask: reason === null,
    unusableReason: reason,
    unusableReasonLabel: reason === null ? null : itemUnusableReasonLabels[reason],
    currentGuidelineVersionId: row.currentGuidelineVersionId,
  };
}

/**
 * The public presenter: names every field the portal shows. No ids, no people, no
 * internal remarks — a new column cannot leak onto the portal by accident.
 */
export function presentPublicItem(row: ItemRow): PublicItem {
  return {
    code: row.code,
    name: row.name,
    category: row.category as PublicItem['category'],
    groupName: row.groupName,
    legalBasis: row.legalBasis,
    supervisionLevel: row.supervisionLevel as PublicItem['supervisionLevel'],
    objectType: row.objectType as PublicItem['objectType'],
    content: row.content,
    methods: row.methods as PublicItem['methods'],
    defaultRatioBp: row.defaultRatioBp,
    frequency: row.frequency,
    departmentName: row.claimedByDepartmentName ?? row.responsibleDepartmentName,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function presentVersion(row: ItemVersionRow): ItemVersion {
  return {
    version: row.version, snapshot: row.snapshot, reason: row.reason, changedById: row.changedBy,
    changedByName: row.changedByName, changedAt: row.changedAt.toISOString(),
  };
}

function actorOf(principal: Principal) {
  return { id: principal.user.id, name: principal.user.displayName };
}

const manageDetail = '机构管理员只能修改本机构负责或认领的抽查事项';

async function loadItem(ctx: ServiceContext, id: string): Promise<Result<ItemRow>> {
  const row = await findItemById(ctx.db, id);
  return row ? ok(row) : fail('not_found', '抽查事项不存在');
}

async function checkDepartment(ctx: ServiceContext, departmentId: string | null, path: string): Promise<Result<void>> {
  if (departmentId === null || (await findDepartmentById(ctx.db, departmentId))) return ok(undefined);
  return fail('validation', '机构不存在', [{ path, message: '机构不存在' }]);
}

async function reload(ctx: ServiceContext, id: string): Promise<Item> {
  const row = await findItemById(ctx.db, id);
  if (!row) throw new Error('item vanished after write');
  return presentItem(row);
}

export async function listItemsFor(
  ctx: ServiceContext, query: z.infer<typeof listItemsQuerySchema>,
): Promise<Result<{ items: Item[]; total: number; page: number; pageSize: number }>> {
  const { page, pageSize, ...filter } = query;
  const result = await listItems(ctx.db, filter, { page, pageSize });
  return ok({ items: result.items.map(presentItem), total: result.total, page, pageSize });
}

export async function getItemDetail(ctx: ServiceContext, id: string): Promise<Result<ItemDetail>> {
  const row = await loadItem(ctx, id);
  if (!row.ok) return row;
  const versions = await listItemVersions(ctx.db, id);
  return ok({ item: presentItem(row.value), versions: versions.map(presentVersion) });
}

export async function listVersionsOf(ctx: ServiceContext, id: string): Promise<Result<{ items: ItemVersion[] }>> {
  const row = await loadItem(ctx, id);
  if (!row.ok) return row;
  return ok({ items: (await listItemVersions(ctx.db, id)).map(presentVersion) });
}

export async function diffVersionsOf(ctx: ServiceContext, id: string, from: number, to: number): Promise<Result<ItemDiff>> {
  const row = await loadItem(ctx, id);
  if (!row.ok) return row;
  const [a, b] = await Promise.all([findItemVersion(ctx.db, id, from), findItemVersion(ctx.db, id, to)]);
  if (!a) return fail('not_found', `该事项没有第 ${from} 版`);
  if (!b) return fail('not_found', `该事项没有第 ${to} 版`);
  return ok({ from, to, changes: diffSnapshots(a.snapshot, b.snapshot) });
}

async function writeVersion(tx: ServiceContext['db'], row: ItemRecord, reason: string | null, userId: string, now: Date): Promise<void> {
  await insertItemVersion(tx, { itemId: row.id, version: row.version, snapshot: itemSnapshot(row), reason, changedBy: userId, changedAt: now });
}

export async function createItemFor(
  ctx: ServiceContext, principal: Principal, input: z.infer<typeof createItemBodySchema>,
): Promise<Result<Item>> {
  if (!canAssignDepartment(principal.user, input.responsibleDepartmentId)) {
    return fail('forbidden', '机构管理员只能新建由本机构负责的抽查事项');
  }
  const department = await checkDepartment(ctx, input.responsibleDepartmentId, 'body.responsibleDepartmentId');
  if (!department.ok) return department;
  if (await findItemByCode(ctx.db, input.code)) {
    return fail('conflict', `事项编码“${input.code}”已存在`, [{ path: 'body.code', message: '事项编码已存在' }]);
  }
  const { reason, ...fields } = input;
  const now = ctx.now();
  const id = await ctx.db.transaction(async (tx) => {
    const row = await insertItem(tx, { ...fields, version: 1, status: 'active', createdAt: now, updatedAt: now });
    await writeVersion(tx, row, reason || '新建事项', principal.user.id, now);
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'item.created', subjectType: 'item', subjectId: row.id,
      summary: `新建抽查事项“${row.name}”（${row.code}）`, changes: { ...fields },
    }, now);
    return row.id;
  });
  return ok(await reload(ctx, id));
}

export async function updateItemFor(
  ctx: ServiceContext, principal: Principal, id: string, input: z.infer<typeof updateItemBodySchema>,
): Promise<Result<Item>> {
  const loaded = await loadItem(ctx, id);
  if (!loaded.ok) return loaded;
  const current = loaded.value;
  if (!canManageItem(principal.user, current)) return fail('forbidden', manageDetail);
  if (current.status === 'retired') return fail('conflict', '已退役的抽查事项不能修改');
  const { reason, ...patch } = input;
  const before = Object.fromEntries(editableItemFields.map((f) => [f, current[f]])) as EditableItemValues;
  const after = { ...before } as EditableItemValues;
  for (const field of editableItemFields) {
    const value = patch[field];
    if (value !== undefined) (after as Record<string, unknown>)[field] = value;
  }
  if (after.responsibleDepartmentId !== before.responsibleDepartmentId) {
    if (!canAssignDepartment(principal.user, after.responsibleDepartmentId)) return fail('forbidden', '机构管理员不能把事项移交给其他机构');
    const department = await checkDepartment(ctx, after.responsibleDepartmentId, 'body.responsibleDepartmentId');
    if (!department.ok) return department;
  }
  if (after.code !== before.code && (await findItemByCode(ctx.db, after.code))) {
    return fail('conflict', `事项编码“${after.code}”已存在`, [{ path: 'body.code', message: '事项编码已存在' }]);
  }
  const changes = editableChanges(before, after);
  if (Object.keys(changes).length === 0) return ok(presentItem(current));
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const row = await updateItem(tx, id, { ...after, version: current.version + 1, updatedAt: now });
    await writeVersion(tx, row, reason, principal.user.id, now);
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'item.updated', subjectType: 'item', subjectId: id,
      summary: `修改抽查事项“${row.name}”（${row.code}）为第 ${row.version} 版：${reason}`, changes: { ...changes, reason },
    }, now);
  });
  return ok(await reload(ctx, id));
}

export async function claimItemFor(
  ctx: ServiceContext, principal: Principal, id: string, input: z.infer<typeof claimItemBodySchema>,
): Promise<Result<Item>> {
  const loaded = await loadItem(ctx, id);
  if (!loaded.ok) return loaded;
  const current = loaded.value;
  const departmentId = input.departmentId ?? principal.user.departmentId;
  if (!departmentId) return fail('validation', '请选择认领机构', [{ path: 'body.departmentId', message: '请选择认领机构' }]);
  if (!canClaimFor(principal.user, departmentId)) return fail('forbidden', '机构管理员只能为本机构认领抽查事项');
  const department = await findDepartmentById(ctx.db, departmentId);
  if (!department) return fail('validation', '机构不存在', [{ path: 'body.departmentId', message: '机构不存在' }]);
  if (current.status === 'retired') return fail('conflict', '已退役的抽查事项不能认领');
  if (current.claimedByDepartmentId !== null) {
    return fail('conflict', current.claimedByDepartmentId === departmentId
      ? `该事项已由“${department.name}”认领`
      : `该事项已由“${current.claimedByDepartmentName ?? '其他机构'}”认领`);
  }
  const level = supervisionLevelOfRegion(department.regionCode);
  const itemLevel = current.supervisionLevel as keyof typeof supervisionLevelLabels;
  if (level !== itemLevel) {
    return fail('conflict', `该事项的监管层级为${supervisionLevelLabels[itemLevel] ?? current.supervisionLevel}，“${department.name}”属于${level ? supervisionLevelLabels[level] : '未知层级'}，不能认领`);
  }
  const now = ctx.now();
  const reason = input.reason || `由“${department.name}”认领`;
  await ctx.db.transaction(async (tx) => {
    const row = await updateItem(tx, id, { claimedByDepartmentId: departmentId, claimedAt: now, version: current.version + 1, updatedAt: now });
    await writeVersion(tx, row, reason, principal.user.id, now);
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'item.claimed', subjectType: 'item', subjectId: id,
      summary: `“${department.name}”认领抽查事项“${row.name}”（${row.code}）`,
      changes: { claimedByDepartmentId: { from: null, to: departmentId }, version: row.version },
    }, now);
  });
  return ok(await reload(ctx, id));
}

export async function retireItemFor(ctx: ServiceContext, principal: Principal, id: string, reason: string): Promise<Result<Item>> {
  const loaded = await loadItem(ctx, id);
  if (!loaded.ok) return loaded;
  const current = loaded.value;
  if (!canManageItem(principal.user, current)) return fail('forbidden', manageDetail);
  if (current.status === 'retired') return fail('conflict', '该事项已退役');
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const row = await updateItem(tx, id, { status: 'retired', retiredAt: now, retiredReason: reason, version: current.version + 1, updatedAt: now });
    await writeVersion(tx, row, reason, principal.user.id, now);
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'item.retired', subjectType: 'item', subjectId: id,
      summary: `退役抽查事项“${row.name}”（${row.code}）：${reason}`,
      changes: { status: { from: 'active', to: 'retired' }, reason, version: row.version },
    }, now);
  });
  return ok(await reload(ctx, id));
}

export async function exportItems(ctx: ServiceContext, query: z.infer<typeof exportItemsQuerySchema>): Promise<Buffer> {
  const rows = await listAllItems(ctx.db, query);
  const extra = ['状态', '认领部门', '可用于抽查任务', '版本'];
  return xlsxBuffer(
    '随机抽查事项清单',
    [...itemColumns.map((c) => ({ header: c.header, text: c.kind.type === 'code', width: c.key === 'content' || c.key === 'legalBasis' ? 40 : undefined })), ...extra.map((header) => ({ header }))],
    rows.map((r) => {
      const item = presentItem(r);
      return [
        ...itemExportCells(r, r.responsibleDepartmentName),
        item.status === 'retired' ? '已退役' : '在用',
        r.claimedByDepartmentName,
        item.usableInTask ? '是' : `否（${item.unusableReasonLabel ?? ''}）`,
        r.version,
      ];
    }),
  );
}

export async function listPublicItems(
  ctx: ServiceContext, query: Omit<z.infer<typeof listPublicItemsQuerySchema>, 'format'>,
): Promise<Result<{ items: PublicItem[]; total: number; page: number; pageSize: number }>> {
  const { page, pageSize, q, category } = query;
  const result = await listItems(ctx.db, { q, category, publicOnly: true }, { page, pageSize });
  return ok({ items: result.items.map(presentPublicItem), total: result.total, page, pageSize });
}
