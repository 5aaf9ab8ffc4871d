/*
 * The end-to-end draw over a directory of n entities, as staff run it: a task created over
 * HTTP, then freeze (冻结), seed (随机种子), draw + officer matching (the real job: the domain
 * standard, in a worker thread for big pools), each timed; the naive `ORDER BY random()`
 * over the same pool for comparison; and GET /api/health, polled from another process over
 * real HTTP while it all runs. Used by bench/draw-e2e/run.ts and, at a small n, by
 * draw-e2e.test.ts (which checks the selection against the domain so the bench cannot rot).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import type { Draw, Task } from '../../src/contracts/tasks.ts';
import { computeDraw } from '../../src/domain/draw/compute-draw.ts';
import { quotaOf } from '../../src/domain/draw/quota.ts';
import type { DrawOutput } from '../../src/domain/draw/types.ts';
import { rowsOf, type Database } from '../../src/server/db/database.ts';
import { items } from '../../src/server/db/schema-directory.ts';
import { draws } from '../../src/server/db/schema-plans.ts';
import { drawSelectionSql } from '../../src/server/draw/ticket-sql.ts';
import { buildApp } from '../../src/server/http/app.ts';
import { syntheticEntitiesSql } from '../../src/server/modules/entities/synthetic-entities.ts';
import { makeDepartment, makeSession, makeUser } from '../../src/server/test/factories.ts';
import { testConfig } from '../../src/server/test/test-app.ts';

export interface DrawE2eOptions {
  /** Entities in the directory (all in scope: an untargeted task). */
  n: number;
  /** Officers in the participating departments (a few experts and expired certificates among them). */
  officers: number;
  /** Runs of the ORDER BY random() baseline (median). */
  baselineRuns: number;
  /** Poll GET /api/health from a child process during freeze, seed and draw. */
  pollHealth: boolean;
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
}

export interface LatencyStats { count: number; failed: number; p50: number; p99: number; max: number }

export interface DrawE2eResult {
  n: number;
  pool: number;
  selected: number;
  officers: number;
  fillMs: number;
  freezeMs: number;
  seedMs: number;
  /** From POST …/draw to the draw row saying completed (the job: compute, record, audit). */
  drawMs: number;
  /** freeze + seed + draw. */
  endToEndMs: number;
  /** GET /api/v1/draws/:id once completed (the draw page: teams with names). */
  showMs: number;
  /** Median of the naive draw over the same pool and quotas (row_number … ORDER BY random()). */
  randomMs: number;
  /** The same selection computed in SQL (ticket-sql.ts) over the same pool, for reference. */
  ticketSqlMs: number;
  /** The stored selection and teams equal computeDraw over the frozen inputs. */
  selectionMatchesDomain: boolean;
  /** The frozen strata hold exactly the directory's entities in scope, not excluded, by class. */
  poolMatchesDirectory: boolean;
  /** The SQL ticket query returns the stored selection in order. */
  ticketSqlMatches: boolean;
  /** GET /api/health latency (ms): before the freeze (idle), during the freeze request, during seed + draw job, overall. */
  health: { idle: LatencyStats; freeze: LatencyStats; draw: LatencyStats; all: LatencyStats } | null;
}

// Ratios per risk class in basis points (1/3/5/10/3 %): about 3 % of the directory is drawn.
const QUOTAS = { A: { ratioBp: 100 }, B: { ratioBp: 300 }, C: { ratioBp: 500 }, D: { ratioBp: 1000 }, U: { ratioBp: 300 } } as const;
const EXCLUDED = ['deregistered', 'revoked', 'moved_out', 'closed'] as const;
const SEED = '31415926535897932384';
const DEPARTMENTS = ['运输管理科', '综合执法大队', '安全监督科'] as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export function latencyStats(samples: readonly { ms: number; ok: boolean }[]): LatencyStats {
  const sorted = samples.map((x) => x.ms).sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return { count: sorted.length, failed: samples.filter((x) => !x.ok).length, p50: at(50), p99: at(99), max: sorted.at(-1) ?? NaN };
}

