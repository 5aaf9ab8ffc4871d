/*
 * Import benchmark: npx tsx bench/import/run.ts [--rows 1000000] [--no-pg] [--no-pglite]
 *  1. generates an entities csv of `rows` firms (valid USCCs via makeUscc, Chinese labels as a
 *     bureau's file has them) and the same data as a table-shaped csv for COPY;
 *  2. on PGlite (a fresh data folder) and on PostgreSQL (DATABASE_URL or
 *     postgres://postgres@127.0.0.1:5432/postgres, database suiji_bench_import, created and
 *     dropped): the full import (validate into staging + one-transaction commit) of the file,
 *     then raw `COPY entities_copy (…) FROM` the same rows into an empty copy of the table
 *     (same indexes and checks), and prints rows/s and the ratio.
 */
import { createWriteStream } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { makeUscc } from '../../src/domain/uscc/uscc.ts';
import { systemActor } from '../../src/server/audit/audit-events.ts';
import { migrationsFolder, openDatabase, rowsOf, type Db } from '../../src/server/db/database.ts';
import * as foundationSchema from '../../src/server/db/schema.ts';
import * as directorySchema from '../../src/server/db/schema-directory.ts';
import { findImportKind } from '../../src/server/imports/import-kinds.ts';
import { importLocalFile, type ImportProgressEvent } from '../../src/server/imports/import-runner.ts';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    'no-pg': { type: 'boolean', default: false },
    'no-pglite': { type: 'boolean', default: false },
  },
});
const ROWS = Number(args.rows);
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BENCH_DB = 'suiji_bench_import';

const industries = ['道路货运', '道路客运', '机动车维修', '驾驶员培训', '危险货物运输'];
const focus = ['安全生产', '两客一危', '危险货物', '超限超载'];
const statuses: [string, string][] = [['存续', 'active'], ['存续', 'active'], ['存续', 'active'], ['停业', 'suspended'], ['注销', 'deregistered']];
const surnames = '王李张刘陈杨赵黄周吴';

interface Firm {
  uscc: string; name: string; rep: string; address: string; phone: string; industry: string; focus: string;
  statusLabel: string; status: string; founded: string;
}

