/*
 * Public portal benchmark (issue #6):
 *   npx tsx bench/portal/run.ts [--entities 1000000] [--results 100000] [--connections 100] [--duration 10] [--no-pg] [--no-pglite]
 *
 * For each engine — PGlite (in memory) and PostgreSQL (DATABASE_URL or
 * postgres://postgres@127.0.0.1:5432/postgres, in a dedicated database suiji_bench_portal that is
 * created and dropped by bench/support/postgres.ts) — fills the directory and the published results, then loads
 * GET /api/v1/public/results/:key (lookup by USCC) with autocannon from a child process — cold
 * (each USCC once: cache misses), then for --duration seconds (cached) — and a bare Fastify
 * route the same way. Prints requests per second, the ratio and latencies.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../src/server/db/database.ts';
import { withBenchPostgres } from '../support/postgres.ts';
import { runPortalBench, type PortalBenchResult } from './portal-bench.ts';

const { values: args } = parseArgs({
  options: {
    entities: { type: 'string', default: '1000000' },
    results: { type: 'string', default: '100000' },
    connections: { type: 'string', default: '100' },
    duration: { type: 'string', default: '10' },
    'no-pg': { type: 'boolean', default: false },
    'no-pglite': { type: 'boolean', default: false },
  },
});
const options = {
  entities: Number(args.entities), results: Number(args.results), connections: Number(args.connections),
  durationSeconds: Number(args.duration), log: (line: string) => process.stderr.write(`${line}\n`),
};
const load = () => loadavg().map((x) => x.toFixed(1)).join(' / ');

const runs: { engine: string; result: PortalBenchResult; load: string }[] = [];
if (!args['no-pglite']) {
  const database = await openDatabase({ dataDir: '', inMemory: true });
  try {
    options.log(`PGlite (load average ${load()})`);
    runs.push({ engine: 'PGlite', result: await runPortalBench(database, options), load: load() });
  } finally {
    await database.close();
  }
}
if (!args['no-pg']) {
  await withBenchPostgres('suiji_bench_portal', async (database, version) => {
    options.log(`PostgreSQL ${version} (load average ${load()})`);
    runs.push({ engine: `PostgreSQL ${version}`, result: await runPortalBench(database, options), load: load() });
  });
}

const f0 = (x: number) => x.toLocaleString('en', { maximumFractionDigits: 0 });
console.log(`\nPublic result lookup by USCC: ${f0(options.entities)} entities, ${f0(options.results)} published results, `
  + `${options.connections} connections, ${options.durationSeconds} s each (Node ${process.version})\n`);
console.log('| engine | bare Fastify req/s | cold lookup req/s (each USCC once, cache misses) | cold p50 / p99 | cached lookup req/s | lookup / bare (goal ≥ 40 %) | lookup p50 | lookup p99 (goal < 50 ms) | non-2xx | load average after |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const { engine, result, load: after } of runs) {
  const { bare, cold, lookup } = result;
  console.log(`| ${engine} | ${f0(bare.requestsPerSecond)} | ${f0(cold.requestsPerSecond)} (${(cold.requestsPerSecond / bare.requestsPerSecond * 100).toFixed(0)} %) | `
    + `${cold.latency.p50} / ${cold.latency.p99} ms | ${f0(lookup.requestsPerSecond)} | ${(result.ratio * 100).toFixed(0)} % | `
    + `${lookup.latency.p50} ms | ${lookup.latency.p99} ms | ${cold.non2xx + cold.errors + lookup.non2xx + lookup.errors} | ${after} |`);
}
for (const { engine, result } of runs) {
  console.log(`\n${engine}: sample ${result.sample.key} → ${result.sample.results} result(s), ${result.sample.versions} version(s); fill ${(result.fillMs / 1000).toFixed(1)} s`);
}
