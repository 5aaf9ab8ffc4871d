import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { normaliseCell, toHalfWidth, type CellValue, type ColumnKind } from './cells.ts';

/**
 * Reading an imported table (xlsx or csv) row by row, streaming, for files of a million
 * rows. The caller describes its columns by their Chinese headers; the reader finds the
 * header row (skipping title rows and merged header cells), normalises every cell and
 * reports, per row, each rejected cell with its column and a Chinese reason.
 */

export interface ColumnSpec {
  key: string;
  header: string;
  aliases?: readonly string[];
  kind: ColumnKind;
  required?: boolean;
}

export interface RowIssue {
  row: number;
  column: string;
  reason: string;
}

export interface ParsedRow {
  /** 1-based row number as the user sees it in Excel. */
  row: number;
  values: Record<string, string | null>;
  /** The cells as found, by header, for the rejected-rows report. */
  raw: Record<string, string>;
  issues: RowIssue[];
  /** Cells of the columns no ColumnSpec names, by their header (only with `keepOtherColumns`). */
  other?: Record<string, string>;
}

/** The header as found: which specs matched a column, and the headers of the other columns. */
export interface TableHeader {
  found: ColumnSpec[];
  otherHeaders: string[];
}

export interface ReadTableOptions {
  /** Called once the header row is found, before the first data row (it may throw TableFormatError). */
  onHeader?: (header: TableHeader) => void;
  /** Keep the cells of unnamed columns in `ParsedRow.other` (e.g. attributes of objects). */
  keepOtherColumns?: boolean;
}

/** The whole file is refused; `message` is Chinese and says what to do. */
export class TableFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TableFormatError';
  }
}

export interface TableSource {
  fileName: string;
  path: string;
}

interface RawRow {
  row: number;
  cells: CellValue[];
}

const headerSearchRows = 10;

export type FileFormat = 'xlsx' | 'csv';

/** Decide the format from the bytes, not the name: a renamed .xls or a PDF is refused clearly. */
export async function sniffFormat(source: TableSource): Promise<FileFormat> {
  const handle = await open(source.path, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    if (bytesRead === 0) throw new TableFormatError('文件是空的');
    if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
    if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
      throw new TableFormatError('不支持旧版 Excel（.xls）文件，请在 Excel 或 WPS 中“另存为” .xlsx 后再导入');
    }
    if (head.subarray(0, 4).toString('latin1') === '%PDF') throw new TableFormatError('这是 PDF 文件，请导入 .xlsx 或 .csv 表格');
    if (head.subarray(0, bytesRead).includes(0)) {
      const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
      if (!utf16) throw new TableFormatError('无法识别的文件格式，请导入 .xlsx 或 .csv 表格');
    }
    return 'csv';
  } finally {
    await handle.close();
  }
}

/** Read a table file, yielding only data rows (blank rows are skipped). */
export async function* readTable(
  source: TableSource,
  columns: readonly ColumnSpec[],
  options: ReadTableOptions = {},
): AsyncGenerator<ParsedRow> {
  const format = await sniffFormat(source);
  const rows = format === 'xlsx' ? readXlsxRows(source.path) : readCsvRows(source.path);
  yield* parseRows(rows, columns, options);
}

function headerText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  return toHalfWidth(String(value)).replace(/[\s*＊]/g, '').replace(/[（(].*?[)）]$/, '');
}

function matchColumn(text: string, columns: readonly ColumnSpec[]): ColumnSpec | undefined {
  if (text === '') return undefined;
  return columns.find((c) => headerText(c.header) === text || (c.aliases ?? []).some((a) => headerText(a) === text));
}

/** Map column index → spec from a header row (and an optional second header row below a merged one). */
function headerMap(cells: readonly CellValue[], columns: readonly ColumnSpec[]): Map<number, ColumnSpec> {
  const map = new Map<number, ColumnSpec>();
  cells.forEach((cell, index) => {
    const spec = matchColumn(headerText(cell), columns);
    if (spec && ![...map.values()].includes(spec)) map.set(index, spec);
  });
  return map;
}

