import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../domain/uscc/uscc.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { importJobs } from '../db/schema-directory.ts';
import { createTestDatabase, dropDatabaseWhenClosed } from '../test/test-db.ts';
import type { ImportProgressEvent } from './import-runner.ts';
import { recoverInterruptedImports } from './import-runner.ts';
import { interruptedMessage } from './import-jobs.repository.ts';
import { createTestImportEnv, entitiesChecksum, runImport, type TestImportEnv } from './import-test-helpers.ts';

/** Big files and a killed process: the import is fast enough, exact, idempotent and all-or-nothing. */

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const badEvery = 100;

function wrongCheck(uscc: string): string {
  return `${uscc.slice(0, 17)}${uscc.endsWith('0') ? '1' : '0'}`;
}

describe('a 100,000-row xlsx of entities', () => {
  const rows = 100_000;
  let database: Database;
  let env: TestImportEnv;
  let file: string;
  const badRows: number[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    env = await createTestImportEnv(database.db);
    file = path.join(env.dir, 'entities-100k.xlsx');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream(file), useSharedStrings: false });
    const sheet = workbook.addWorksheet('检查对象名录');
    sheet.addRow(['示例县检查对象名录（主体类）']).commit();
    sheet.addRow(['统一社会信用代码', '名称', '法定代表人', '住所', '行政区划代码', '联系电话', '行业类别', '重点领域', '状态', '成立日期']).commit();
    for (let i = 0; i < rows; i++) {
      const uscc = makeUscc({ subject: 30_000_000 + i });
      const bad = i % badEvery === 37;
      if (bad) badRows.push(i + 3);
      sheet.addRow([
        bad ? wrongCheck(uscc) : uscc, `示例县第${i}号运输有限公司`, '王明', `示例县兴城镇${i % 500}号`, 130227, '0315-5612345',
        '道路货运', i % 3 === 0 ? '安全生产、两客一危' : '', i % 10 === 9 ? '停业' : '存续', 36526 + (i % 8000),
      ]).commit();
    }
    sheet.addRow([]).commit();
    sheet.commit();
    await workbook.commit();
  }, 300_000);
  afterAll(async () => {
    await env.cleanup();
    await database.close();
  });

  it('imports with progress, reports every bad row, and a second import changes nothing', async () => {
    const events: ImportProgressEvent[] = [];
    const first = await runImport(env, 'entities', file, { onProgress: (e) => events.push(e) });
    expect(first.outcome.status).toBe('done');
    if (first.outcome.status !== 'done') return;
    const accepted = rows - badRows.length;
    expect(first.outcome.summary).toEqual({ inserted: accepted, updated: 0, unchanged: 0 });
    expect(first.outcome.job).toMatchObject({ totalRows: rows, acceptedRows: accepted, rejectedRows: badRows.length });

    const validating = events.filter((e) => e.phase === 'validating');
    expect(validating.length).toBeGreaterThan(10);
    for (let i = 1; i < validating.length; i++) expect(validating[i]?.done).toBeGreaterThanOrEqual(validating[i - 1]?.done ?? 0);
    expect(validating[validating.length - 1]).toEqual({ phase: 'validating', done: rows, total: rows });
    const committing = events.filter((e) => e.phase === 'committing');
    expect(committing[committing.length - 1]).toEqual({ phase: 'committing', done: accepted, total: accepted });

    expect(first.rejected.map((r) => r.row)).toEqual(badRows);
    expect(first.rejected.every((r) => r.issues.length === 1 && r.issues[0]?.column === '统一社会信用代码' && /^校验码错误/.test(r.issues[0].reason))).toBe(true);

    const before = await entitiesChecksum(database.db);
    expect(before.count).toBe(accepted);
    const again = await runImport(env, 'entities', file);
    expect(again.outcome.status === 'done' && again.outcome.summary).toEqual({ inserted: 0, updated: 0, unchanged: accepted });
    expect(await entitiesChecksum(database.db)).toEqual(before);
  }, 900_000);
});

describe('a process killed during the commit', () => {
  it('leaves the directory exactly as it was, and the job is failed at the next start', async () => {
    const rows = 20_000;
    const dir = await mkdtemp(path.join(tmpdir(), 'suiji-import-kill-'));
    const dataDir = path.join(dir, 'data');
    // PostgreSQL when the suite runs on it: a dedicated database the child connects to as well.
    let databaseUrl: string | undefined;
    let dropDatabase = async (): Promise<void> => undefined;
    if (process.env.DATABASE_URL) {
      const name = `suiji_test_kill_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(process.env.DATABASE_URL);
      url.pathname = `/${name}`;
      databaseUrl = url.toString();
      dropDatabase = async () => {
        const dropper = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await dropper.connect();
        await dropDatabaseWhenClosed(dropper, name);
        await dropper.end();
      };
    }
    const open = () => openDatabase({ dataDir, databaseUrl });
    try {
      // A directory with some firms in it.
      let database = await open();
      const env = { db: database.db, now: () => new Date(), filesDir: path.join(dataDir, 'imports') };
      const small = path.join(dir, 'small.csv');
      await writeFile(small, ['统一社会信用代码,名称', ...Array.from({ length: 50 }, (_, i) => `${makeUscc({ subject: 40_000_000 + i })},原有公司${i}`)].join('\n'));
      const seeded = await runImport(env, 'entities', small);
      expect(seeded.outcome.status).toBe('done');
      const before = await entitiesChecksum(database.db);
      await database.close();

      const big = path.join(dir, 'big.csv');
      const lines = ['统一社会信用代码,名称,状态'];
      for (let i = 0; i < rows; i++) lines.push(`${makeUscc({ subject: 41_000_000 + i })},新公司${i},存续`);
      // Also rows that would change the firms already there.
      for (let i = 0; i < 50; i++) lines.push(`${makeUscc({ subject: 40_000_000 + i })},改名公司${i},注销`);
      await writeFile(big, lines.join('\n'));

      const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/server/imports/import-kill-child.ts'), big], {
        cwd: repoRoot,
        env: { ...process.env, SUIJI_DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
      const marker = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('COMMITTING')) resolve(out);
          if (out.includes('DONE')) reject(new Error(`the child finished before it was killed: ${out}`));
        });
        child.once('exit', () => reject(new Error(`the child exited before committing: ${out}\n${stderr}`)));
      });
      expect(marker).toMatch(/^COMMITTING \d+\/20050/);
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      database = await open();
      try {
        const [job] = await database.db.select().from(importJobs).orderBy(desc(importJobs.createdAt)).limit(1);
        expect(job).toMatchObject({ fileName: 'big.csv', status: 'committing' });
        expect(await entitiesChecksum(database.db)).toEqual(before);
        expect(await recoverInterruptedImports({ db: database.db, now: () => new Date() })).toBe(1);
        const [failed] = await database.db.select().from(importJobs).where(eq(importJobs.id, job?.id ?? ''));
        expect(failed).toMatchObject({ status: 'failed', error: interruptedMessage });
      } finally {
        await database.close();
      }
    } finally {
      await dropDatabase();
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
