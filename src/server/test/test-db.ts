import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { openDatabase, type Database } from '../db/database.ts';

/** Set by src/test/global-setup.ts: a dump of a freshly migrated PGlite database. */
export const pgliteTemplateEnv = 'SUIJI_TEST_PGLITE_TEMPLATE';
let template: Blob | undefined;

/** The migrated template, read once per test process (migrating takes ~2–3 s a file, loading ~0.4 s). */
function pgliteTemplate(): Blob | undefined {
  const file = process.env[pgliteTemplateEnv];
  if (!template && file && existsSync(file)) template = new Blob([readFileSync(file)]);
  return template;
}

/**
 * A fresh, migrated database for one test file. PGlite in memory by default; when
 * DATABASE_URL is set (CI runs the suite again on PostgreSQL) a dedicated database
 * `suiji_test_<random>` is created through that maintenance connection and dropped on close.
 */
export async function createTestDatabase(): Promise<Database> {
  // Tests are the one place besides config.ts that read the environment: they choose the engine.
  const url = process.env.DATABASE_URL;
  if (!url) {
    const loadDataDir = pgliteTemplate();
    // Migrations still run: with the template they find nothing to do (and would catch a stale one).
    return openDatabase({ dataDir: '', inMemory: true, ...(loadDataDir ? { loadDataDir } : {}) });
  }

  const name = `suiji_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const database = await openDatabase({ dataDir: '', databaseUrl: dbUrl.toString() });
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      try {
        await dropDatabaseWhenClosed(dropper, name);
      } finally {
        await dropper.end();
      }
    },
  };
}

/**
 * pg-pool's end() resolves before its connections have closed: a forced drop right away kills
 * them mid-close, and the pool raises that as an unhandled error (57P01) in whatever test runs
 * next. So drop without force while they finish closing, and force only as a last resort.
 */
export async function dropDatabaseWhenClosed(admin: pg.Client, name: string): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      await admin.query(`drop database if exists ${name}`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  await admin.query(`drop database if exists ${name} with (force)`);
}
