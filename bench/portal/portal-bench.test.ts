import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/database.ts';
import { createTestDatabase } from '../../src/server/test/test-db.ts';
import { resultEntityIndex, runPortalBench, subjectKey } from './portal-bench.ts';

/** The portal bench at a tiny size, so it cannot rot: real answers under load, no errors. */
let database: Database;
beforeAll(async () => { database = await createTestDatabase(); });
afterAll(async () => { await database.close(); });

describe('bench/portal', () => {
  it('maps results onto subjects only', () => {
    expect(resultEntityIndex(1, 1_000_000, 100_000)).toBe(1);
    expect(resultEntityIndex(2, 1_000_000, 100_000)).toBe(11);
    expect(resultEntityIndex(100_000, 1_000_000, 100_000) % 10).toBe(1);
    expect(subjectKey(11)).toBe('911300000000000011');
  });

  it('answers every lookup with the published results and their history', async () => {
    const result = await runPortalBench(database, { entities: 3000, results: 200, connections: 4, durationSeconds: 1 });
    expect(result.lookup.total).toBeGreaterThan(0);
    expect(result.lookup.non2xx + result.lookup.errors + result.lookup.timeouts).toBe(0);
    // The cold pass requests each of the 200 USCCs once, every answer a 200.
    expect(result.cold.total).toBe(200);
    expect(result.cold.non2xx + result.cold.errors + result.cold.timeouts).toBe(0);
    expect(result.bare.requestsPerSecond).toBeGreaterThan(0);
    expect(result.sample.results).toBe(1);
    // Every tenth result (i = 10, 20, …) carries a correction; the first has one version.
    expect(result.sample.versions).toBe(1);
  }, 120_000);
});
