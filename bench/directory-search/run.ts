/*
 * Entity directory search benchmark:
 *   npx tsx bench/directory-search/run.ts [--n 1000000] [--runs 15] [--no-pg] [--no-pglite] [--plans]
 *
 * Fills `entities` with n synthetic rows (generate_series in SQL, see
 * src/server/modules/entities/synthetic-entities.ts), VACUUM ANALYZEs, then times what
 * GET /api/v1/entities does for typical filters — one page of 20 rows plus its total (exact up
 * to 10 000, estimated beyond) — through the service function itself, on PGlite (in memory)
 * and on PostgreSQL (DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres, in a
 * dedicated database suiji_bench_directory that is created and dropped).
 * Prints p50 / p95 per filter as a table.
 */
import { withBenchPostgres } from '../support/postgres.ts';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { EntityFilter, EntitySort } from '../../src/contracts/entities.ts';
import { openDatabase, rowsOf, type Database } from '../../src/server/db/database.ts';
import type { ServiceContext } from '../../src/server/http/context.ts';
import { entityWhere, listEntitiesQuery, pagePlan } from '../../src/server/modules/entities/entities.repository.ts';
import { listEntitiesFor } from '../../src/server/modules/entities/entities.service.ts';
import { syntheticEntitiesSql } from '../../src/server/modules/entities/synthetic-entities.ts';
import { testConfig } from '../../src/server/test/test-app.ts';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '15' },
    'no-pg': { type: 'boolean', default: false },
    'no-pglite': { type: 'boolean', default: false },
    plans: { type: 'boolean', default: false },
  },
});
const N = Number(args.n);
const RUNS = Math.max(3, Number(args.runs));
const BENCH_DB = 'suiji_bench_directory';

interface Case { label: string; filter: EntityFilter; sort?: EntitySort; page?: number }

const cases: Case[] = [
  { label: 'no filter, name order, page 1', filter: {} },
  { label: 'no filter, page 50', filter: {}, page: 50 },
  { label: 'name prefix (2 chars)', filter: { q: '侣僙' } },
  { label: 'name prefix (1 char)', filter: { q: '侣' } },
  { label: 'exact USCC', filter: { q: '911300000000012345' } },
  { label: 'kind = object', filter: { kind: 'object' } },
  { label: 'industry', filter: { industry: '道路客运' } },
  { label: 'kind + industry', filter: { kind: 'subject', industry: '机动车维修' } },
  { label: 'focus area (GIN)', filter: { focusArea: '危险货物' } },
  { label: 'tag (GIN, 1 %)', filter: { tag: '重点监管' } },
  { label: 'risk class D (5 %)', filter: { riskClass: 'D' } },
  { label: 'status = active (95 %)', filter: { status: 'active' } },
  { label: 'region', filter: { regionCode: '130207' } },
  { label: 'unclaimed (2 %)', filter: { claimed: 'no' } },
  { label: 'unclaimed, page 50', filter: { claimed: 'no' }, page: 50 },
  { label: 'risk D + unclaimed', filter: { riskClass: 'D', claimed: 'no' } },
  { label: 'industry + risk C + focus area', filter: { industry: '道路货运', riskClass: 'C', focusArea: '安全生产' } },
  { label: 'sort by risk class', filter: {}, sort: 'riskClass' },
  { label: 'sort by risk class desc', filter: {}, sort: '-riskClass' },
];

const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

async function fill(database: Database, label: string): Promise<void> {
  const db = database.db;
  const dept = async (code: string) => {
    const result = await db.execute(sql`insert into departments (name, kind, code, region_code) values (${code}, 'section', ${code}, '130227') returning id`);
    const id = rowsOf<{ id: string }>(result)[0]?.id;
    if (!id) throw new Error('department');
    return id;
  };
  const a = await dept('BENCH-A');
  const b = await dept('BENCH-B');
  const t0 = performance.now();
  const chunk = 100_000;
  for (let from = 1; from <= N; from += chunk) {
    const to = Math.min(N, from + chunk - 1);
    await db.execute(sql.raw(syntheticEntitiesSql(from, to, a, b)));
    process.stderr.write(`\r${label}: ${to.toLocaleString('en')} / ${N.toLocaleString('en')} rows`);
  }
  const filled = performance.now();
  // The steady state of a loaded directory: PostgreSQL's autovacuum does this after a bulk
  // insert (PGlite has none: after an import run it by hand, see README). The visibility map
  // it sets lets exact totals of tens of thousands of rows be index-only scans.
  await db.execute(sql`vacuum analyze entities`);
  process.stderr.write(`\r${label}: ${N.toLocaleString('en')} rows inserted in ${((filled - t0) / 1000).toFixed(1)} s, VACUUM ANALYZE ${((performance.now() - filled) / 1000).toFixed(1)} s\n`);
}

