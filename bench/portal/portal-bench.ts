/*
 * The public result lookup under load: GET /api/v1/public/results/:key (a USCC) on a
 * directory of `entities` entities with `results` published results (a tenth of them
 * corrected once, so with a version history), hit by `connections` connections; and the
 * same load on a bare Fastify route on the same machine, as the ceiling. The server caches
 * each object's answer (public-results.cache.ts), so the lookup is measured twice: cold —
 * each of the (up to 5,000) USCCs requested once, every request a cache miss that runs the
 * query — then for `durationSeconds` over the same USCCs, answered from the cache (the
 * steady state of a portal whose visitors look up fewer objects than the cache holds).
 * Used by bench/portal/run.ts and, at a small size, by portal-bench.test.ts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { rowsOf, type Database } from '../../src/server/db/database.ts';
import { buildApp } from '../../src/server/http/app.ts';
import { syntheticEntitiesSql } from '../../src/server/modules/entities/synthetic-entities.ts';
import { testConfig } from '../../src/server/test/test-app.ts';
import { runDrawE2e } from '../draw-e2e/draw-e2e.ts';

export interface PortalBenchOptions {
  entities: number;
  results: number;
  connections: number;
  durationSeconds: number;
  log?: (line: string) => void;
}

export interface LoadResult {
  requestsPerSecond: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p90: number; p99: number; max: number };
}

export interface PortalBenchResult {
  fillMs: number;
  bare: LoadResult;
  /** Every USCC once: each request a cache miss. */
  cold: LoadResult;
  /** `durationSeconds` over the same USCCs after the cold pass: answered from the cache. */
  lookup: LoadResult;
  /** lookup / bare requests per second. */
  ratio: number;
  /** A sample answer, to check the lookup returned real results. */
  sample: { key: string; results: number; versions: number };
}

/** The entity the i-th result (1-based) belongs to: subjects only (every tenth synthetic row is an object). */
export function resultEntityIndex(i: number, entities: number, results: number): number {
  const stride = Math.max(10, Math.floor(entities / results / 10) * 10);
  return (i - 1) * stride + 1;
}

export const subjectKey = (index: number) => `9113${String(index).padStart(14, '0')}`;

const draft = (start: number, end: number) => `(select id, task_id from draws where status = 'completed' order by created_at limit 1)`
  + ` d cross join generate_series(${start}, ${end}) as i`;

export async function fill(database: Database, options: PortalBenchOptions): Promise<void> {
  const db = database.db;
  // A real completed draw (task, teams) to hang the inspections on: the draw-e2e pipeline over a small pool.
  const seedPool = Math.min(2000, options.entities);
  await runDrawE2e(database, { n: seedPool, officers: 30, baselineRuns: 1, pollHealth: false });
  const [a, b] = rowsOf<{ id: string }>(await db.execute(sql`select id from departments order by name limit 2`));
  if (!a || !b) throw new Error('departments');
  const chunk = 100_000;
  for (let from = seedPool + 1; from <= options.entities; from += chunk) {
    const to = Math.min(options.entities, from + chunk - 1);
    await db.execute(sql.raw(syntheticEntitiesSql(from, to, a.id, b.id)));
    options.log?.(`entities: ${to.toLocaleString('en')} / ${options.entities.toLocaleString('en')}`);
  }
  const stride = Math.max(10, Math.floor(options.entities / options.results / 10) * 10);
  for (let from = 1; from <= options.results; from += chunk) {
    const to = Math.min(options.results, from + chunk - 1);
    const key = `'9113' || lpad(((i - 1) * ${stride} + 1)::text, 14, '0')`;
    await db.execute(sql.raw(`insert into inspections (draw_id, task_id, object_key, status, checklist, started_on, ended_on,
        verification_methods, codes, findings, remarks, published_version, submitted_at, first_published_at)
      select d.id, d.task_id, ${key}, 'published', '[]'::jsonb, date '2024-09-02' + (i % 20), date '2024-09-03' + (i % 20),
        array['on_site'], case when i % 7 = 0 then array['A','5'] else array['1'] end,
        case when i % 7 = 0 then '车辆未按规定年审' else '' end, '', case when i % 10 = 0 then 2 else 1 end, now(), now()
      from ${draft(from, to)}`));
    await db.execute(sql.raw(`insert into inspection_results (inspection_id, version, object_key, codes, findings, remarks, item_results,
        started_on, ended_on, verification_methods, deadline, deadline_provisional, published_on, reason)
      select s.id, v.version, s.object_key, case when v.version = 2 then array['E'] else s.codes end, s.findings, s.remarks,
        '[{"code":"JT-001","name":"道路货物运输经营者经营行为检查","result":"未发现问题"}]'::jsonb,
        s.started_on, s.ended_on, s.verification_methods, s.ended_on + 28, false, s.ended_on + 10 + v.version,
        case when v.version = 2 then '结果代码录入有误，更正' end
      from inspections s cross join lateral generate_series(1, s.published_version) as v(version)
      where s.object_key in (select ${key} from generate_series(${from}, ${to}) as i)`));
    options.log?.(`results: ${to.toLocaleString('en')} / ${options.results.toLocaleString('en')}`);
  }
  await db.execute(sql`analyze`);
}

