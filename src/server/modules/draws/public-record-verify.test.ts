// The acceptance of issue #5: a record downloaded from the portal verifies with `suiji verify`
// and with the shell recipe of docs/specs/draw.md (bash, sha256sum and sort only).
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../cli/main.ts';
import { parseDrawRecord } from '../../../contracts/draw.ts';
import { compareCodePoints } from '../../../domain/draw/compare-code-points.ts';
import type { DrawRecord } from '../../../domain/draw/types.ts';
import { eq } from 'drizzle-orm';
import { draws } from '../../db/schema-plans.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

const recipe = fileURLToPath(new URL('../../../../docs/specs/verify-draw.sh', import.meta.url));
const has = (command: string) => spawnSync('bash', ['-c', `command -v ${command}`]).status === 0;

let t: TestApp;
let dir: string;
let body: string;
let record: DrawRecord;

beforeAll(async () => {
  t = await createTestApp();
  expect(await seedDemo(t.database.db, t.clock.now())).toBe(true);
  dir = await mkdtemp(path.join(tmpdir(), 'suiji-portal-record-'));
  const tasks = (await t.app.inject({ method: 'GET', url: '/api/v1/public/tasks' })).json() as { items: { status: string; latestDrawId: string | null }[] };
  // The demo's task drawn to the end (dice seed, teams): the first drawn task in the list.
  const drawId = tasks.items.find((x) => x.status === 'drawn')?.latestDrawId;
  if (!drawId) throw new Error('the demo has no drawn task');
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/draws/${encodeURIComponent(drawId)}?download=1` });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-disposition']).toMatch(/^attachment;/);
  body = res.body;
  const parsed = parseDrawRecord(JSON.parse(body));
  if (!parsed.ok) throw new Error(parsed.issues.join('\n'));
  record = parsed.value;
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await t.close();
});

describe('the record downloaded from the portal', () => {
  it('holds the frozen candidate lists, which the database stores once (in the frozen strata, not again in the record)', async () => {
    const [row] = await t.database.db.select({ record: draws.record, strata: draws.strata }).from(draws).where(eq(draws.drawId, record.drawId));
    expect(row?.record?.strata.every((s) => s.candidates.length === 0)).toBe(true);
    const frozen = new Map(row?.strata.map((s) => [s.name, s.candidates]));
    expect(record.strata.reduce((n, s) => n + s.candidates.length, 0)).toBeGreaterThan(10);
    for (const stratum of record.strata) expect(stratum.candidates).toEqual(frozen.get(stratum.name));
  });

  it('verifies with `suiji verify`, and a tampered copy does not', async () => {
    const file = path.join(dir, 'record.json');
    await writeFile(file, body);
    const out: string[] = [];
    const err: string[] = [];
    expect(await main(['verify', file], { out: (s) => out.push(s), err: (s) => err.push(s) })).toBe(0);
    expect(err.join('')).toBe('');
    expect(out.join('').trim()).toBe('OK');

    const selected = record.output.strata.find((s) => s.selected.length > 0);
    if (!selected) throw new Error('nothing was selected');
    const tampered = { ...record, output: { ...record.output, strata: record.output.strata.map((s) => (s === selected ? { ...s, selected: s.selected.slice(1) } : s)) } };
    const bad = path.join(dir, 'tampered.json');
    await writeFile(bad, JSON.stringify(tampered));
    const errors: string[] = [];
    expect(await main(['verify', bad], { out: () => undefined, err: (s) => errors.push(s) })).toBe(1);
  });

  it.runIf(has('bash') && has('sha256sum'))('recomputes with docs/specs/verify-draw.sh: counts, quotas, list hashes, selections, cutoffs, order', async () => {
    // One candidates file per stratum, given in code point order of stratum names (as the recipe documents).
    const strata = [...record.strata].sort((a, b) => compareCodePoints(a.name, b.name));
    const args: string[] = [];
    for (const [i, s] of strata.entries()) {
      const file = path.join(dir, `stratum-${i}.txt`);
      await writeFile(file, s.candidates.map((k) => `${k}\n`).join(''));
      args.push(s.name, 'count' in s.quota ? `count=${s.quota.count}` : `ratioBp=${s.quota.ratioBp}`, file);
    }
    const run = spawnSync('bash', [recipe, record.seed, record.drawId, ...args], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const expected: string[] = [];
    for (const s of strata.map((x) => record.output.strata.find((o) => o.name === x.name))) {
      if (!s) throw new Error('a stratum has no output');
      expected.push(`stratum ${s.name}`, `n ${s.n}`, `quota ${s.quota}`, `listHash ${s.listHash}`);
      for (const key of s.selected) expected.push(`selected ${key}`);
      expected.push(`cutoffTicket ${s.cutoffTicket ?? ''}`);
    }
    for (const key of record.output.order) expected.push(`order ${key}`);
    // The recipe prints each selected key after its ticket; the record lists keys only.
    const lines = run.stdout.trimEnd().split('\n').map((l) => l.replace(/^selected [0-9a-f]{64} /, 'selected '));
    expect(lines).toEqual(expected);
    expect(record.output.order.length).toBeGreaterThan(0);
  }, 120_000);
});
