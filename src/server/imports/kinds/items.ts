import {
  itemCategoryLabels, itemObjectTypeLabels, itemSourceLabels, supervisionLevelLabels,
} from '../../../contracts/items.ts';
import { verificationMethodLabels, verificationMethods, type VerificationMethod } from '../../../domain/result/result-codes.ts';
import { editableChanges, type EditableItemValues } from '../../modules/items/item-snapshot.ts';
import { itemSnapshot } from '../../modules/items/item-snapshot.ts';
import {
  findItemRecordsByCodes, insertItem, insertItemVersion, updateItem, type ItemRecord,
} from '../../modules/items/items.repository.ts';
import type { ColumnSpec } from '../../tabular/read-table.ts';
import { loadDepartmentLookup, type DepartmentLookup } from './department-lookup.ts';
import { sql } from 'drizzle-orm';
import { rejectStagedRows } from '../import-staging.ts';
import {
  ImportApplyError, restrictedDepartment, type ImportKind, type RowValues, type ValidateContext, type ValidationIssue,
} from '../import-kind.ts';

/**
 * 随机抽查事项清单 import (domain-rules §4.1): one row per item, keyed by 事项编码. A new
 * code is a new item; a known code whose fields differ becomes a new version of that item
 * (with the reason “批量导入”); importing the same file again changes nothing.
 */

function invert<K extends string>(labels: Record<K, string>, extra: Record<string, K> = {}): Record<string, K> {
  return { ...Object.fromEntries(Object.entries(labels).map(([k, v]) => [v, k])), ...extra } as Record<string, K>;
}

export const itemColumns: readonly ColumnSpec[] = [
  { key: 'code', header: '事项编码', aliases: ['序号/事项编码', '事项代码', '编码'], kind: { type: 'code' }, required: true },
  { key: 'groupName', header: '抽查类别', aliases: ['抽查类别名称'], kind: { type: 'text', maxLength: 64 }, required: true },
  { key: 'name', header: '抽查事项名称', aliases: ['抽查事项', '抽查子项', '事项名称'], kind: { type: 'text', maxLength: 200 }, required: true },
  { key: 'category', header: '事项类别', kind: { type: 'enum', values: invert(itemCategoryLabels, { 重点: 'key', 一般: 'general' }) }, required: true },
  { key: 'legalBasis', header: '抽查依据', aliases: ['检查依据'], kind: { type: 'text', maxLength: 2000 }, required: true },
  {
    key: 'supervisionLevel', header: '监管层级', aliases: ['抽查主体', '抽查主体层级', '检查主体'],
    kind: { type: 'enum', values: invert(supervisionLevelLabels, { 省: 'province', 市: 'city', 县: 'county' }) }, required: true,
  },
  { key: 'objectType', header: '抽查对象', aliases: ['检查对象'], kind: { type: 'enum', values: invert(itemObjectTypeLabels) }, required: true },
  { key: 'content', header: '抽查内容', aliases: ['检查内容及要求', '检查内容'], kind: { type: 'text', maxLength: 4000 }, required: true },
  { key: 'methods', header: '抽查方式', aliases: ['检查方式'], kind: { type: 'list' } },
  { key: 'ratio', header: '抽查比例', kind: { type: 'text', maxLength: 32 } },
  { key: 'frequency', header: '抽查频次', kind: { type: 'text', maxLength: 64 } },
  { key: 'requiredTags', header: '检查人员要求', kind: { type: 'list' } },
  { key: 'industries', header: '适用行业', kind: { type: 'list' } },
  { key: 'department', header: '责任部门', aliases: ['责任科室', '责任单位'], kind: { type: 'text', maxLength: 64 } },
  { key: 'source', header: '来源', kind: { type: 'enum', values: invert(itemSourceLabels, { 本级: 'own', 上级: 'upper' }) } },
  { key: 'remarks', header: '备注', kind: { type: 'text', maxLength: 2000 } },
];

const methodByLabel = new Map<string, VerificationMethod>(verificationMethods.map((m) => [verificationMethodLabels[m], m]));
for (const m of verificationMethods) methodByLabel.set(m, m);

