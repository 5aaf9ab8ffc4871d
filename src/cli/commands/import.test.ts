import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeUscc } from '../../domain/uscc/uscc.ts';
import { openDatabase, rowsOf } from '../../server/db/database.ts';
import { runCli } from '../run-cli.ts';

/** `suiji import`, in-process against a PGlite data folder. */
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'suiji-cli-import-'));
  vi.stubEnv('DATABASE_URL', '');
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

const run = (...argv: string[]) => runCli(argv);

async function entityCount(dataDir: string): Promise<number> {
  const database = await openDatabase({ dataDir });
  try {
    return rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from entities`))[0]?.n ?? -1;
  } finally {
    await database.close();
  }
}

describe('suiji import', () => {
  it('previews without --yes, commits with it, and writes the rejected rows beside the file', async () => {
    const dataDir = path.join(dir, 'data');
    const file = path.join(dir, '名录.csv');
    const good = makeUscc({ subject: 12_345 });
    const bad = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
    writeFileSync(file, `统一社会信用代码,名称\n${good},甲公司\n${bad},乙公司\n`);

    const preview = await run('import', 'entities', file, '--data-dir', dataDir);
    expect(preview.code, preview.err).toBe(0);
    expect(preview.out).toContain('可导入 1 行，未通过校验 1 行');
    expect(preview.out).toContain('第 3 行 统一社会信用代码：校验码错误');
    expect(preview.out).toContain('仅预览，目录未修改');
    expect(existsSync(path.join(dir, '名录.rejected.xlsx'))).toBe(true);
    expect(await entityCount(dataDir)).toBe(0);

    const commit = await run('import', 'entities', file, '--yes', '--data-dir', dataDir);
    expect(commit.code, commit.err).toBe(0);
    expect(commit.out).toContain('新增 1 条，更新 0 条，未变 0 条');
    expect(await entityCount(dataDir)).toBe(1);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, '名录.rejected.xlsx'));
    expect(String(book.worksheets[0]?.getRow(2).getCell(14).value)).toMatch(/校验码错误/);

    const again = await run('import', 'entities', file, '--yes', '--data-dir', dataDir);
    expect(again.out).toContain('新增 0 条，更新 0 条，未变 1 条');
  }, 120_000);

  it('exits 1 on a file refused as a whole and 2 on an unknown kind', async () => {
    const dataDir = path.join(dir, 'data2');
    const xls = path.join(dir, 'old.xls');
    writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    const refused = await run('import', 'entities', xls, '--yes', '--data-dir', dataDir);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/不支持旧版 Excel/);
    const unknown = await run('import', 'cars', xls, '--data-dir', dataDir);
    expect(unknown.code).toBe(2);
  }, 120_000);
});
