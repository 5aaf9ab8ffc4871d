import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/database.ts';
import { sameGuidelineContent } from '../../modules/guidelines/guidelines.service.ts';
import { findCurrentGuideline, insertGuidelineVersion } from '../../modules/guidelines/guidelines.repository.ts';
import { findItemRecordsByCodes, type ItemRecord } from '../../modules/items/items.repository.ts';
import type { ColumnSpec } from '../../tabular/read-table.ts';
import { rejectStagedRows } from '../import-staging.ts';
import {
  ImportApplyError, restrictedDepartment, type ImportContext, type ImportKind, type RowValues, type ValidateContext,
  type ValidationIssue,
} from '../import-kind.ts';

/**
 * 抽查工作指引 import (domain-rules §4.4), flat: one row per checkpoint (检查要点), keyed by
 * 事项编码 + 检查要点编号. The guideline-level columns (检查内容、检查方法、检查依据、修订说明)
 * are filled on the item's first row; later rows of the same item leave them empty or repeat
 * them unchanged. The checkpoints keep the file's row order. A row without a checkpoint only
 * carries the guideline-level columns (a guideline without checkpoints).
 *
 * A guideline is all-or-nothing: if any row of an item is rejected, every row of that item
 * is rejected too (a guideline silently missing a checkpoint would be worse than none).
 * Committing writes a new guideline version only when content, method, basis or the
 * checklist differ from the current version (sameGuidelineContent of the guidelines
 * service), so importing the same file again changes nothing. The summary counts
 * guidelines (新增 = first version of an item, 更新 = new version, 未变), not rows.
 */

export const guidelineColumns: readonly ColumnSpec[] = [
  { key: 'itemCode', header: '事项编码', aliases: ['抽查事项编码', '事项代码', '编码'], kind: { type: 'code' }, required: true },
  { key: 'content', header: '检查内容（每个事项首行填写）', aliases: ['检查内容', '抽查内容', '指引内容'], kind: { type: 'text', maxLength: 8000 } },
  { key: 'method', header: '检查方法（每个事项首行填写）', aliases: ['检查方法', '检查方式', '抽查方法'], kind: { type: 'text', maxLength: 4000 } },
  { key: 'basis', header: '检查依据（每个事项首行填写）', aliases: ['检查依据', '抽查依据', '依据'], kind: { type: 'text', maxLength: 4000 } },
  { key: 'checkpointCode', header: '检查要点编号', aliases: ['要点编号', '检查要点序号', '要点序号'], kind: { type: 'text', maxLength: 64 } },
  { key: 'checkpointText', header: '检查要点', aliases: ['检查要点内容', '要点内容'], kind: { type: 'text', maxLength: 500 } },
  { key: 'reason', header: '修订说明（每个事项首行填写，可空）', aliases: ['修订说明', '修订原因'], kind: { type: 'text', maxLength: 500 } },
];

const itemCodePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Check one row on its own (the checks across an item's rows are in `checkStaged`). */
export function validateGuidelineRow(values: RowValues, ctx: ImportContext): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const code = values.itemCode ?? '';
  if (code && !itemCodePattern.test(code)) {
    issues.push({ column: '事项编码', reason: '事项编码只能包含字母、数字、点、下划线或连字符，最长 64 位', severity: 'error' });
  }
  if (values.checkpointCode && !values.checkpointText) {
    issues.push({ column: '检查要点', reason: `填写了检查要点编号“${values.checkpointCode}”，但检查要点为空`, severity: 'error' });
  }
  if (!values.checkpointCode && values.checkpointText) {
    issues.push({ column: '检查要点编号', reason: '填写了检查要点，但检查要点编号为空（如 1、2 或 JC-01）', severity: 'error' });
  }
  if (restrictedDepartment(ctx) === null) {
    issues.push({ column: '事项编码', reason: '您的账号未关联机构，不能导入工作指引', severity: 'error' });
  }
  return issues;
}

/** The file rows of one item, in file order, as a guideline (the first row carries the guideline-level columns). */
export interface GuidelineDraft {
  itemCode: string;
  content: string;
  method: string;
  basis: string;
  reason: string | null;
  checkpoints: { code: string; text: string }[];
}

