import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyReply } from 'fastify';
import { writeXlsx, type SheetColumn } from '../../tabular/write-table.ts';

export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An xlsx workbook in memory (directory exports are thousands of rows, not millions). */
export async function xlsxBuffer(
  sheetName: string, columns: readonly SheetColumn[], rows: Iterable<readonly (string | number | null)[]>,
): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'suiji-export-'));
  const file = path.join(dir, 'export.xlsx');
  try {
    await writeXlsx(file, sheetName, columns, rows);
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Sends a workbook as a download with a Chinese file name (RFC 6266 filename*). */
export function sendXlsx(reply: FastifyReply, fileName: string, body: Buffer): FastifyReply {
  return reply
    .type(xlsxContentType)
    .header('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'no-store')
    .send(body);
}

/** 2026-03-02 in China Standard Time (UTC+8, no daylight saving): "today" for staff. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
