/*
 * End-to-end draw benchmark (issue #5):
 *   npx tsx bench/draw-e2e/run.ts [--n 1000000] [--officers 300] [--runs 3] [--no-pg] [--no-pglite]
 *
 * For each engine — PGlite (in memory) and PostgreSQL (DATABASE_URL or
 * postgres://postgres@127.0.0.1:5432/postgres, in a dedicated database suiji_bench_draw_e2e that
 * is created and dropped) — fills n synthetic entities and an officer pool, then runs a task
 * through the HTTP API of a listening server: freeze, seed, draw + matching (the real job),
 * against ORDER BY random() over the same pool, with GET /api/health polled throughout.
 * See draw-e2e.ts and README.md.
 */
import { withBenchPostgres } from '../support/postgres.ts';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../src/server/db/database.ts';
import { runDrawE2e, type DrawE2eResult, type LatencyStats } from './draw-e2e.ts';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '1000000' },
    officers: { type: 'string', default: '300' },
    runs: { type: 'string', default: '3' },
    'no-pg': { type: 'boolean', default: false },
    'no-pglite': { type: 'boolean', default: false },
  },
});
const options = {
  n: Number(args.n), officers: Number(args.officers), baselineRuns: Math.max(1, Number(args.runs)), pollHealth: true,
  log: (line: string) => process.stderr.write(`${line}\n`),
};
const BENCH_DB = 'suiji_bench_draw_e2e';
const load = () => loadavg().map((x) => x.toFixed(1)).join(' / ');


const columns: { engine: string; result: DrawE2eResult; load: string }[] = [];
if (!args['no-pglite']) {
  const database = await openDatabase({ dataDir: '', inMemory: true });
  try {
    options.log(`PGlite (load average ${load()})`);
    const result = await runDrawE2e(database, options);
    columns.push({ engine: 'PGlite', result, load: load() });
  } finally {
    await database.close();
  }
}
if (!args['no-pg']) {
  await withBenchPostgres(BENCH_DB, async (database, version) => {
    options.log(`PostgreSQL ${version} (load average ${load()})`);
    const result = await runDrawE2e(database, options);
    columns.push({ engine: `PostgreSQL ${version}`, result, load: load() });
  });
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const lat = (x: LatencyStats) => `${x.p50.toFixed(0)} / ${x.p99.toFixed(0)} / ${x.max.toFixed(0)} ms (${x.count}${x.failed ? `, ${x.failed} failed` : ''})`;
const yes = (b: boolean) => (b ? 'yes' : '**NO**');
const rows: [string, (r: DrawE2eResult) => string][] = [
  ['pool (in scope, not excluded) / selected / eligible officers', (r) => `${r.pool.toLocaleString('en')} / ${r.selected.toLocaleString('en')} / ${r.officers}`],
  ['fill (entities, officers, ANALYZE)', (r) => s(r.fillMs)],
  ['freeze (POST …/freeze)', (r) => s(r.freezeMs)],
  ['seed (POST …/seed)', (r) => s(r.seedMs)],
  ['draw + matching (POST …/draw → completed)', (r) => s(r.drawMs)],
  ['**end to end** (freeze + seed + draw)', (r) => `**${s(r.endToEndMs)}**`],
  ['then GET the draw (the staff page: teams with names)', (r) => s(r.showMs)],
  ['ORDER BY random() over the same pool (median)', (r) => s(r.randomMs)],
  ['**ratio** end to end / ORDER BY random() (goal ≤ 2×)', (r) => `**${(r.endToEndMs / r.randomMs).toFixed(1)}×**`],
  ['draw + matching alone / ORDER BY random()', (r) => `${(r.drawMs / r.randomMs).toFixed(1)}×`],
  ['tickets in SQL over the same pool (reference)', (r) => s(r.ticketSqlMs)],
  ['/api/health p50 / p99 / max (samples), idle', (r) => (r.health ? lat(r.health.idle) : '-')],
  ['/api/health during the freeze', (r) => (r.health ? lat(r.health.freeze) : '-')],
  ['/api/health during seed + draw', (r) => (r.health ? lat(r.health.draw) : '-')],
  ['selection = domain over frozen inputs; pool = directory; SQL tickets agree', (r) => `${yes(r.selectionMatchesDomain)}; ${yes(r.poolMatchesDirectory)}; ${yes(r.ticketSqlMatches)}`],
];
const header = ['step', ...columns.map((c) => c.engine)];
console.log(`\n${options.n.toLocaleString('en')} entities, ${options.officers} officers; node ${process.version}; load average after each engine: ${columns.map((c) => `${c.engine} ${c.load}`).join(', ')}\n`);
console.log(`| ${header.join(' | ')} |`);
console.log(`| --- |${columns.map(() => ' ---: |').join('')}`);
for (const [label, cell] of rows) console.log(`| ${label} | ${columns.map((c) => cell(c.result)).join(' | ')} |`);
if (columns.some((c) => !c.result.selectionMatchesDomain || !c.result.poolMatchesDirectory || !c.result.ticketSqlMatches)) process.exitCode = 1;
