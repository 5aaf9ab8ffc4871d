import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/database.ts';
import { createTestDatabase } from '../../src/server/test/test-db.ts';
import { latencyStats, runDrawE2e, type DrawE2eResult } from './draw-e2e.ts';

/**
 * The benchmark's core at a small size, so it cannot rot: the task goes through the HTTP
 * API of a listening server, the stored selection and teams are what the domain computes
 * from the frozen inputs, the frozen pool is the directory's, the SQL ticket query agrees,
 * and the health poller got answers.
 */
let database: Database;
let result: DrawE2eResult;

beforeAll(async () => {
  database = await createTestDatabase();
  result = await runDrawE2e(database, { n: 2000, officers: 40, baselineRuns: 1, pollHealth: true });
}, 120_000);
afterAll(async () => {
  await database.close();
});

describe('bench/draw-e2e core (2 000 entities)', () => {
  it('draws through the API exactly what the domain computes over the directory', () => {
    expect(result.selectionMatchesDomain).toBe(true);
    expect(result.poolMatchesDirectory).toBe(true);
    expect(result.ticketSqlMatches).toBe(true);
    // 5 % of the synthetic rows are deregistered or revoked: excluded at the freeze.
    expect(result.pool).toBe(1900);
    expect(result.selected).toBeGreaterThan(30);
    // 40 officers less the experts (i % 20 = 7) and the expired certificates (i % 33 = 5).
    expect(result.officers).toBe(36);
  });

  it('times every step and polls /api/health during the freeze and the draw', () => {
    for (const ms of [result.freezeMs, result.seedMs, result.drawMs, result.showMs, result.randomMs, result.ticketSqlMs]) expect(ms).toBeGreaterThan(0);
    expect(result.endToEndMs).toBeCloseTo(result.freezeMs + result.seedMs + result.drawMs);
    expect(result.health?.all.count).toBeGreaterThan(0);
    expect(result.health?.all.failed).toBe(0);
  });

  it('summarises latencies by rank', () => {
    const samples = Array.from({ length: 100 }, (_, i) => ({ ms: 100 - i, ok: i !== 5 }));
    expect(latencyStats(samples)).toEqual({ count: 100, failed: 1, p50: 51, p99: 100, max: 100 });
  });
});
