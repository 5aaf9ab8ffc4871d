import { genderLabels, officerCategoryLabels, officerStatusLabels } from '../../../contracts/officers.ts';
import { findOfficerRecordsByKeys, insertOfficer, updateOfficer, type OfficerRecord } from '../../modules/officers/officers.repository.ts';
import type { ColumnSpec } from '../../tabular/read-table.ts';
import { loadDepartmentLookup, type DepartmentLookup } from './department-lookup.ts';
import { sql } from 'drizzle-orm';
import { rejectStagedRows } from '../import-staging.ts';
import {
  ImportApplyError, restrictedDepartment, type ImportKind, type RowValues, type ValidateContext, type ValidationIssue,
} from '../import-kind.ts';

/**
 * 执法检查人员名录 import (domain-rules §4.3): one row per officer or expert, keyed by 执法证号
 * (or 名录编号 for someone without a certificate). 所属部门 is a department name or code;
 * 执法资质及业务专长 are separated by 、. Same file twice → every row unchanged.
 */

function invert<K extends string>(labels: Record<K, string>, extra: Record<string, K> = {}): Record<string, K> {
  return { ...Object.fromEntries(Object.entries(labels).map(([k, v]) => [v, k])), ...extra } as Record<string, K>;
}

export const officerColumns: readonly ColumnSpec[] = [
  { key: 'name', header: '姓名', kind: { type: 'text', maxLength: 32 }, required: true },
  { key: 'certificateNo', header: '执法证号', aliases: ['执法证件号', '执法证件号码', '证号'], kind: { type: 'code' } },
  { key: 'key', header: '名录编号', aliases: ['专家编号'], kind: { type: 'code' } },
  { key: 'certificateType', header: '执法证件类型', aliases: ['证件类型'], kind: { type: 'text', maxLength: 64 } },
  { key: 'validFrom', header: '证件有效期起', aliases: ['有效期起', '发证日期'], kind: { type: 'date' } },
  { key: 'validTo', header: '证件有效期止', aliases: ['有效期止', '有效期至', '证件有效期至'], kind: { type: 'date' } },
  { key: 'department', header: '所属部门', aliases: ['所属单位', '所属单位/部门', '所属机构'], kind: { type: 'text', maxLength: 64 }, required: true },
  { key: 'gender', header: '性别', kind: { type: 'enum', values: invert(genderLabels) } },
  { key: 'title', header: '职务', aliases: ['职务/职称', '职称'], kind: { type: 'text', maxLength: 64 } },
  { key: 'tags', header: '执法资质及业务专长', aliases: ['执法领域', '业务专长', '执法资质', '资质专长', '标签'], kind: { type: 'list' } },
  { key: 'category', header: '人员类别', kind: { type: 'enum', values: invert(officerCategoryLabels, { 执法检查人员: 'officer' }) } },
  { key: 'status', header: '状态', kind: { type: 'enum', values: invert(officerStatusLabels, { 休假中: 'on_leave', 已停用: 'suspended' }) } },
  { key: 'leaveFrom', header: '休假开始', kind: { type: 'date' } },
  { key: 'leaveTo', header: '休假结束', kind: { type: 'date' } },
];


type OfficerFields = Pick<OfficerRecord,
  'key' | 'certificateNo' | 'certificateType' | 'validFrom' | 'validTo' | 'name' | 'gender' | 'title' | 'departmentId'
  | 'tags' | 'category' | 'status' | 'leaveFrom' | 'leaveTo'>;

const comparedFields: readonly (keyof OfficerFields)[] = [
  'key', 'certificateNo', 'certificateType', 'validFrom', 'validTo', 'name', 'gender', 'title', 'departmentId', 'tags',
  'category', 'status', 'leaveFrom', 'leaveTo',
];

function fieldsOf(values: RowValues): OfficerFields {
  const status = values.status ?? 'active';
  return {
    key: values.certificateNo ?? values.key ?? '',
    certificateNo: values.certificateNo ?? null,
    certificateType: values.certificateType ?? null,
    validFrom: values.validFrom ?? null,
    validTo: values.validTo ?? null,
    name: values.name ?? '',
    gender: values.gender ?? null,
    title: values.title ?? null,
    departmentId: values.department ?? '',
    tags: values.tags ? values.tags.split('、').filter((t) => t !== '') : [],
    category: values.category ?? 'officer',
    status,
    leaveFrom: status === 'on_leave' ? values.leaveFrom ?? null : null,
    leaveTo: status === 'on_leave' ? values.leaveTo ?? null : null,
  };
}

