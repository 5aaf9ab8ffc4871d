/*
 * Draw benchmark: npx tsx bench/draw/run.ts [--n 1000000] [--objects 10000] [--officers 2000] [--runs 3]
 *                 [--no-pg] [--only domain,match,hash,sql]
 *  1. the domain draw over n candidates in four strata (A/B/C/D): time, heap, RSS;
 *  2. officer matching (suiji-match-v1), objects × officers;
 *  3. SHA-256 throughput: @noble/hashes (used by the domain, runs in browsers) vs node:crypto;
 *  4. the same draw with tickets in SQL vs a naive ORDER BY random(), on PGlite (in memory) and
 *     on PostgreSQL (DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres), in a
 *     dedicated database suiji_bench that is created and dropped.
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { sha256 } from '@noble/hashes/sha2.js';
import pg from 'pg';
import { computeDraw } from '../../src/domain/draw/compute-draw.ts';
import { matchOfficers } from '../../src/domain/draw/match.ts';
import { quotaOf } from '../../src/domain/draw/quota.ts';
import { drawTicketer, type Sha256 } from '../../src/domain/draw/ticket.ts';
import type { DrawInput, OfficerInput, StratumInput } from '../../src/domain/draw/types.ts';
import { drawSelectionSql } from '../../src/server/draw/ticket-sql.ts';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '1000000' },
    objects: { type: 'string', default: '10000' },
    officers: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '3' },
    'no-pg': { type: 'boolean', default: false },
    /** Comma-separated subset of: domain, match, hash, sql. */
    only: { type: 'string', default: 'domain,match,hash,sql' },
  },
});
const N = Number(args.n);
const OBJECTS = Number(args.objects);
const OFFICERS = Number(args.officers);
const RUNS = Math.max(1, Number(args.runs));
const SEED = '31415926535897932384';
const DRAW_ID = 'BENCH-2024-001';

const MB = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rows: string[][] = [];
function row(...cells: string[]): void {
  rows.push(cells);
  console.log(cells.join(' | '));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

// The candidate pool, generated identically in JS and SQL: key i is '9113' + i in 14 digits;
// stratum by i mod 10: 0 → A (10 %), 1–6 → B (60 %), 7–8 → C (20 %), 9 → D (10 %).
const RATIOS: Record<string, number> = { A: 100, B: 300, C: 500, D: 1000 };
const stratumOf = (i: number) => (i % 10 === 0 ? 'A' : i % 10 <= 6 ? 'B' : i % 10 <= 8 ? 'C' : 'D');
const SQL_POOL = `SELECT CASE WHEN i % 10 = 0 THEN 'A' WHEN i % 10 <= 6 THEN 'B' WHEN i % 10 <= 8 THEN 'C' ELSE 'D' END AS stratum,
  '9113' || lpad(i::text, 14, '0') AS key FROM generate_series(0, $1::int - 1) AS i`;

function pool(n: number): StratumInput[] {
  const strata = new Map<string, string[]>(['A', 'B', 'C', 'D'].map((name) => [name, []]));
  for (let i = 0; i < n; i++) strata.get(stratumOf(i))?.push(`9113${String(i).padStart(14, '0')}`);
  // Round-trip through JSON so keys are flat strings, as they come from a file or a database.
  return JSON.parse(JSON.stringify([...strata].map(([name, candidates]) => ({ name, quota: { ratioBp: RATIOS[name] ?? 0 }, candidates })))) as StratumInput[];
}

const nodeSha256: Sha256 = (bytes) => createHash('sha256').update(bytes).digest();

function domainDraw(label: string, sha?: Sha256): string[] {
  const strata = pool(N);
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = computeDraw({ drawId: DRAW_ID, seed: SEED, strata }, sha ? { sha256: sha } : {});
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const after = process.memoryUsage();
  if (!result.ok) throw new Error('draw failed');
  const selected = result.value.order.length;
  row(`domain draw (${label})`, `${N.toLocaleString('en')} candidates, 4 strata`, s(ms),
    `CPU ${s((cpu.user + cpu.system) / 1000)}; ${selected} selected; heap +${MB(after.heapUsed - before.heapUsed)}, RSS ${MB(after.rss)} (peak ${MB(process.resourceUsage().maxRSS * 1024)})`);
  return result.value.order;
}

function matching(): void {
  const departments = ['运输管理科', '综合执法大队', '工程质量监督站', '安全监督科', '路政大队'];
  const officers: OfficerInput[] = Array.from({ length: OFFICERS }, (_, i) => ({
    key: `1302${String(i).padStart(10, '0')}`,
    department: departments[i % departments.length] ?? '',
    tags: i % 3 === 0 ? ['道路运输', '安全生产'] : ['道路运输'],
  }));
  const objects = Array.from({ length: OBJECTS }, (_, i) => `9213${String(i * 7 + 3).padStart(14, '0')}`);
  const recusals: [string, string][] = objects.filter((_, i) => i % 50 === 0).map((o, i) => [`1302${String(i % OFFICERS).padStart(10, '0')}`, o]);
  for (const [label, required] of [['2 open slots', []], ['joint: 2 department slots + 1 open', ['运输管理科', '综合执法大队']]] as const) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = matchOfficers(SEED, DRAW_ID, objects, { teamSize: required.length === 0 ? 2 : 3, officers, requiredDepartments: [...required], requiredTags: ['道路运输'], recusals });
    const ms = performance.now() - t0;
    if (!result.ok) throw new Error('matching failed');
    const cpu = process.cpuUsage(cpu0);
    row('matching (@noble/hashes)', `${OBJECTS.toLocaleString('en')} objects × ${OFFICERS.toLocaleString('en')} officers, ${label}`, s(ms), `CPU ${s((cpu.user + cpu.system) / 1000)}`);
  }
}