async function* parseRows(rows: AsyncIterable<RawRow>, columns: readonly ColumnSpec[], options: ReadTableOptions): AsyncGenerator<ParsedRow> {
  const iterator = rows[Symbol.asyncIterator]();
  const buffered: RawRow[] = [];
  let best = { index: -1, size: 0 };
  // Find the header: the row among the first few that names the most known columns.
  while (buffered.length < headerSearchRows) {
    const next = await iterator.next();
    if (next.done) break;
    buffered.push(next.value);
    const map = headerMap(next.value.cells, columns);
    if (map.size > best.size) best = { index: buffered.length - 1, size: map.size };
  }
  const headerRow = buffered[best.index];
  if (!headerRow) {
    throw new TableFormatError(`找不到表头：前 ${headerSearchRows} 行中没有任何一列名为 ${columns.map((c) => `“${c.header}”`).join('、')}，请使用下载的导入模板`);
  }
  const header = headerMap(headerRow.cells, columns);
  let dataStart = best.index + 1;
  // A header with merged cells over two rows: the row below fills in the columns still missing.
  const below = buffered[best.index + 1];
  if (below) {
    const extra = headerMap(below.cells, columns.filter((c) => ![...header.values()].includes(c)));
    if (extra.size > 0) {
      for (const [index, spec] of extra) if (!header.has(index)) header.set(index, spec);
      dataStart += 1;
    }
  }
  const found = new Set(header.values());
  const missing = columns.filter((c) => c.required && !found.has(c));
  if (missing.length > 0) {
    throw new TableFormatError(`缺少必填列：${missing.map((c) => `“${c.header}”`).join('、')}，请使用下载的导入模板`);
  }
  // Columns no spec names, by their header text (from the header row, or the row below it).
  const others = new Map<number, string>();
  const headerCells = [headerRow.cells, ...(dataStart > best.index + 1 && below ? [below.cells] : [])];
  for (const cells of headerCells) {
    cells.forEach((cell, index) => {
      const text = cell === null ? '' : toHalfWidth(String(cell)).replace(/\s+/g, '').replace(/[*＊]$/, '');
      if (text !== '' && !header.has(index) && !others.has(index)) others.set(index, text);
    });
  }
  options.onHeader?.({ found: [...found], otherHeaders: [...new Set(others.values())] });

  const toParsed = (raw: RawRow): ParsedRow | null => {
    if (raw.cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) return null;
    const values: Record<string, string | null> = {};
    const rawByHeader: Record<string, string> = {};
    const issues: RowIssue[] = [];
    for (const [index, spec] of header) {
      const cell = raw.cells[index] ?? null;
      rawByHeader[spec.header] = cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);
      const result = normaliseCell(cell, spec.kind);
      if (!result.ok) {
        issues.push({ row: raw.row, column: spec.header, reason: result.reason });
        values[spec.key] = null;
      } else {
        values[spec.key] = result.value;
        if (spec.required && result.value === null) issues.push({ row: raw.row, column: spec.header, reason: '必填项为空' });
      }
    }
    for (const spec of columns) if (!(spec.key in values)) values[spec.key] = null;
    if (!options.keepOtherColumns) return { row: raw.row, values, raw: rawByHeader, issues };
    const other: Record<string, string> = {};
    for (const [index, name] of others) {
      const cell = raw.cells[index] ?? null;
      const text = cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : toHalfWidth(String(cell)).trim();
      if (text !== '' && !(name in other)) other[name] = text;
    }
    return { row: raw.row, values, raw: rawByHeader, issues, other };
  };

  for (const raw of buffered.slice(dataStart)) {
    const parsed = toParsed(raw);
    if (parsed) yield parsed;
  }
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    const parsed = toParsed(next.value);
    if (parsed) yield parsed;
  }
}

type ExcelCell = ExcelJS.CellValue;

function excelCellValue(value: ExcelCell | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return excelCellValue(value.result as ExcelCell);
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return null;
  }
  return String(value);
}

/**
 * Re-chunk a byte stream so that no chunk ends inside a UTF-8 character. exceljs' streaming
 * reader decodes every chunk on its own (exceljs issues #2063, #2084), which turned about one
 * Chinese character in 16 KiB into “��” — silently, in names and addresses.
 */
export async function* wholeUtf8Chunks(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const piece of source) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let cut = buf.length;
    for (let i = buf.length - 1; i >= Math.max(0, buf.length - 4); i--) {
      const byte = buf[i] ?? 0;
      if ((byte & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead byte
      const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      if (i + need > buf.length) cut = i;
      break;
    }
    carry = Buffer.from(buf.subarray(cut));
    if (cut > 0) yield buf.subarray(0, cut);
  }
  if (carry.length > 0) yield carry;
}

interface WorkbookReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: AsyncIterable<Buffer>): AsyncGenerator<unknown>;
}