/** `amount`: exactly that many requests instead of `durationSeconds`. */
function load(url: string, paths: readonly string[], options: PortalBenchOptions, amount?: number): Promise<LoadResult> {
  const script = fileURLToPath(new URL('./load.mjs', import.meta.url));
  const pathsFile = join(mkdtempSync(join(tmpdir(), 'suiji-bench-portal-')), 'paths.json');
  writeFileSync(pathsFile, JSON.stringify(paths));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, url, pathsFile, String(options.connections), String(options.durationSeconds), ...(amount ? [String(amount)] : [])],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited ${code}`));
      else resolve(JSON.parse(out) as LoadResult);
    });
  });
}

export async function runPortalBench(database: Database, options: PortalBenchOptions): Promise<PortalBenchResult> {
  const t0 = performance.now();
  await fill(database, options);
  const fillMs = performance.now() - t0;
  options.log?.(`filled in ${(fillMs / 1000).toFixed(1)} s`);

  // The bare ceiling: Fastify with one JSON route, in this same process.
  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => ({ ok: true }));
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;
  const bareResult = await load(bareUrl, ['/bare'], options);
  await bare.close();
  options.log?.(`bare: ${bareResult.requestsPerSecond.toFixed(0)} req/s`);

  // The load comes from one address; a portal behind a proxy sees many. Allow-list it so the
  // public rate limit (per IP) measures the lookup, not the limiter.
  const app = await buildApp({ config: testConfig, database, logger: false, webRoot: '/nonexistent-web', rateLimitAllowList: ['127.0.0.1'] });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    const keys = Array.from({ length: Math.min(options.results, 5000) }, (_, i) => subjectKey(resultEntityIndex(1 + Math.floor((i * options.results) / Math.min(options.results, 5000)), options.entities, options.results)));
    const sampleKey = keys[0] ?? subjectKey(1);
    const sample = (await (await fetch(`${base}/api/v1/public/results/${sampleKey}`)).json()) as { results: Array<{ corrections: unknown[] }> };
    // Cold: each path once (all misses but the sample's, which the fetch above cached).
    const paths = keys.map((k) => `/api/v1/public/results/${k}`);
    const cold = await load(base, paths, options, paths.length);
    options.log?.(`cold lookup: ${cold.requestsPerSecond.toFixed(0)} req/s, p99 ${cold.latency.p99} ms, non-2xx ${cold.non2xx}, errors ${cold.errors} (timeouts ${cold.timeouts})`);
    const lookup = await load(base, paths, options);
    options.log?.(`lookup: ${lookup.requestsPerSecond.toFixed(0)} req/s, p99 ${lookup.latency.p99} ms`);
    return {
      fillMs, bare: bareResult, cold, lookup, ratio: lookup.requestsPerSecond / bareResult.requestsPerSecond,
      sample: { key: sampleKey, results: sample.results.length, versions: sample.results.reduce((n, r) => n + 1 + r.corrections.length, 0) },
    };
  } finally {
    await app.close();
  }
}
