import { sql, type SQL } from 'drizzle-orm';
import { copyTextInto, rowsOf, type Db } from '../db/database.ts';
import type { RowValues, StagedRows } from './import-kind.ts';

/**
 * The staging table `import_rows`: one row per data row of the file, accepted or not.
 * `data` holds the normalised values by column key plus '$key' (the record's key);
 * `raw` holds the cells as found (kept for rejected rows, for the report); `issues` the
 * errors (rejected rows) and warnings. Only this file and the kinds' set-based SQL read it.
 */

export interface StagedIssue {
  column: string;
  reason: string;
  severity?: 'error' | 'warning';
}

export interface StagedRowInput {
  row: number;
  accepted: boolean;
  data: Record<string, string | null>;
  raw: Record<string, string>;
  issues: StagedIssue[];
}

/**
 * COPY text format for one field: backslash, tab, newline and carriage return are the
 * characters the format gives a meaning to, so they are escaped (everything else, including
 * quotes and any Unicode, goes through as is).
 */
export function copyTextField(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (ch) => (ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r'));
}

/** The rows as COPY text (job_id, row_no, accepted, data, raw, issues), one line each. */
export function stagedRowsCopyText(jobId: string, rows: readonly StagedRowInput[]): string {
  let text = '';
  for (const r of rows) {
    text += `${jobId}\t${r.row}\t${r.accepted ? 't' : 'f'}\t${copyTextField(JSON.stringify(r.data))}\t${copyTextField(JSON.stringify(r.raw))}\t${copyTextField(JSON.stringify(r.issues))}\n`;
  }
  return text;
}

/**
 * Stage a batch of rows with COPY (copyTextInto) — about twice as fast as an INSERT of a JSON
 * array (bench/import/README.md). A transaction handle cannot COPY there: it inserts instead.
 */
export async function insertStagedRows(db: Db, jobId: string, rows: readonly StagedRowInput[]): Promise<void> {
  if (rows.length === 0) return;
  if (await copyTextInto(db, 'import_rows (job_id, row_no, accepted, data, raw, issues)', stagedRowsCopyText(jobId, rows))) return;
  await insertStagedRowsAsJson(db, jobId, rows);
}

/** Insert a batch of rows with one statement and one parameter (a JSON array). */
async function insertStagedRowsAsJson(db: Db, jobId: string, rows: readonly StagedRowInput[]): Promise<void> {
  const payload = JSON.stringify(rows.map((r) => ({ n: r.row, a: r.accepted, d: r.data, r: r.raw, i: r.issues })));
  await db.execute(sql`
    insert into import_rows (job_id, row_no, accepted, data, raw, issues)
    select ${jobId}::uuid, (x->>'n')::int, (x->>'a')::boolean, x->'d', x->'r', x->'i'
    from jsonb_array_elements(${payload}::jsonb) as x`);
}

/** The staged rows of a slice, as a StagedRows for `ImportKind.apply`. */
export function stagedSlice(db: Db, jobId: string, fromRow: number, toRow: number): StagedRows {
  const where = (alias = 'r'): SQL => {
    const a = sql.raw(alias.replace(/[^a-z_]/g, ''));
    return sql`${a}.job_id = ${jobId}::uuid and ${a}.accepted and ${a}.row_no between ${fromRow} and ${toRow}`;
  };
  return {
    jobId, fromRow, toRow, where,
    async *batches(size = 1000) {
      let after = fromRow - 1;
      for (;;) {
        const result = await db.execute(sql`
          select r.row_no as row, r.data from import_rows r
          where ${where('r')} and r.row_no > ${after}
          order by r.row_no limit ${size}`);
        const batch = rowsOf<{ row: number; data: RowValues }>(result);
        if (batch.length === 0) return;
        yield batch.map((b) => ({ row: Number(b.row), values: b.data }));
        const last = batch[batch.length - 1];
        if (!last || batch.length < size) return;
        after = Number(last.row);
      }
    },
  };
}

/**
 * Reject accepted staged rows matching `condition` (SQL over `import_rows` aliased `r`), with
 * one reason for one column; for `ImportKind.checkStaged`. Returns how many were rejected.
 */
export async function rejectStagedRows(db: Db, jobId: string, condition: SQL, column: string, reason: string): Promise<number> {
  const issue = JSON.stringify([{ column, reason, severity: 'error' }]);
  const result = await db.execute(sql`
    update import_rows r set accepted = false, issues = r.issues || ${issue}::jsonb
    where r.job_id = ${jobId}::uuid and r.accepted and (${condition})
    returning r.row_no`);
  return rowsOf<{ row_no: number }>(result).length;
}