export const officersImport: ImportKind = {
  kind: 'officers',
  label: '执法检查人员',
  sheetName: '执法检查人员名录',
  columns: officerColumns,

  prepare: loadDepartmentLookup,

  validateRow(values: RowValues, ctx: ValidateContext): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    if (!values.certificateNo && !values.key) {
      issues.push({ column: '执法证号', reason: '请填写执法证号；没有执法证件的人员（如专家）请填写名录编号', severity: 'error' });
    }
    if (values.certificateNo && !/^[A-Za-z0-9-]{4,32}$/.test(values.certificateNo)) {
      issues.push({ column: '执法证号', reason: '执法证号为 4–32 位字母、数字或连字符', severity: 'error' });
    }
    if (values.key && !/^[A-Za-z0-9-]{2,32}$/.test(values.key)) {
      issues.push({ column: '名录编号', reason: '名录编号为 2–32 位字母、数字或连字符', severity: 'error' });
    }
    if (values.validFrom && values.validTo && values.validTo < values.validFrom) {
      issues.push({ column: '证件有效期止', reason: '有效期止不能早于有效期起', severity: 'error' });
    }
    if (values.leaveFrom && values.leaveTo && values.leaveTo < values.leaveFrom) {
      issues.push({ column: '休假结束', reason: '休假结束不能早于休假开始', severity: 'error' });
    }
    if ((values.category ?? 'officer') === 'officer' && !values.certificateNo && values.key) {
      issues.push({ column: '执法证号', reason: '执法人员没有执法证号，将不能被抽取为检查人员', severity: 'warning' });
    }
    if (values.department) {
      const lookups = ctx.lookups as DepartmentLookup | undefined;
      const id = lookups?.byNameOrCode.get(values.department) ?? lookups?.byNameOrCode.get(values.department.toUpperCase());
      const limit = restrictedDepartment(ctx);
      if (!id) issues.push({ column: '所属部门', reason: `找不到机构“${values.department}”，请填写机构名称或机构代码`, severity: 'error' });
      else if (limit !== undefined && id !== limit) {
        // A department admin manages only their own department's officers (officers.policy.ts).
        issues.push({ column: '所属部门', reason: `机构管理员只能导入本机构的人员：“${values.name ?? ''}”的所属部门“${values.department}”不是本机构`, severity: 'error' });
      } else values.department = id;
    }
    return issues;
  },

  keyOf(values: RowValues): string | null {
    return values.certificateNo ?? values.key ?? null;
  },

  async checkStaged(db, jobId, ctx) {
    const limit = restrictedDepartment(ctx);
    if (limit === undefined) return;
    // The same 执法证号 / 名录编号 already belongs to another department's officer: the row
    // would move that person into this department, which only a system admin may do.
    await rejectStagedRows(db, jobId, sql`exists (
      select 1 from officers o where o.key = r.data->>'$key' and o.department_id is distinct from ${limit}::uuid)`,
    '执法证号', '该执法证号（名录编号）已登记在其他机构的人员名下，机构管理员不能修改其他机构的人员');
  },

  async apply(tx, rows, ctx) {
    const summary = { inserted: 0, updated: 0, unchanged: 0 };
    for await (const batch of rows.batches(500)) {
      const keys = batch.map((r) => r.values.certificateNo ?? r.values.key ?? '');
      const existing = new Map((await findOfficerRecordsByKeys(tx, keys)).map((r) => [r.key, r]));
      for (const { values } of batch) {
        const fields = fieldsOf(values);
        const current = existing.get(fields.key);
        if (!current) {
          await insertOfficer(tx, { ...fields, createdAt: ctx.now, updatedAt: ctx.now });
          summary.inserted += 1;
          continue;
        }
        const limit = restrictedDepartment(ctx);
        if (limit !== undefined && current.departmentId !== limit) {
          // Checked while validating; the officer may have been moved since.
          throw new ImportApplyError(`人员“${current.name}”（${current.key}）已属于其他机构，机构管理员不能修改。导入未提交，名录未作任何修改`);
        }
        const changed = comparedFields.some((f) => JSON.stringify(current[f] ?? null) !== JSON.stringify(fields[f] ?? null));
        if (!changed) {
          summary.unchanged += 1;
          continue;
        }
        await updateOfficer(tx, current.id, { ...fields, updatedAt: ctx.now });
        summary.updated += 1;
      }
    }
    return summary;
  },
};

/** One export row in the import's column order. */
export function officerExportCells(row: OfficerRecord, departmentName: string): (string | number | null)[] {
  const labels: Record<string, string | null> = {
    name: row.name,
    certificateNo: row.certificateNo,
    key: row.certificateNo ? null : row.key,
    certificateType: row.certificateType,
    validFrom: row.validFrom,
    validTo: row.validTo,
    department: departmentName,
    gender: row.gender ? genderLabels[row.gender as keyof typeof genderLabels] ?? row.gender : null,
    title: row.title,
    tags: row.tags.join('、'),
    category: officerCategoryLabels[row.category as keyof typeof officerCategoryLabels] ?? row.category,
    status: officerStatusLabels[row.status as keyof typeof officerStatusLabels] ?? row.status,
    leaveFrom: row.leaveFrom,
    leaveTo: row.leaveTo,
  };
  return officerColumns.map((c) => labels[c.key] ?? null);
}