/** The directory, officers, an item and a session (exported for ad hoc profiling of the steps). */
export async function fillBenchDirectory(database: Database, options: Pick<DrawE2eOptions, 'n' | 'officers' | 'log'>) {
  const db = database.db;
  const departments = [];
  for (const name of DEPARTMENTS) departments.push(await makeDepartment(db, { name }));
  const [deptA, deptB, deptC] = departments;
  if (!deptA || !deptB || !deptC) throw new Error('departments');
  const chunk = 100_000;
  for (let from = 1; from <= options.n; from += chunk) {
    const to = Math.min(options.n, from + chunk - 1);
    await db.execute(sql.raw(syntheticEntitiesSql(from, to, deptA.id, deptB.id)));
    options.log?.(`entities: ${to.toLocaleString('en')} / ${options.n.toLocaleString('en')}`);
  }
  // Officers of the three departments: 1 in 20 an expert and 1 in 33 with an expired
  // certificate (both ineligible), a third tagged 安全生产; 1 in 10 recused from one entity.
  const ids = departments.map((d) => `'${d.id}'::uuid`).join(',');
  await db.execute(sql.raw(`insert into officers (key, certificate_no, name, department_id, valid_from, valid_to, tags, category)
    select '1302' || lpad(i::text, 10, '0'), '1302' || lpad(i::text, 10, '0'), '执法员' || i, (array[${ids}])[1 + i % 3],
      date '2024-01-01', case when i % 33 = 5 then date '2025-12-31' else date '2030-12-31' end,
      case when i % 3 = 0 then array['道路运输','安全生产'] else array['道路运输'] end,
      case when i % 20 = 7 then 'expert' else 'officer' end
    from generate_series(1, ${options.officers}) as i`));
  await db.execute(sql.raw(`insert into officer_conflicts (officer_id, entity_id, reason, valid_from)
    select o.id, e.id, '近亲属任职', date '2025-01-01'
    from officers o join entities e on e.key = '9113' || lpad(((substr(o.key, 5)::int * 37 + 1) % ${options.n} + 1)::text, 14, '0')
    where substr(o.key, 5)::int % 10 = 0`));
  const [item] = await db.insert(items).values({
    code: 'BENCH-001', category: 'general', groupName: '道路运输', name: '道路运输经营者经营行为检查', legalBasis: '《道路运输条例》',
    supervisionLevel: 'county', objectType: '道路运输经营者', content: '经营行为', claimedByDepartmentId: deptA.id, claimedAt: new Date(),
  }).returning({ id: items.id });
  if (!item) throw new Error('item');
  await db.execute(sql`analyze`);
  const user = await makeUser(db, { roles: ['system_admin'], displayName: '基准测试' });
  const session = await makeSession(db, user);
  return { deptA: deptA.id, deptB: deptB.id, deptC: deptC.id, itemId: item.id, headers: session.headers };
}

/** A child process polling GET url one request at a time (10 ms apart): the server's main thread must answer it. */
function startHealthPoller(url: string) {
  const script = `
    const url = process.argv[1];
    let stop = false;
    process.stdin.on('data', () => { stop = true; });
    process.stdin.on('end', () => { stop = true; });
    while (!stop) {
      const at = Date.now(); const t0 = performance.now();
      let ok = 0;
      try { const res = await fetch(url); await res.arrayBuffer(); ok = res.status === 200 ? 1 : 0; } catch { ok = 0; }
      process.stdout.write(at + ' ' + (performance.now() - t0).toFixed(2) + ' ' + ok + '\\n');
      await new Promise((r) => setTimeout(r, 10));
    }`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, url], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    async stop(): Promise<{ at: number; ms: number; ok: boolean }[]> {
      child.stdin.end('stop\n');
      await exited;
      return out.trim().split('\n').filter(Boolean).map((line) => {
        const [at, ms, ok] = line.split(' ');
        return { at: Number(at), ms: Number(ms), ok: ok === '1' };
      });
    },
  };
}

/** Field by field: the stored output went through jsonb, which does not keep key order. */
function sameOutput(a: DrawOutput, b: DrawOutput): boolean {
  const plain = (o: DrawOutput) => JSON.stringify([
    o.order,
    o.strata.map((s) => [s.name, s.n, s.quota, s.listHash, s.selected, s.cutoffTicket]),
    o.assignments?.map((x) => [x.object, x.officers]) ?? null,
  ]);
  return plain(a) === plain(b);
}

