/*
 * Where an import's time goes: npx tsx bench/import/phases.ts [--rows 200000] [--pg]
 * Times reading the csv alone, reading + row checks, then a full import on PGlite (or
 * PostgreSQL with --pg) with every SQL statement timed, grouped by its first words;
 * --again: then imports the same file a second time (every row unchanged) and times that.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { systemActor } from '../../src/server/audit/audit-events.ts';
import { openDatabase, type Db } from '../../src/server/db/database.ts';
import { findImportKind } from '../../src/server/imports/import-kinds.ts';
import { importLocalFile } from '../../src/server/imports/import-runner.ts';
import { readTable } from '../../src/server/tabular/read-table.ts';
import { generate } from './firms.ts';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '200000' }, pg: { type: 'boolean', default: false }, again: { type: 'boolean', default: false } } });
const ROWS = Number(args.rows);
const kind = findImportKind('entities');
if (!kind) throw new Error('no entities kind');
const now = new Date();

const timings = new Map<string, { ms: number; n: number }>();
function label(query: unknown): string {
  const chunks = (query as { queryChunks?: unknown[] }).queryChunks ?? [];
  const text = chunks.map((c) => {
    const value = c && typeof c === 'object' && 'value' in c ? (c as { value: unknown }).value : undefined;
    return Array.isArray(value) ? value.join('') : typeof value === 'string' ? value : '?';
  }).join(' ');
  return text.replace(/\s+/g, ' ').trim().slice(0, 60);
}
function timed(db: Db): Db {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'execute') {
        return async (query: unknown) => {
          const start = performance.now();
          try {
            return await (target.execute as (q: unknown) => Promise<unknown>)(query);
          } finally {
            const key = label(query);
            const t = timings.get(key) ?? { ms: 0, n: 0 };
            t.ms += performance.now() - start;
            t.n += 1;
            timings.set(key, t);
          }
        };
      }
      if (prop === 'transaction') {
        return (fn: (tx: Db) => Promise<unknown>) => target.transaction((tx) => fn(timed(tx as unknown as Db)) as never);
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

const dir = await mkdtemp(path.join(tmpdir(), 'suiji-bench-phases-'));
try {
  const { importCsv } = await generate(dir, ROWS);
  let start = performance.now();
  let n = 0;
  for await (const row of readTable({ fileName: 'a.csv', path: importCsv }, kind.columns)) n += row.row > 0 ? 1 : 0;
  console.log(`read csv: ${(performance.now() - start).toFixed(0)} ms (${n} rows)`);
  start = performance.now();
  for await (const row of readTable({ fileName: 'a.csv', path: importCsv }, kind.columns)) {
    kind.validateRow(row.values, { departmentId: null, userId: null, now, lookups: undefined });
    kind.keyOf(row.values);
  }
  console.log(`read + check: ${(performance.now() - start).toFixed(0)} ms`);
  const database = await openDatabase(args.pg
    ? { dataDir: '', databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' }
    : { dataDir: dir });
  try {
    if (args.pg) await database.db.execute(sql`truncate entities cascade`);
    start = performance.now();
    let committingAt = 0;
    let committedAt = 0;
    const outcome = await importLocalFile({ db: timed(database.db), now: () => now, filesDir: path.join(dir, 'files') }, {
      kind, filePath: importCsv, actor: systemActor, ctx: { departmentId: null, userId: null, now },
      onProgress: (p) => {
        if (p.phase === 'committing' && committingAt === 0) committingAt = performance.now();
        if (p.phase === 'committing' && p.done === p.total) committedAt = performance.now();
      },
    });
    const end = performance.now();
    console.log(`import: ${(end - start).toFixed(0)} ms, ${outcome.status}${outcome.status === 'failed' ? ` (${outcome.message})` : ''}: validate + stage ${(committingAt - start).toFixed(0)} ms,`
      + ` commit ${(committedAt - committingAt).toFixed(0)} ms, audit + purge ${(end - committedAt).toFixed(0)} ms`);
    for (const [key, t] of [...timings].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) {
      console.log(`${t.ms.toFixed(0).padStart(7)} ms ${String(t.n).padStart(5)}×  ${key}`);
    }
    if (args.again) {
      timings.clear();
      start = performance.now();
      const second = await importLocalFile({ db: timed(database.db), now: () => now, filesDir: path.join(dir, 'files') }, {
        kind, filePath: importCsv, actor: systemActor, ctx: { departmentId: null, userId: null, now },
      });
      console.log(`import again: ${(performance.now() - start).toFixed(0)} ms, ${second.status}`);
      for (const [key, t] of [...timings].sort((a, b) => b[1].ms - a[1].ms).slice(0, 6)) {
        console.log(`${t.ms.toFixed(0).padStart(7)} ms ${String(t.n).padStart(5)}×  ${key}`);
      }
    }
  } finally {
    await database.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
