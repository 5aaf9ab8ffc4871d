import type { Db } from '../db/database.ts';
import type { ParsedRow } from '../tabular/read-table.ts';
import { writeRejectedRows } from '../tabular/write-table.ts';
import { listRejectedRows, type StagedRowView } from './import-jobs.repository.ts';
import type { ImportKind } from './import-kind.ts';

/** The cells of a staged row by column header: as found in the file, else from the normalised values. */
export function cellsByHeader(kind: ImportKind | undefined, row: StagedRowView): Record<string, string> {
  if (Object.keys(row.raw).length > 0 || !kind) return row.raw;
  const cells: Record<string, string> = {};
  for (const c of kind.columns) cells[c.header] = row.data[c.key] ?? '';
  return cells;
}

/** Every rejected row of a job, as the user sent it with the reasons, into an xlsx at `file`. */
export async function writeRejectedReport(db: Db, kind: ImportKind, jobId: string, file: string): Promise<number> {
  const rows: ParsedRow[] = [];
  for (let after = 0; ;) {
    const page = await listRejectedRows(db, jobId, 5000, after);
    for (const r of page) {
      rows.push({
        row: r.row, values: r.data, raw: cellsByHeader(kind, r),
        issues: r.issues.filter((i) => i.severity !== 'warning').map((i) => ({ row: r.row, column: i.column, reason: i.reason })),
      });
    }
    const last = page[page.length - 1];
    if (!last || page.length < 5000) break;
    after = last.row;
  }
  await writeRejectedRows(file, kind.columns, rows);
  return rows.length;
}