/** “≥10%”, “10 %”, “不低于5%”, “0.5%” → basis points; null when unreadable. */
export function parseRatio(text: string): number | null {
  const match = /(\d+(?:\.\d+)?)\s*[%％]?/.exec(text);
  if (!match?.[1]) return null;
  const bp = Math.round(Number(match[1]) * 100);
  return bp >= 1 && bp <= 10_000 ? bp : null;
}

export function formatRatio(bp: number | null): string | null {
  return bp === null ? null : `${bp / 100}%`;
}


function splitList(text: string | null | undefined): string[] {
  return text ? text.split('、').filter((s) => s !== '') : [];
}

/** The values of a validated row as item fields (department and methods already resolved by validateRow). */
function fieldsOf(values: RowValues, fallbackDepartmentId: string | null): EditableItemValues {
  return {
    code: values.code ?? '',
    category: values.category ?? 'general',
    groupName: values.groupName ?? '',
    name: values.name ?? '',
    legalBasis: values.legalBasis ?? '',
    responsibleDepartmentId: values.department ?? fallbackDepartmentId,
    supervisionLevel: values.supervisionLevel ?? 'county',
    objectType: values.objectType ?? 'entity',
    content: values.content ?? '',
    methods: splitList(values.methods),
    defaultRatioBp: values.ratio ? Number(values.ratio) : null,
    frequency: values.frequency ?? null,
    requiredTags: splitList(values.requiredTags),
    industries: splitList(values.industries),
    remarks: values.remarks ?? null,
    source: values.source ?? 'own',
  };
}

function editableOf(row: ItemRecord): EditableItemValues {
  return {
    code: row.code, category: row.category, groupName: row.groupName, name: row.name, legalBasis: row.legalBasis,
    responsibleDepartmentId: row.responsibleDepartmentId, supervisionLevel: row.supervisionLevel, objectType: row.objectType,
    content: row.content, methods: row.methods, defaultRatioBp: row.defaultRatioBp, frequency: row.frequency,
    requiredTags: row.requiredTags, industries: row.industries, remarks: row.remarks, source: row.source,
  };
}

