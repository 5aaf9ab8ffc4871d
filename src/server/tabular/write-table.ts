import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import type { ColumnSpec, ParsedRow, RowIssue } from './read-table.ts';

/**
 * Writing xlsx files staff open in Excel, WPS or LibreOffice: import templates (Chinese
 * headers, code columns formatted as text so Excel cannot round them), exports, and the
 * rejected-rows report with its error column. Streams, so a million-row export stays small.
 */

export interface SheetColumn {
  header: string;
  /** Text format (@) for codes, so Excel keeps leading zeros and all 18 digits. */
  text?: boolean;
  width?: number;
}

export async function writeXlsx(
  path: string,
  sheetName: string,
  columns: readonly SheetColumn[],
  rows: Iterable<readonly (string | number | null)[]> | AsyncIterable<readonly (string | number | null)[]>,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream(path), useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    key: String(i),
    width: c.width ?? Math.max(12, c.header.length * 2 + 4),
    style: c.text ? { numFmt: '@' } : {},
  }));
  const head = sheet.addRow(columns.map((c) => c.header));
  head.font = { bold: true };
  head.commit();
  for await (const values of rows) sheet.addRow([...values]).commit();
  sheet.commit();
  await workbook.commit();
}

/** An empty import template: the headers of the columns, required ones marked with *. */
export function writeTemplate(path: string, sheetName: string, columns: readonly ColumnSpec[]): Promise<void> {
  return writeXlsx(
    path,
    sheetName,
    columns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, text: c.kind.type === 'code' })),
    [],
  );
}

/** The rejected rows as the user sent them, with the row number and every reason, to fix and import again. */
export function writeRejectedRows(path: string, columns: readonly ColumnSpec[], rejected: readonly ParsedRow[]): Promise<void> {
  const describe = (issues: readonly RowIssue[]) => issues.map((i) => `${i.column}：${i.reason}`).join('；');
  return writeXlsx(
    path,
    '未导入的行',
    [{ header: '原行号' }, ...columns.map((c) => ({ header: c.header, text: true })), { header: '错误原因', width: 60 }],
    rejected.map((r) => [r.row, ...columns.map((c) => r.raw[c.header] ?? ''), describe(r.issues)]),
  );
}
