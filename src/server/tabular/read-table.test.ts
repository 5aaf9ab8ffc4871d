import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvParser, TableFormatError, detectCsvEncoding, readTable, wholeUtf8Chunks, type ColumnSpec, type ParsedRow } from './read-table.ts';
import { writeRejectedRows, writeTemplate } from './write-table.ts';

const columns: ColumnSpec[] = [
  { key: 'uscc', header: '统一社会信用代码', aliases: ['信用代码'], kind: { type: 'code' }, required: true },
  { key: 'name', header: '名称', aliases: ['企业名称'], kind: { type: 'text', maxLength: 100 }, required: true },
  { key: 'regionCode', header: '行政区划代码', kind: { type: 'code', length: 6 } },
  { key: 'foundedOn', header: '成立日期', kind: { type: 'date' } },
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'suiji-tabular-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(path: string, cols: readonly ColumnSpec[] = columns): Promise<ParsedRow[]> {
  const rows: ParsedRow[] = [];
  for await (const row of readTable({ fileName: path, path }, cols)) rows.push(row);
  return rows;
}

describe('readTable on xlsx', () => {
  it('finds the header under a merged title row, restores dates and numeric codes, skips blank rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名录');
    sheet.addRow(['示例县检查对象名录（2024年）']);
    sheet.mergeCells('A1:D1');
    sheet.addRow(['统一社会信用代码', '名称', '行政区划代码', '成立日期']);
    sheet.addRow(['914403001922038216', '示例运输有限公司', 130227, new Date(Date.UTC(2015, 5, 1))]);
    sheet.addRow([914403001922038216, '数字代码公司', '130227', 45292]);
    sheet.addRow(['', '', '', '']);
    sheet.addRow(['9144030071526726XG', '', 1234, '2024/02/30']);
    sheet.addRow([]);
    sheet.addRow([null, null]);
    const path = join(dir, 'entities.xlsx');
    await workbook.xlsx.writeFile(path);

    const rows = await readAll(path);
    expect(rows.map((r) => r.row)).toEqual([3, 4, 6]);
    expect(rows[0]!.values).toEqual({ uscc: '914403001922038216', name: '示例运输有限公司', regionCode: '130227', foundedOn: '2015-06-01' });
    expect(rows[0]!.issues).toEqual([]);
    expect(rows[1]!.values.foundedOn).toBe('2024-01-01');
    expect(rows[1]!.issues).toEqual([expect.objectContaining({ row: 4, column: '统一社会信用代码' })]);
    expect(rows[2]!.values.regionCode).toBe('001234');
    expect(rows[2]!.issues.map((i) => [i.column, i.reason])).toEqual([
      ['名称', '必填项为空'],
      ['成立日期', '无法识别的日期“2024/02/30”，请写成 2024-01-31'],
    ]);
  });

  it('reads a file saved by LibreOffice Calc, refusing the 18-digit code it turned into a number', async () => {
    // Made with: soffice --headless --convert-to xlsx entities.csv (LibreOffice 7.4), as a clerk would.
    const path = new URL('./fixtures/libreoffice-entities.xlsx', import.meta.url).pathname;
    const rows = await readAll(path);
    expect(rows.map((r) => r.values)).toEqual([
      { uscc: '91330100716105852F', name: '示例运输有限公司', regionCode: '130227', foundedOn: '2015-06-01' },
      { uscc: null, name: '数字代码公司', regionCode: '130227', foundedOn: '2024-01-05' },
    ]);
    expect(rows[1]!.issues.map((i) => i.column)).toEqual(['统一社会信用代码']);
  });

  it('reads a header split over two rows by merged cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名录');
    sheet.addRow(['主体信息', '', '其他']);
    sheet.addRow(['统一社会信用代码', '名称', '']);
    sheet.getCell('C2').value = null;
    sheet.addRow(['', '', '成立日期']);
    sheet.addRow(['914403001922038216', '甲公司', '2020-01-02']);
    const path = join(dir, 'two-rows.xlsx');
    await workbook.xlsx.writeFile(path);
    const rows = await readAll(path);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.values).toMatchObject({ uscc: '914403001922038216', name: '甲公司', foundedOn: '2020-01-02' });
  });

  it('refuses a file without the required columns, naming them', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('x').addRow(['名称', '地址']);
    const path = join(dir, 'missing.xlsx');
    await workbook.xlsx.writeFile(path);
    await expect(readAll(path)).rejects.toThrow('缺少必填列：“统一社会信用代码”');
  });

  it('refuses old .xls, PDF and empty files by their content', async () => {
    const xls = join(dir, 'old.xlsx');
    await writeFile(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    await expect(readAll(xls)).rejects.toThrow(/另存为/);
    const pdf = join(dir, 'a.csv');
    await writeFile(pdf, '%PDF-1.7\n');
    await expect(readAll(pdf)).rejects.toBeInstanceOf(TableFormatError);
    const empty = join(dir, 'empty.csv');
    await writeFile(empty, '');
    await expect(readAll(empty)).rejects.toThrow('文件是空的');
  });

  it('writes templates and rejected-row reports that read back', async () => {
    const template = join(dir, 'template.xlsx');
    await writeTemplate(template, '检查对象', columns);
    await expect(readAll(template)).resolves.toEqual([]);

    const report = join(dir, 'rejected.xlsx');
    const rejected: ParsedRow[] = [
      { row: 7, values: {}, raw: { 统一社会信用代码: '123', 名称: '乙' }, issues: [{ row: 7, column: '统一社会信用代码', reason: '长度应为 18 位' }] },
    ];
    await writeRejectedRows(report, columns, rejected);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(report);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '原行号', '统一社会信用代码', '名称', '行政区划代码', '成立日期', '错误原因']);
    expect(sheet.getRow(2).getCell(1).value).toBe(7);
    expect(sheet.getRow(2).getCell(6).value).toBe('统一社会信用代码：长度应为 18 位');
  });
});