function hashing(): void {
  const count = 300_000;
  const keys = Array.from({ length: count }, (_, i) => `9113${String(i).padStart(14, '0')}`);
  const noble = drawTicketer(SEED, DRAW_ID);
  const prefix = `suiji-draw-v1\n${SEED}\n${DRAW_ID}\n`;
  for (const k of keys.slice(0, 20_000)) noble(k); // warm up
  let t0 = performance.now();
  for (const k of keys) noble(k);
  const nobleMs = performance.now() - t0;
  t0 = performance.now();
  for (const k of keys) createHash('sha256').update(prefix + k).digest('hex');
  const nodeMs = performance.now() - t0;
  const big = new Uint8Array(64 * 2 ** 20).fill(7);
  t0 = performance.now();
  sha256(big);
  const nobleBulk = performance.now() - t0;
  t0 = performance.now();
  createHash('sha256').update(big).digest();
  const nodeBulk = performance.now() - t0;
  const rate = (ms: number) => `${((count / ms) * 1000 / 1e6).toFixed(2)} M tickets/s`;
  const bulk = (ms: number) => `${(64 / (ms / 1000)).toFixed(0)} MB/s`;
  row('SHA-256 @noble/hashes', `${count.toLocaleString('en')} tickets (~54 B) / 64 MB`, rate(nobleMs), bulk(nobleBulk));
  row('SHA-256 node:crypto', `${count.toLocaleString('en')} tickets (~54 B) / 64 MB`, rate(nodeMs), `${bulk(nodeBulk)}; noble/node ${(nobleMs / nodeMs).toFixed(1)}× on tickets`);
}

interface Sql {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

async function sqlDraw(engine: string, db: Sql, expectedOrder: string[]): Promise<void> {
  await db.query('CREATE TABLE bench_candidates (stratum text NOT NULL, key text NOT NULL)');
  let t0 = performance.now();
  await db.query(`INSERT INTO bench_candidates ${SQL_POOL}`, [N]);
  await db.query('ANALYZE bench_candidates');
  const loadMs = performance.now() - t0;
  const counts = new Map<string, number>();
  for (let i = 0; i < N; i++) counts.set(stratumOf(i), (counts.get(stratumOf(i)) ?? 0) + 1);
  const names = ['A', 'B', 'C', 'D'];
  const quotas = names.map((name) => quotaOf(counts.get(name) ?? 0, { ratioBp: RATIOS[name] ?? 0 }));
  const ticketSql = drawSelectionSql('bench_candidates');
  const randomSql = `SELECT r.stratum, r.key FROM (
  SELECT stratum, key, row_number() OVER (PARTITION BY stratum ORDER BY random()) AS rank FROM bench_candidates
) r JOIN unnest($1::text[], $2::int[]) AS q(stratum, quota) ON q.stratum = r.stratum WHERE r.rank <= q.quota`;
  const ticketTimes: number[] = [];
  const randomTimes: number[] = [];
  let agrees = false;
  for (let run = 0; run < RUNS; run++) {
    t0 = performance.now();
    const { rows: selected } = await db.query(ticketSql, [SEED, DRAW_ID, names, quotas]);
    ticketTimes.push(performance.now() - t0);
    agrees = selected.length === expectedOrder.length && selected.every((r, i) => r.key === expectedOrder[i]);
    t0 = performance.now();
    await db.query(randomSql, [names, quotas]);
    randomTimes.push(performance.now() - t0);
  }
  const ticketMs = median(ticketTimes);
  const randomMs = median(randomTimes);
  row(`${engine}: tickets in SQL`, `${N.toLocaleString('en')} rows (load ${s(loadMs)})`, s(ticketMs), `same selection as the domain: ${agrees ? 'yes' : 'NO'}`);
  row(`${engine}: ORDER BY random()`, `${N.toLocaleString('en')} rows`, s(randomMs), `ratio tickets/random ${(ticketMs / randomMs).toFixed(2)}× (goal ≤ 2×)`);
}

async function postgres(expectedOrder: string[]): Promise<void> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    row('PostgreSQL', 'not reachable', '-', error instanceof Error ? error.message : String(error));
    return;
  }
  const { rows: version } = await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v");
  await admin.query('DROP DATABASE IF EXISTS suiji_bench');
  await admin.query('CREATE DATABASE suiji_bench');
  const target = new URL(url);
  target.pathname = '/suiji_bench';
  const client = new pg.Client({ connectionString: target.toString() });
  try {
    await client.connect();
    await sqlDraw(`PostgreSQL ${version[0]?.v ?? ''}`, client, expectedOrder);
  } finally {
    await client.end();
    await admin.query('DROP DATABASE IF EXISTS suiji_bench');
    await admin.end();
  }
}

console.log(`node ${process.version}, ${(await import('node:os')).cpus().length} cores; n=${N}, objects=${OBJECTS}, officers=${OFFICERS}, runs=${RUNS}`);
const steps = new Set((args.only ?? '').split(','));
const order = steps.has('domain') || steps.has('sql') ? domainDraw('@noble/hashes') : [];
if (steps.has('domain')) domainDraw('node:crypto', nodeSha256);
if (steps.has('match')) matching();
if (steps.has('hash')) hashing();
if (steps.has('sql')) {
  const db = new PGlite();
  await sqlDraw('PGlite', db, order);
  await db.close();
  if (!args['no-pg']) await postgres(order);
}

console.log('\n| step | size | time | notes |\n| --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);

// Keep the input type honest for readers: this is the document the domain computes.
export type BenchInput = DrawInput;