export function guidelineFromRows(itemCode: string, rows: readonly RowValues[]): GuidelineDraft {
  const first = rows[0];
  return {
    itemCode,
    content: first?.content ?? '',
    method: first?.method ?? '',
    basis: first?.basis ?? '',
    reason: first?.reason ?? null,
    checkpoints: rows.filter((r) => r.checkpointCode && r.checkpointText)
      .map((r) => ({ code: r.checkpointCode ?? '', text: r.checkpointText ?? '' })),
  };
}

const guidelineLevel = [
  { key: 'content', header: '检查内容', required: true },
  { key: 'method', header: '检查方法', required: true },
  { key: 'basis', header: '检查依据', required: true },
  { key: 'reason', header: '修订说明', required: false },
] as const;

interface StagedLine { row: number; accepted: boolean; values: RowValues }

/**
 * Problems across the rows of one item (rows in file order): the first row must carry the
 * guideline-level columns, later rows may only repeat them. Returns the column and the
 * Chinese reason, or null when the rows fit together.
 */
export function checkGuidelineRows(lines: readonly { row: number; values: RowValues }[]): { column: string; reason: string } | null {
  const first = lines[0];
  if (!first) return null;
  const missing = guidelineLevel.filter((c) => c.required && !first.values[c.key]);
  if (missing.length > 0) {
    return {
      column: missing[0]?.header ?? '检查内容',
      reason: `该事项的首行（第 ${first.row} 行）须填写${missing.map((c) => c.header).join('、')}（同一事项的其他行可留空）`,
    };
  }
  for (const line of lines.slice(1)) {
    for (const c of guidelineLevel) {
      const value = line.values[c.key];
      if (value && value !== first.values[c.key]) {
        return { column: c.header, reason: `第 ${line.row} 行的${c.header}与该事项首行（第 ${first.row} 行）不一致：同一事项的${c.header}只在首行填写，或各行完全相同` };
      }
    }
  }
  return null;
}

function mayChange(limit: string | null | undefined, item: ItemRecord): boolean {
  if (limit === undefined) return true;
  return limit !== null && (item.responsibleDepartmentId === limit || item.claimedByDepartmentId === limit);
}

/** Why an item's guideline may not be imported, or null. */
function itemProblem(code: string, item: ItemRecord | undefined, limit: string | null | undefined): string | null {
  if (!item) return `找不到事项编码“${code}”的抽查事项，请先导入或新建该事项`;
  if (item.status === 'retired') return `抽查事项“${item.name}”（${code}）已退役，不能修改工作指引`;
  if (!mayChange(limit, item)) return `机构管理员只能导入本机构负责或认领的事项的工作指引：事项“${item.name}”（${code}）不属于本机构`;
  return null;
}

async function stagedLines(db: Db, jobId: string, onlyAccepted: boolean, codes?: readonly string[]): Promise<StagedLine[]> {
  const result = await db.execute(sql`
    select r.row_no as row, r.accepted, r.data from import_rows r
    where r.job_id = ${jobId}::uuid
      ${onlyAccepted ? sql`and r.accepted` : sql``}
      ${codes ? sql`and r.data->>'itemCode' in (select unnest(${sql.param([...codes])}::text[]))` : sql``}
    order by r.row_no`);
  return rowsOf<{ row: number; accepted: boolean; data: RowValues }>(result)
    .map((r) => ({ row: Number(r.row), accepted: r.accepted, values: r.data }));
}

function groupByItem(lines: readonly StagedLine[]): Map<string, StagedLine[]> {
  const groups = new Map<string, StagedLine[]>();
  for (const line of lines) {
    const code = line.values.itemCode;
    if (!code) continue;
    const group = groups.get(code);
    if (group) group.push(line);
    else groups.set(code, [line]);
  }
  return groups;
}

function reject(db: Db, jobId: string, rows: readonly number[], column: string, reason: string): Promise<number> {
  return rejectStagedRows(db, jobId, sql`r.row_no in (select unnest(${sql.param([...rows])}::int[]))`, column, reason);
}