export async function runDrawE2e(database: Database, options: DrawE2eOptions): Promise<DrawE2eResult> {
  const log = options.log ?? (() => undefined);
  let t0 = performance.now();
  const fx = await fillBenchDirectory(database, options);
  const fillMs = performance.now() - t0;
  log(`filled in ${(fillMs / 1000).toFixed(1)} s`);

  // Server errors (a 500 of a step) go to stderr with their stack; nothing else is logged.
  const app = await buildApp({ config: testConfig, database, logger: { level: 'error', stream: process.stderr }, webRoot: '/nonexistent-web' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> => {
    const res = await fetch(`${base}${path}`, {
      method, headers: { ...fx.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as T;
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return { status: res.status, json };
  };
  const poller = options.pollHealth ? startHealthPoller(`${base}/api/health`) : null;
  try {
    const task = (await call<Task>('POST', '/api/v1/tasks', {
      code: 'BENCH-2026-001', name: '基准：全域道路运输企业联合抽查', organizerDepartmentId: fx.deptA,
      participatingDepartmentIds: [fx.deptA, fx.deptB, fx.deptC], itemIds: [fx.itemId],
      strata: { kind: 'by_risk_class', quotas: QUOTAS }, exclusions: { excludedStatuses: [...EXCLUDED] },
      team: { teamSize: 2, requiredDepartmentIds: [fx.deptA, fx.deptB] }, periodFrom: '2026-03-10', periodTo: '2026-12-31',
    })).json;
    if (poller) await new Promise((r) => setTimeout(r, 1000)); // idle health samples first

    const freezeStart = Date.now();
    t0 = performance.now();
    const frozen = (await call<Draw>('POST', `/api/v1/tasks/${task.id}/freeze`)).json;
    const freezeMs = performance.now() - t0;
    log(`freeze ${(freezeMs / 1000).toFixed(2)} s`);
    const seedStart = Date.now();
    t0 = performance.now();
    await call<Draw>('POST', `/api/v1/tasks/${task.id}/seed`, { method: 'dice', digits: SEED, witnesses: ['监督员'] });
    const seedMs = performance.now() - t0;
    t0 = performance.now();
    await call<Draw>('POST', `/api/v1/tasks/${task.id}/draw`);
    let status = 'running';
    while (status === 'running') {
      await new Promise((r) => setTimeout(r, 50));
      const [row] = await database.db.select({ status: draws.status }).from(draws).where(eq(draws.id, frozen.id));
      status = row?.status ?? 'missing';
    }
    const drawMs = performance.now() - t0;
    const drawEnd = Date.now();
    if (status !== 'completed') throw new Error(`draw ended ${status}`);
    log(`draw ${(drawMs / 1000).toFixed(2)} s`);
    const samples = poller ? await poller.stop() : null;
    // What staff then open: the draw with its teams (names of every selected object and officer).
    t0 = performance.now();
    const shown = (await call<Draw>('GET', `/api/v1/draws/${frozen.id}`)).json;
    const showMs = performance.now() - t0;
    if (shown.status !== 'completed') throw new Error('draw not shown as completed');

    const [row] = await database.db.select().from(draws).where(eq(draws.id, frozen.id));
    if (!row?.output || row.seed === null) throw new Error('no output');
    const output = row.output;
    // What the domain computes from the frozen inputs (the public verification).
    const domain = computeDraw({ drawId: row.drawId, seed: row.seed, strata: row.strata, matching: row.matching });
    const selectionMatchesDomain = domain.ok && sameOutput(domain.value, output);

    // The pool by class, straight from the directory (no risk snapshots here: the class column is in force).
    const excluded = `array[${EXCLUDED.map((s) => `'${s}'`).join(',')}]`;
    const poolSql = `(select risk_class::text as stratum, key from entities where not (status = any(${excluded})))`;
    const counts = rowsOf<{ stratum: string; n: string; keys: string }>(await database.db.execute(sql.raw(
      `select stratum, count(*) as n, md5(string_agg(key, ',' order by key collate "C")) as keys from ${poolSql} p group by stratum`)));
    // Keys are ASCII here, so JavaScript's default sort is the code point order of COLLATE "C".
    const md5 = (keys: readonly string[]) => createHash('md5').update([...keys].sort().join(',')).digest('hex');
    const poolMatchesDirectory = counts.length === row.strata.filter((s) => s.candidates.length > 0).length
      && counts.every((c) => {
        const stratum = row.strata.find((s) => s.name === c.stratum);
        return stratum !== undefined && stratum.candidates.length === Number(c.n) && md5(stratum.candidates) === c.keys;
      });
    const pool = row.strata.reduce((n, s) => n + s.candidates.length, 0);

    // Baselines over the same pool and quotas.
    const names = row.strata.map((s) => s.name);
    const quotas = row.strata.map((s) => quotaOf(s.candidates.length, s.quota));
    const randomTimes: number[] = [];
    for (let i = 0; i < options.baselineRuns; i++) {
      t0 = performance.now();
      await database.db.execute(sql`select r.stratum, r.key from (
          select stratum, key, row_number() over (partition by stratum order by random()) as rank from ${sql.raw(poolSql)} p
        ) r join unnest(${`{${names.join(',')}}`}::text[], ${`{${quotas.join(',')}}`}::int[]) as q(stratum, quota) on q.stratum = r.stratum
        where r.rank <= q.quota`);
      randomTimes.push(performance.now() - t0);
    }
    log(`ORDER BY random() ${(median(randomTimes) / 1000).toFixed(2)} s`);
    const ticketQuery = drawSelectionSql(poolSql)
      .replace('$1::text', `'${row.seed}'::text`).replace('$2::text', `'${row.drawId}'::text`)
      .replace('$3::text[]', `'{${names.join(',')}}'::text[]`).replace('$4::int[]', `'{${quotas.join(',')}}'::int[]`);
    t0 = performance.now();
    const ticketRows = rowsOf<{ key: string }>(await database.db.execute(sql.raw(ticketQuery)));
    const ticketSqlMs = performance.now() - t0;
    const ticketSqlMatches = ticketRows.length === output.order.length && ticketRows.every((r, i) => r.key === output.order[i]);

    const window = (from: number, to: number) => latencyStats((samples ?? []).filter((s) => s.at >= from && s.at < to));
    return {
      n: options.n, pool, selected: output.order.length, officers: row.matching.officers.length, fillMs, freezeMs, seedMs, drawMs,
      endToEndMs: freezeMs + seedMs + drawMs, showMs, randomMs: median(randomTimes), ticketSqlMs, selectionMatchesDomain, poolMatchesDirectory,
      ticketSqlMatches,
      health: samples ? {
        idle: window(0, freezeStart), freeze: window(freezeStart, seedStart), draw: window(seedStart, drawEnd), all: window(freezeStart, drawEnd),
      } : null,
    };
  } finally {
    await app.close();
  }
}
