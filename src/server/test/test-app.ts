import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { buildApp, type BuildAppOptions } from '../http/app.ts';
import type { ZodApp } from '../http/fastify-types.ts';
import { createTestDatabase } from './test-db.ts';

export const testConfig: Config = {
  port: 0, host: '127.0.0.1', dataDir: '/nonexistent', databaseUrl: undefined, logLevel: 'silent',
  sessionIdleMinutes: 30, sessionAbsoluteHours: 12, secureCookies: false, nodeEnv: 'test',
};

/** A controllable clock for tests. */
export class TestClock {
  constructor(private current: Date = new Date('2026-03-02T09:00:00+08:00')) {}
  now = (): Date => new Date(this.current.getTime());
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestApp {
  app: ZodApp;
  database: Database;
  clock: TestClock;
  close(): Promise<void>;
}

/** An app on a fresh database with a silent logger (a stray console.error fails the test). */
export async function createTestApp(options: Partial<Omit<BuildAppOptions, 'database' | 'now'>> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = new TestClock();
  const app = await buildApp({
    config: testConfig, database, now: clock.now, logger: false, webRoot: '/nonexistent-web',
    loginRateLimit: { max: 1000, timeWindowMs: 60_000 }, ...options,
  });
  await app.ready();
  return {
    app, database, clock,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
