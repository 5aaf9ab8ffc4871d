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
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { systemActor } from '../../src/server/audit/audit-events.ts';
import { migrationsFolder, rowsOf, type Db } from '../../src/server/db/database.ts';
import * as foundationSchema from '../../src/server/db/schema.ts';
import * as directorySchema from '../../src/server/db/schema-directory.ts';
import { secondaryIndexesOf } from '../../src/server/imports/bulk-load.ts';
import { findImportKind } from '../../src/server/imports/import-kinds.ts';
import { importLocalFile, type ImportProgressEvent } from '../../src/server/imports/import-runner.ts';
import { withBenchPostgres } from '../support/postgres.ts';
import { copyColumns, generate } from './firms.ts';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    'no-pg': { type: 'boolean', default: false },
    'no-pglite': { type: 'boolean', default: false },
  },
});
const ROWS = Number(args.rows);
const BENCH_DB = 'suiji_bench_import';

interface Timing { engine: string; validateMs: number; commitMs: number; totalMs: number; copyMs: number; copyIndexesAfterMs: number; inserted: number }

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

/**
 * Raw COPY of the rows into `table`, a new empty copy of `entities` (same indexes and checks);
 * with `indexesAfter`, its non-unique indexes are dropped first and built again after the
 * COPY (timed too) — what the import does on the first load of an empty directory.
 */
async function timeCopy(db: Db, table: string, indexesAfter: boolean, copy: (table: string) => Promise<unknown>): Promise<number> {
  await db.execute(sql.raw(`create table ${table} (like entities including all)`));
  const indexes = indexesAfter ? await secondaryIndexesOf(db, table) : [];
  for (const index of indexes) await db.execute(sql.raw(`drop index ${index.name}`));
  await db.execute(sql`set maintenance_work_mem = '128MB'`);
  const start = performance.now();
  await copy(table);
  for (const index of indexes) await db.execute(sql.raw(index.definition));
  const ms = performance.now() - start;
  const [count] = rowsOf<{ n: number }>(await db.execute(sql.raw(`select count(*)::int as n from ${table}`)));
  if (count?.n !== ROWS) throw new Error(`COPY loaded ${count?.n ?? 0} rows`);
  return ms;
}

async function benchPglite(dir: string, files: { importCsv: string; copyCsv: string }): Promise<Timing> {
  const dataDir = path.join(dir, 'pglite');
  const client = new PGlite(dataDir);
  const db = drizzlePglite(client, { schema: { ...foundationSchema, ...directorySchema } });
  await migratePglite(db, { migrationsFolder });
  try {
    console.error('PGlite: import …');
    const run = await timeImport(db as unknown as Db, path.join(dir, 'files-pglite'), files.importCsv);
    console.error('PGlite: COPY …');
    const blob = new Blob([await readFile(files.copyCsv)]);
    const copy = (table: string) => client.query(`copy ${table} (${copyColumns}) from '/dev/blob' with (format csv, header true)`, [], { blob });
    const copyMs = await timeCopy(db as unknown as Db, 'entities_copy', false, copy);
    const copyIndexesAfterMs = await timeCopy(db as unknown as Db, 'entities_copy2', true, copy);
    return { engine: 'PGlite 0.5 (PostgreSQL 18, WASM, data folder)', ...run, copyMs, copyIndexesAfterMs };
  } finally {
    await client.close();
  }
}

async function benchPostgres(dir: string, files: { importCsv: string; copyCsv: string }): Promise<Timing> {
  return withBenchPostgres(BENCH_DB, async (database, version) => {
    console.error('PostgreSQL: import …');
    const run = await timeImport(database.db, path.join(dir, 'files-pg'), files.importCsv);
    console.error('PostgreSQL: COPY …');
    await chmod(dir, 0o755);
    await chmod(files.copyCsv, 0o644);
    // The server reads the file itself (local server, /tmp is readable by the postgres user).
    const copy = (table: string) => database.db.execute(sql.raw(`copy ${table} (${copyColumns}) from '${files.copyCsv}' with (format csv, header true)`));
    const copyMs = await timeCopy(database.db, 'entities_copy', false, copy);
    const copyIndexesAfterMs = await timeCopy(database.db, 'entities_copy2', true, copy);
    return { engine: `PostgreSQL ${version} (local, node-postgres)`, ...run, copyMs, copyIndexesAfterMs };
  });
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'suiji-bench-import-'));
  try {
    console.error(`generating ${fmt(ROWS)} rows …`);
    const files = await generate(dir, ROWS);
    console.error(`  ${((await stat(files.importCsv)).size / 2 ** 20).toFixed(0)} MB csv`);
    const results: Timing[] = [];
    if (!args['no-pglite']) results.push(await benchPglite(dir, files));
    if (!args['no-pg']) results.push(await benchPostgres(dir, files));
    for (const r of results) console.error(JSON.stringify(r));
    const lines = [
      `rows: ${fmt(ROWS)} entities (csv, ${((await stat(files.importCsv)).size / 2 ** 20).toFixed(0)} MB)`,
      '',
      '| engine | validate + stage | commit (1 tx) | import total | import rows/s | raw COPY | COPY rows/s | import / COPY | COPY, indexes after | import / that |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...results.map((r) => {
        const importRate = ROWS / (r.totalMs / 1000);
        const copyRate = ROWS / (r.copyMs / 1000);
        return `| ${r.engine} | ${secs(r.validateMs)} | ${secs(r.commitMs)} | ${secs(r.totalMs)} | ${fmt(importRate)} | ${secs(r.copyMs)} | ${fmt(copyRate)} | ${((importRate / copyRate) * 100).toFixed(0)} % | ${secs(r.copyIndexesAfterMs)} | ${((r.copyIndexesAfterMs / r.totalMs) * 100).toFixed(0)} % |`;
      }),
    ];
    console.log(lines.join('\n'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