async function* readXlsxRows(path: string): AsyncGenerator<RawRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  // Feed the worksheet and shared-strings parsers whole UTF-8 characters (see wholeUtf8Chunks).
  const internals = reader as unknown as WorkbookReaderInternals;
  const parseWorksheet = internals._parseWorksheet.bind(reader);
  const parseSharedStrings = internals._parseSharedStrings.bind(reader);
  internals._parseWorksheet = (iterator, sheetNo) => parseWorksheet(wholeUtf8Chunks(iterator), sheetNo);
  internals._parseSharedStrings = (entry) => parseSharedStrings(Readable.from(wholeUtf8Chunks(entry)));
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = row.values as ExcelCell[];
        // exceljs rows are 1-based: drop the empty slot 0.
        yield { row: row.number, cells: values.slice(1).map((v) => excelCellValue(v)) };
      }
      return; // the first worksheet only
    }
  } catch (error) {
    if (error instanceof TableFormatError) throw error;
    throw new TableFormatError(`无法读取该 Excel 文件（${(error as Error).message}），请用 Excel 或 WPS 打开后重新保存为 .xlsx`);
  }
}

/** Pick the text encoding of a csv: a BOM, else UTF-8 if the bytes are valid UTF-8, else GBK (WPS/Excel default in China). */
export function detectCsvEncoding(sample: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gbk'; bomLength: number } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  // A multi-byte character may be cut at the end of the sample: ignore up to 3 trailing bytes.
  for (let cut = 0; cut <= Math.min(3, sample.length); cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, sample.length - cut));
      return { encoding: 'utf-8', bomLength: 0 };
    } catch {
      // try a shorter sample
    }
  }
  return { encoding: 'gbk', bomLength: 0 };
}

async function* readCsvRows(path: string): AsyncGenerator<RawRow> {
  const handle = await open(path, 'r');
  const sample = Buffer.alloc(64 * 1024);
  const { bytesRead } = await handle.read(sample, 0, sample.length, 0);
  await handle.close();
  const { encoding, bomLength } = detectCsvEncoding(sample.subarray(0, bytesRead));
  const decoder = new TextDecoder(encoding);
  const stream = createReadStream(path, { start: bomLength, highWaterMark: 256 * 1024 });
  const parser = new CsvParser();
  let row = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    for (const cells of parser.push(decoder.decode(chunk, { stream: true }))) yield { row: ++row, cells };
  }
  for (const cells of parser.push(decoder.decode(), true)) yield { row: ++row, cells };
}

/** RFC 4180 csv (quotes, doubled quotes, CRLF/LF, newlines inside quotes); comma or tab separated. */
export class CsvParser {
  private field = '';
  private fields: string[] = [];
  private quoted = false;
  private pendingQuote = false;
  private separator: ',' | '\t' | undefined;

  *push(text: string, end = false): Generator<string[]> {
    if (this.separator === undefined && text.length > 0) {
      const firstLine = text.split('\n', 1)[0] ?? '';
      this.separator = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
    }
    // Scanned by char code, plain runs copied with one slice: per-character string
    // concatenation made reading the csv a third of a large import's time.
    const separator = this.separator === '\t' ? 9 : 44;
    const length = text.length;
    let i = 0;
    while (i < length) {
      const code = text.charCodeAt(i);
      if (this.quoted) {
        if (this.pendingQuote) {
          this.pendingQuote = false;
          if (code === 34) {
            this.field += '"';
            i += 1;
            continue;
          }
          this.quoted = false; // the quote closed the field's quoted part; `code` is read below
        } else {
          const quote = text.indexOf('"', i);
          this.field += text.slice(i, quote === -1 ? length : quote);
          if (quote !== -1) this.pendingQuote = true;
          i = quote === -1 ? length : quote + 1;
          continue;
        }
      }
      if (code === 34 && this.field === '') this.quoted = true;
      else if (code === separator) this.endField();
      else if (code === 10) yield this.endRow();
      else if (code !== 13) {
        let to = i + 1;
        for (; to < length; to++) {
          const next = text.charCodeAt(to);
          if (next === separator || next === 10 || next === 13) break;
        }
        this.field += text.slice(i, to);
        i = to;
        continue;
      }
      i += 1;
    }
    if (end) {
      if (this.pendingQuote) {
        this.pendingQuote = false;
        this.quoted = false;
      }
      if (this.field !== '' || this.fields.length > 0) yield this.endRow();
    }
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
  }

  private endRow(): string[] {
    this.endField();
    const row = this.fields;
    this.fields = [];
    return row;
  }
}