export const itemsImport: ImportKind = {
  kind: 'items',
  label: '随机抽查事项',
  sheetName: '随机抽查事项清单',
  columns: itemColumns,

  prepare: loadDepartmentLookup,

  validateRow(values: RowValues, ctx: ValidateContext): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    const code = values.code ?? '';
    if (code && !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(code)) {
      issues.push({ column: '事项编码', reason: '事项编码只能包含字母、数字、点、下划线或连字符，最长 64 位', severity: 'error' });
    }
    if (values.methods) {
      const ids: string[] = [];
      for (const label of splitList(values.methods)) {
        const method = methodByLabel.get(label);
        if (method) ids.push(method);
        else issues.push({ column: '抽查方式', reason: `“${label}”不是有效的抽查方式，可选：${Object.values(verificationMethodLabels).join('、')}`, severity: 'error' });
      }
      values.methods = [...new Set(ids)].join('、');
    }
    if (values.ratio) {
      const bp = parseRatio(values.ratio);
      if (bp === null) issues.push({ column: '抽查比例', reason: `无法识别的比例“${values.ratio}”，请写成 5% 这样的百分数（大于 0，不超过 100%）`, severity: 'error' });
      else values.ratio = String(bp);
    }
    if (values.department) {
      const lookups = ctx.lookups as DepartmentLookup | undefined;
      const id = lookups?.byNameOrCode.get(values.department) ?? lookups?.byNameOrCode.get(values.department.toUpperCase());
      const limit = restrictedDepartment(ctx);
      if (!id) issues.push({ column: '责任部门', reason: `找不到机构“${values.department}”，请填写机构名称或机构代码`, severity: 'error' });
      else if (limit !== undefined && id !== limit) {
        // A department admin makes only their own department responsible (items.policy.ts canAssignDepartment).
        issues.push({ column: '责任部门', reason: `机构管理员只能导入本机构负责的事项：事项“${code}”的责任部门“${values.department}”不是本机构`, severity: 'error' });
      } else values.department = id;
    }
    if (restrictedDepartment(ctx) === null) {
      issues.push({ column: '责任部门', reason: '您的账号未关联机构，不能导入抽查事项', severity: 'error' });
    }
    return issues;
  },

  keyOf(values: RowValues): string | null {
    return values.code ?? null;
  },

  async checkStaged(db, jobId, ctx) {
    const limit = restrictedDepartment(ctx);
    if (limit === undefined || limit === null) return;
    // An existing item neither owned nor claimed by the department (items.policy.ts canManageItem).
    await rejectStagedRows(db, jobId, sql`exists (
      select 1 from items i where i.code = r.data->>'$key'
        and i.responsible_department_id is distinct from ${limit}::uuid and i.claimed_by_department_id is distinct from ${limit}::uuid)`,
    '事项编码', '该事项编码已属于其他机构负责的事项，机构管理员只能修改本机构负责或认领的事项');
  },

  async apply(tx, rows, ctx) {
    const summary = { inserted: 0, updated: 0, unchanged: 0 };
    for await (const batch of rows.batches(500)) {
      const existing = new Map((await findItemRecordsByCodes(tx, batch.map((r) => r.values.code ?? ''))).map((r) => [r.code, r]));
      for (const { values } of batch) {
        const current = existing.get(values.code ?? '');
        if (!current) {
          const fields = fieldsOf(values, ctx.departmentId);
          const row = await insertItem(tx, { ...fields, version: 1, status: 'active', createdAt: ctx.now, updatedAt: ctx.now });
          await insertItemVersion(tx, { itemId: row.id, version: 1, snapshot: itemSnapshot(row), reason: '批量导入', changedBy: ctx.userId, changedAt: ctx.now });
          summary.inserted += 1;
          continue;
        }
        const limit = restrictedDepartment(ctx);
        if (limit !== undefined && current.responsibleDepartmentId !== limit && current.claimedByDepartmentId !== limit) {
          // Checked while validating; the item may have been moved since.
          throw new ImportApplyError(`事项“${current.name}”（${current.code}）已属于其他机构，机构管理员不能修改。导入未提交，名录未作任何修改`);
        }
        // An empty 责任部门 keeps the item's department.
        const fields = fieldsOf(values, current.responsibleDepartmentId);
        if (Object.keys(editableChanges(editableOf(current), fields)).length === 0) {
          summary.unchanged += 1;
          continue;
        }
        const row = await updateItem(tx, current.id, { ...fields, version: current.version + 1, updatedAt: ctx.now });
        await insertItemVersion(tx, { itemId: row.id, version: row.version, snapshot: itemSnapshot(row), reason: '批量导入更新', changedBy: ctx.userId, changedAt: ctx.now });
        summary.updated += 1;
      }
    }
    return summary;
  },
};

/** One export row in the import's column order, so an export can be edited and imported back. */
export function itemExportCells(row: ItemRecord, departmentName: string | null): (string | number | null)[] {
  const labels: Record<string, string | null> = {
    code: row.code,
    groupName: row.groupName,
    name: row.name,
    category: itemCategoryLabels[row.category as keyof typeof itemCategoryLabels] ?? row.category,
    legalBasis: row.legalBasis,
    supervisionLevel: supervisionLevelLabels[row.supervisionLevel as keyof typeof supervisionLevelLabels] ?? row.supervisionLevel,
    objectType: itemObjectTypeLabels[row.objectType as keyof typeof itemObjectTypeLabels] ?? row.objectType,
    content: row.content,
    methods: row.methods.map((m) => verificationMethodLabels[m as VerificationMethod] ?? m).join('、'),
    ratio: formatRatio(row.defaultRatioBp),
    frequency: row.frequency,
    requiredTags: row.requiredTags.join('、'),
    industries: row.industries.join('、'),
    department: departmentName,
    source: itemSourceLabels[row.source as keyof typeof itemSourceLabels] ?? row.source,
    remarks: row.remarks,
  };
  return itemColumns.map((c) => labels[c.key] ?? null);
}