async function measure(database: Database, engine: string): Promise<Map<string, { p50: number; p95: number; total: string }>> {
  const ctx: ServiceContext = { db: database.db, config: testConfig, now: () => new Date() };
  const results = new Map<string, { p50: number; p95: number; total: string }>();
  for (const c of cases) {
    const query = { ...c.filter, page: c.page ?? 1, pageSize: 20, sort: c.sort ?? 'name' as const };
    const times: number[] = [];
    let total = '';
    for (let i = 0; i < RUNS + 2; i++) {
      const t0 = performance.now();
      const result = await listEntitiesFor(ctx, query);
      const elapsed = performance.now() - t0;
      if (!result.ok) throw new Error(`${c.label}: ${result.failure.detail ?? result.failure.kind}`);
      if (i >= 2) times.push(elapsed); // two warm-up runs
      total = result.value.totalExact ? String(result.value.total) : `~${result.value.total}`;
    }
    results.set(c.label, { p50: pct(times, 50), p95: pct(times, 95), total });
    if (args.plans) {
      const where = entityWhere(c.filter);
      const { indexOrder } = await pagePlan(database.db, where);
      const plan = await database.db.execute(sql`explain ${listEntitiesQuery(database.db, where, c.sort ?? 'name', 20, ((c.page ?? 1) - 1) * 20, indexOrder)}`);
      console.error(`--- ${engine}: ${c.label}\n${rowsOf<Record<string, string>>(plan).map((r) => Object.values(r)[0]).join('\n')}`);
    }
    process.stderr.write(`${engine}: ${c.label}: p50 ${ms(pct(times, 50))} ms, p95 ${ms(pct(times, 95))} ms, total ${total}\n`);
  }
  return results;
}


const columns: { engine: string; results: Map<string, { p50: number; p95: number; total: string }> }[] = [];
if (!args['no-pglite']) {
  const database = await openDatabase({ dataDir: '', inMemory: true });
  try {
    await fill(database, 'PGlite');
    columns.push({ engine: 'PGlite', results: await measure(database, 'PGlite') });
  } finally {
    await database.close();
  }
}
if (!args['no-pg']) {
  await withBenchPostgres(BENCH_DB, async (database) => {
    const version = rowsOf<{ v: string }>(await database.db.execute(sql`select current_setting('server_version') as v`))[0]?.v ?? '?';
    await fill(database, `PostgreSQL ${version}`);
    columns.push({ engine: `PostgreSQL ${version.split(' ')[0]}`, results: await measure(database, 'PostgreSQL') });
  });
}

const header = ['filter (page of 20 + total)', 'matching', ...columns.flatMap((c) => [`${c.engine} p50 ms`, `${c.engine} p95 ms`])];
const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i < 2 ? ' --- ' : ' ---: ')).join('|')}|`];
for (const c of cases) {
  const first = columns[0]?.results.get(c.label);
  lines.push(`| ${[c.label, first?.total ?? '', ...columns.flatMap((col) => {
    const r = col.results.get(c.label);
    return r ? [ms(r.p50), ms(r.p95)] : ['', ''];
  })].join(' | ')} |`);
}
// The machine is shared: the load average puts the absolute times in context.
console.log(`\n${N.toLocaleString('en')} entities, ${RUNS} runs per filter after 2 warm-up runs; load average at the end ${loadavg().map((x) => x.toFixed(2)).join(' / ')}\n`);
console.log(lines.join('\n'));