describe('readTable on csv', () => {
  it('reads UTF-8 with a BOM, quoted fields, CRLF and trailing blank lines', async () => {
    const path = join(dir, 'bom.csv');
    await writeFile(path, '\uFEFF信用代码,企业名称,成立日期\r\n914403001922038216,"甲公司, 分公司",2024/1/5\r\n"91330100716105852F","乙""丙""公司",\r\n\r\n,,\r\n');
    const rows = await readAll(path);
    expect(rows.map((r) => r.values)).toEqual([
      { uscc: '914403001922038216', name: '甲公司, 分公司', regionCode: null, foundedOn: '2024-01-05' },
      { uscc: '91330100716105852F', name: '乙"丙"公司', regionCode: null, foundedOn: null },
    ]);
  });

  it('reads GBK, the default of Excel and WPS on Chinese Windows', async () => {
    // "名称,代码\n甲,1\n" in GBK: 名 C3FB 称 B3C6 代 B4FA 码 C2EB 甲 BCD7
    const bytes = Buffer.from([0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xb4, 0xfa, 0xc2, 0xeb, 0x0a, 0xbc, 0xd7, 0x2c, 0x31, 0x0a]);
    expect(detectCsvEncoding(bytes).encoding).toBe('gbk');
    const path = join(dir, 'gbk.csv');
    await writeFile(path, bytes);
    const cols: ColumnSpec[] = [
      { key: 'name', header: '名称', kind: { type: 'text' }, required: true },
      { key: 'code', header: '代码', kind: { type: 'code' }, required: true },
    ];
    expect((await readAll(path, cols)).map((r) => r.values)).toEqual([{ name: '甲', code: '1' }]);
  });

  it('treats a UTF-8 character cut at the end of the sniffed sample as UTF-8', () => {
    const bytes = Buffer.from('名称,代码', 'utf8');
    expect(detectCsvEncoding(bytes.subarray(0, bytes.length - 1)).encoding).toBe('utf-8');
  });

  it('parses across chunk boundaries, including inside quotes and doubled quotes', () => {
    const text = 'a,"b\nc","d""e"\n1,2,3\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = new CsvParser();
      const rows = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut), true)];
      expect(rows).toEqual([['a', 'b\nc', 'd"e'], ['1', '2', '3']]);
    }
  });

  it('reads any text, cut anywhere, exactly as the character-by-character RFC 4180 reading does', () => {
    // The reference: the parser as first written, one character at a time (it was replaced by
    // a faster scan; the two must agree on every input, including stray quotes and CRs).
    // The separator is decided on the first piece pushed, as the parser does.
    function reference(text: string, firstPiece: string): string[][] {
      const rows: string[][] = [];
      let fields: string[] = [];
      let field = '';
      let quoted = false;
      let pendingQuote = false;
      const firstLine = firstPiece.split('\n', 1)[0] ?? '';
      const separator = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
      for (const ch of text) {
        if (quoted) {
          if (pendingQuote) {
            pendingQuote = false;
            if (ch === '"') {
              field += '"';
              continue;
            }
            quoted = false;
          } else if (ch === '"') {
            pendingQuote = true;
            continue;
          } else {
            field += ch;
            continue;
          }
        }
        if (ch === '"' && field === '') quoted = true;
        else if (ch === separator) {
          fields.push(field);
          field = '';
        } else if (ch === '\n') {
          fields.push(field);
          rows.push(fields);
          fields = [];
          field = '';
        } else if (ch !== '\r') field += ch;
      }
      if (field !== '' || fields.length > 0) rows.push([...fields, field]);
      return rows;
    }
    const alphabet = ['a', '中', ',', '"', '\n', '\r', '\t', '😀', ' '];
    fc.assert(fc.property(
      fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((chars) => chars.join('')),
      fc.nat(40),
      (text, cut) => {
        const at = Math.min(cut, text.length);
        const parser = new CsvParser();
        const rows = [...parser.push(text.slice(0, at)), ...parser.push(text.slice(at), true)];
        expect(rows).toEqual(reference(text, at > 0 ? text.slice(0, at) : text));
      },
    ), { numRuns: 2000 });
  });

  it('accepts tab-separated text pasted from Excel', () => {
    const parser = new CsvParser();
    expect([...parser.push('名称\t代码\n甲\t1', true)]).toEqual([['名称', '代码'], ['甲', '1']]);
  });
});

describe('wholeUtf8Chunks', () => {
  it('never cuts a UTF-8 character between chunks (exceljs decodes each chunk alone)', async () => {
    const text = '存续𠀀示例a运输有限公司';
    const bytes = Buffer.from(text, 'utf8');
    for (let size = 1; size <= 7; size++) {
      async function* pieces() {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
      }
      const chunks: Buffer[] = [];
      for await (const chunk of wholeUtf8Chunks(pieces())) chunks.push(chunk);
      expect(chunks.map((c) => new TextDecoder('utf-8', { fatal: true }).decode(c)).join('')).toBe(text);
    }
  });
});