export const guidelinesImport: ImportKind = {
  kind: 'guidelines',
  label: '抽查工作指引',
  sheetName: '抽查工作指引',
  columns: guidelineColumns,

  validateRow(values: RowValues, ctx: ValidateContext): ValidationIssue[] {
    return validateGuidelineRow(values, ctx);
  },

  keyOf(values: RowValues): string | null {
    return values.itemCode ? `${values.itemCode}#${values.checkpointCode ?? ''}` : null;
  },

  async checkStaged(db, jobId, ctx) {
    // Guideline files are small (one row per checkpoint): the rows are grouped in memory.
    const groups = groupByItem(await stagedLines(db, jobId, false));
    const items = new Map((await findItemRecordsByCodes(db, [...groups.keys()])).map((i) => [i.code, i]));
    const limit = restrictedDepartment(ctx);
    for (const [code, lines] of groups) {
      const accepted = lines.filter((l) => l.accepted).map((l) => l.row);
      if (accepted.length === 0) continue;
      const rejected = lines.find((l) => !l.accepted);
      if (rejected) {
        await reject(db, jobId, accepted, '事项编码', `同一事项的第 ${rejected.row} 行未通过校验，该事项的工作指引整体未导入（改正后请一并重新导入）`);
        continue;
      }
      const problem = itemProblem(code, items.get(code), limit);
      if (problem) {
        await reject(db, jobId, accepted, '事项编码', problem);
        continue;
      }
      const mismatch = checkGuidelineRows(lines);
      if (mismatch) await reject(db, jobId, accepted, mismatch.column, mismatch.reason);
    }
  },

  async apply(tx, rows, ctx) {
    const summary = { inserted: 0, updated: 0, unchanged: 0 };
    // An item's rows may span two slices: each guideline is written by the slice holding its first row.
    const starting = rowsOf<{ code: string }>(await tx.execute(sql`
      select r.data->>'itemCode' as code from import_rows r
      where r.job_id = ${rows.jobId}::uuid and r.accepted
      group by r.data->>'itemCode'
      having min(r.row_no) between ${rows.fromRow} and ${rows.toRow}`)).map((r) => r.code);
    if (starting.length === 0) return summary;
    const groups = groupByItem(await stagedLines(tx, rows.jobId, true, starting));
    const items = new Map((await findItemRecordsByCodes(tx, starting)).map((i) => [i.code, i]));
    const limit = restrictedDepartment(ctx);
    for (const [code, lines] of [...groups].sort((a, b) => (a[1][0]?.row ?? 0) - (b[1][0]?.row ?? 0))) {
      const item = items.get(code);
      // Checked while validating; the item may have changed since (retired, moved to another department).
      const problem = itemProblem(code, item, limit);
      if (problem || !item) throw new ImportApplyError(`${problem ?? ''}。导入未提交，名录未作任何修改`);
      const draft = guidelineFromRows(code, lines.map((l) => l.values));
      const current = await findCurrentGuideline(tx, item.id);
      if (current && sameGuidelineContent(current, draft)) {
        summary.unchanged += 1;
        continue;
      }
      await insertGuidelineVersion(tx, {
        itemId: item.id, version: (current?.version ?? 0) + 1, content: draft.content, method: draft.method, basis: draft.basis,
        checkpoints: draft.checkpoints, reason: draft.reason ?? (current ? '批量导入修订工作指引' : '批量导入工作指引'),
        changedBy: ctx.userId, createdAt: ctx.now,
      });
      if (current) summary.updated += 1;
      else summary.inserted += 1;
    }
    return summary;
  },
};

/** One export row per checkpoint (a guideline without checkpoints: one row), in the import's column order. */
export function guidelineExportRows(guideline: {
  itemCode: string; content: string; method: string; basis: string; checkpoints: readonly { code: string; text: string }[];
}): (string | null)[][] {
  const points = guideline.checkpoints.length > 0 ? guideline.checkpoints : [null];
  return points.map((point, i) => {
    const cells: Record<string, string | null> = {
      itemCode: guideline.itemCode,
      content: i === 0 ? guideline.content : null,
      method: i === 0 ? guideline.method : null,
      basis: i === 0 ? guideline.basis : null,
      checkpointCode: point?.code ?? null,
      checkpointText: point?.text ?? null,
      reason: null,
    };
    return guidelineColumns.map((c) => cells[c.key] ?? null);
  });
}