function firm(i: number): Firm {
  const [statusLabel, status] = statuses[i % statuses.length] ?? ['存续', 'active'];
  const day = 1 + (i % 28);
  const month = 1 + (i % 12);
  return {
    uscc: makeUscc({ subject: i + 1 }),
    name: `示例县第${i + 1}号运输有限公司`,
    rep: `${surnames.charAt(i % 10)}${surnames.charAt((i >> 3) % 10)}明`,
    address: `示例县兴城镇${(i % 500) + 1}号`,
    phone: `0315-${String(5_000_000 + (i % 1_000_000)).slice(0, 7)}`,
    industry: industries[i % industries.length] ?? '道路货运',
    focus: i % 3 === 0 ? `${focus[i % 4] ?? ''}、${focus[(i + 1) % 4] ?? ''}` : '',
    statusLabel, status,
    founded: `${2000 + (i % 24)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  };
}

async function writeLines(file: string, header: string, line: (f: Firm) => string): Promise<void> {
  const out = createWriteStream(file);
  const write = (text: string) => new Promise<void>((resolve) => {
    if (out.write(text)) resolve();
    else out.once('drain', () => resolve());
  });
  await write(`${header}\n`);
  let chunk = '';
  for (let i = 0; i < ROWS; i++) {
    chunk += `${line(firm(i))}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

const copyColumns = 'kind, key, uscc, name, legal_representative, address, region_code, contact_phone, industry, focus_areas, status, founded_on';

async function generate(dir: string): Promise<{ importCsv: string; copyCsv: string }> {
  const importCsv = path.join(dir, 'entities.csv');
  const copyCsv = path.join(dir, 'entities-copy.csv');
  await writeLines(importCsv, '统一社会信用代码,名称,法定代表人,住所,行政区划代码,联系电话,行业类别,重点领域,状态,成立日期',
    (f) => `${f.uscc},${f.name},${f.rep},${f.address},130227,${f.phone},${f.industry},${f.focus},${f.statusLabel},${f.founded}`);
  await writeLines(copyCsv, copyColumns,
    (f) => `subject,${f.uscc},${f.uscc},${f.name},${f.rep},${f.address},130227,${f.phone},${f.industry},"{${f.focus.replace('、', ',')}}",${f.status},${f.founded}`);
  return { importCsv, copyCsv };
}

interface Timing { engine: string; validateMs: number; commitMs: number; totalMs: number; copyMs: number; inserted: number }

async function timeImport(db: Db, filesDir: string, file: string): Promise<{ validateMs: number; commitMs: number; totalMs: number; inserted: number }> {
  const kind = findImportKind('entities');
  if (!kind) throw new Error('no entities kind');
  const start = performance.now();
  let committingAt = 0;
  let lastPrint = 0;
  const onProgress = (p: ImportProgressEvent) => {
    if (p.phase === 'committing' && committingAt === 0) committingAt = performance.now();
    if (performance.now() - lastPrint > 5000) {
      lastPrint = performance.now();
      process.stderr.write(`  ${p.phase} ${p.done}/${p.total}\n`);
    }
  };
  const outcome = await importLocalFile({ db, now: () => new Date(), filesDir }, {
    kind, filePath: file, actor: systemActor, ctx: { departmentId: null, userId: null, now: new Date() }, onProgress,
  });
  const end = performance.now();
  if (outcome.status !== 'done') throw new Error(`import ended ${outcome.status}: ${'message' in outcome ? outcome.message : ''}`);
  return { validateMs: committingAt - start, commitMs: end - committingAt, totalMs: end - start, inserted: outcome.summary.inserted };
}

const createCopyTable = sql.raw('create table entities_copy (like entities including all)');

async function benchPglite(dir: string, files: { importCsv: string; copyCsv: string }): Promise<Timing> {
  const dataDir = path.join(dir, 'pglite');
  const client = new PGlite(dataDir);
  const db = drizzlePglite(client, { schema: { ...foundationSchema, ...directorySchema } });
  await migratePglite(db, { migrationsFolder });
  try {
    console.error('PGlite: import …');
    const run = await timeImport(db as unknown as Db, path.join(dir, 'files-pglite'), files.importCsv);
    console.error('PGlite: COPY …');
    await db.execute(createCopyTable);
    const blob = new Blob([await readFile(files.copyCsv)]);
    const start = performance.now();
    await client.query(`copy entities_copy (${copyColumns}) from '/dev/blob' with (format csv, header true)`, [], { blob });
    const copyMs = performance.now() - start;
    const [count] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from entities_copy`));
    if (count?.n !== ROWS) throw new Error(`COPY loaded ${count?.n ?? 0} rows`);
    return { engine: 'PGlite 0.5 (PostgreSQL 18, WASM, data folder)', ...run, copyMs };
  } finally {
    await client.close();
  }
}

async function benchPostgres(dir: string, files: { importCsv: string; copyCsv: string }): Promise<Timing> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${BENCH_DB} with (force)`);
  await admin.query(`create database ${BENCH_DB}`);
  const url = new URL(PG_URL);
  url.pathname = `/${BENCH_DB}`;
  const database = await openDatabase({ dataDir: '', databaseUrl: url.toString() });
  try {
    const [version] = rowsOf<{ v: string }>(await database.db.execute(sql`select current_setting('server_version') as v`));
    console.error('PostgreSQL: import …');
    const run = await timeImport(database.db, path.join(dir, 'files-pg'), files.importCsv);
    console.error('PostgreSQL: COPY …');
    await database.db.execute(createCopyTable);
    await chmod(dir, 0o755);
    await chmod(files.copyCsv, 0o644);
    const start = performance.now();
    // The server reads the file itself (local server, /tmp is readable by the postgres user).
    await database.db.execute(sql.raw(`copy entities_copy (${copyColumns}) from '${files.copyCsv}' with (format csv, header true)`));
    const copyMs = performance.now() - start;
    return { engine: `PostgreSQL ${version?.v ?? '?'} (local, node-postgres)`, ...run, copyMs };
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${BENCH_DB} with (force)`);
    await admin.end();
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'suiji-bench-import-'));
  try {
    console.error(`generating ${fmt(ROWS)} rows …`);
    const files = await generate(dir);
    console.error(`  ${((await stat(files.importCsv)).size / 2 ** 20).toFixed(0)} MB csv`);
    const results: Timing[] = [];
    if (!args['no-pglite']) results.push(await benchPglite(dir, files));
    if (!args['no-pg']) results.push(await benchPostgres(dir, files));
    for (const r of results) console.error(JSON.stringify(r));
    const lines = [
      `rows: ${fmt(ROWS)} entities (csv, ${((await stat(files.importCsv)).size / 2 ** 20).toFixed(0)} MB)`,
      '',
      '| engine | validate + stage | commit (1 tx) | import total | import rows/s | raw COPY | COPY rows/s | import / COPY |',
      '|---|---|---|---|---|---|---|---|',
      ...results.map((r) => {
        const importRate = ROWS / (r.totalMs / 1000);
        const copyRate = ROWS / (r.copyMs / 1000);
        return `| ${r.engine} | ${secs(r.validateMs)} | ${secs(r.commitMs)} | ${secs(r.totalMs)} | ${fmt(importRate)} | ${secs(r.copyMs)} | ${fmt(copyRate)} | ${((importRate / copyRate) * 100).toFixed(0)} % |`;
      }),
    ];
    console.log(lines.join('\n'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
