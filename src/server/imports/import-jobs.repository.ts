import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/database.ts';
import { importJobs } from '../db/schema-directory.ts';
import type { ApplySummary } from './import-kind.ts';
import type { StagedIssue } from './import-staging.ts';

/** The `import_jobs` table and the read side of `import_rows` (previews and reports). */

export type ImportJobRow = typeof importJobs.$inferSelect;
export type ImportJobStatus = 'validating' | 'preview' | 'committing' | 'done' | 'failed' | 'cancelled';

export const interruptedMessage = '导入被中断，目录未作任何修改';

export interface NewImportJob {
  id: string;
  kind: string;
  fileName: string;
  fileSha256: string;
  departmentId: string | null;
  createdBy: string | null;
  createdAt: Date;
}

export async function insertImportJob(db: Db, job: NewImportJob): Promise<ImportJobRow> {
  const [row] = await db.insert(importJobs).values({ ...job, status: 'validating' }).returning();
  if (!row) throw new Error('insert import_jobs returned no row');
  return row;
}

export async function findImportJob(db: Db, id: string): Promise<ImportJobRow | undefined> {
  const [row] = await db.select().from(importJobs).where(eq(importJobs.id, id)).limit(1);
  return row;
}

export async function setImportProgress(db: Db, id: string, progress: number, totalRows: number): Promise<void> {
  await db.update(importJobs).set({ progress, totalRows }).where(and(eq(importJobs.id, id), eq(importJobs.status, 'validating')));
}

/** validating → preview, with the counts; false when the job left 'validating' meanwhile (cancelled). */
export async function finishValidation(
  db: Db, id: string, counts: { totalRows: number; acceptedRows: number; rejectedRows: number },
): Promise<boolean> {
  const rows = await db.update(importJobs)
    .set({ status: 'preview', progress: counts.totalRows, ...counts })
    .where(and(eq(importJobs.id, id), eq(importJobs.status, 'validating')))
    .returning({ id: importJobs.id });
  return rows.length > 0;
}

/** Move a job from one of `from` to `to`; returns the row when it moved. */
export async function transitionImportJob(
  db: Db, id: string, from: readonly ImportJobStatus[], to: ImportJobStatus,
  fields: { error?: string | null; summary?: ApplySummary | null; finishedAt?: Date | null; progress?: number } = {},
): Promise<ImportJobRow | undefined> {
  const [row] = await db.update(importJobs)
    .set({
      status: to,
      ...(fields.error !== undefined ? { error: fields.error } : {}),
      ...(fields.finishedAt !== undefined ? { finishedAt: fields.finishedAt } : {}),
      ...(fields.progress !== undefined ? { progress: fields.progress } : {}),
      ...(fields.summary ? { summary: { ...fields.summary } } : {}),
    })
    .where(and(eq(importJobs.id, id), inArray(importJobs.status, [...from])))
    .returning();
  return row;
}

/** At start: jobs a killed process left running are failed (their commit, if any, was rolled back). */
export async function failInterruptedImports(db: Db, now: Date): Promise<number> {
  const rows = await db.update(importJobs)
    .set({ status: 'failed', error: interruptedMessage, finishedAt: now })
    .where(inArray(importJobs.status, ['validating', 'committing']))
    .returning({ id: importJobs.id });
  return rows.length;
}

export async function countStagedRows(db: Db, jobId: string): Promise<{ accepted: number; rejected: number; firstRow: number; lastRow: number }> {
  const [row] = rowsOf<{ accepted: number; rejected: number; first_row: number | null; last_row: number | null }>(await db.execute(sql`
    select count(*) filter (where accepted)::int as accepted, count(*) filter (where not accepted)::int as rejected,
      min(row_no) filter (where accepted) as first_row, max(row_no) filter (where accepted) as last_row
    from import_rows where job_id = ${jobId}::uuid`));
  return { accepted: row?.accepted ?? 0, rejected: row?.rejected ?? 0, firstRow: row?.first_row ?? 0, lastRow: row?.last_row ?? -1 };
}

export interface StagedRowView {
  row: number;
  data: Record<string, string | null>;
  raw: Record<string, string>;
  issues: StagedIssue[];
}

function toView(r: { row_no: number; data: Record<string, string | null>; raw: Record<string, string>; issues: StagedIssue[] }): StagedRowView {
  return { row: Number(r.row_no), data: r.data, raw: r.raw, issues: r.issues };
}

/** Rejected rows in file order, after row `after`. */
export async function listRejectedRows(db: Db, jobId: string, limit: number, after = 0): Promise<StagedRowView[]> {
  const result = await db.execute(sql`
    select row_no, data, raw, issues from import_rows
    where job_id = ${jobId}::uuid and not accepted and row_no > ${after}
    order by row_no limit ${limit}`);
  return rowsOf<Parameters<typeof toView>[0]>(result).map(toView);
}

export async function listAcceptedRows(db: Db, jobId: string, limit: number): Promise<StagedRowView[]> {
  const result = await db.execute(sql`
    select row_no, data, raw, issues from import_rows
    where job_id = ${jobId}::uuid and accepted order by row_no limit ${limit}`);
  return rowsOf<Parameters<typeof toView>[0]>(result).map(toView);
}

/** Accepted rows with warnings (shown in the preview), first `limit` of them, and how many in all. */
export async function listWarnedRows(db: Db, jobId: string, limit: number): Promise<{ rows: StagedRowView[]; total: number }> {
  const rows = rowsOf<Parameters<typeof toView>[0]>(await db.execute(sql`
    select row_no, data, raw, issues from import_rows
    where job_id = ${jobId}::uuid and accepted and issues <> '[]'::jsonb order by row_no limit ${limit}`)).map(toView);
  const [count] = rowsOf<{ n: number }>(await db.execute(sql`
    select count(*)::int as n from import_rows where job_id = ${jobId}::uuid and accepted and issues <> '[]'::jsonb`));
  return { rows, total: count?.n ?? 0 };
}

/**
 * Remove staged rows no longer needed (accepted ones after the commit; all of a cancelled
 * job), in ranges of `batch` row numbers: each DELETE is a range scan of the primary key
 * (a `row_no IN (… LIMIT n)` batch cost a second lookup per row), and the event loop gets a
 * turn between ranges.
 */
export async function deleteStagedRows(db: Db, jobId: string, acceptedOnly: boolean, batch = 20_000): Promise<void> {
  const [range] = rowsOf<{ first: number | null; last: number | null }>(await db.execute(sql`
    select min(row_no) as first, max(row_no) as last from import_rows where job_id = ${jobId}::uuid`));
  if (!range || range.first === null || range.last === null) return;
  const last = Number(range.last);
  for (let from = Number(range.first); from <= last; from += batch) {
    await db.execute(sql`
      delete from import_rows
      where job_id = ${jobId}::uuid and row_no between ${from} and ${from + batch - 1}
        ${acceptedOnly ? sql`and accepted` : sql``}`);
    if (from + batch <= last) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
