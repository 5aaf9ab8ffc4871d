import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, rowsOf, type Database } from '../../src/server/db/database.ts';
import { dropDatabaseWhenClosed } from '../../src/server/test/test-db.ts';

/** The PostgreSQL server the benches use: DATABASE_URL, else the local one. */
export const benchPostgresUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Runs `fn` on a database of its own (`name`, created with the schema and dropped afterwards),
 * with the server's version for the results table.
 */
export async function withBenchPostgres<T>(name: string, fn: (database: Database, version: string) => Promise<T>): Promise<T> {
  if (!/^[a-z_][a-z0-9_]*$/u.test(name)) throw new Error(`bad database name ${name}`);
  const admin = new pg.Client({ connectionString: benchPostgresUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(benchPostgresUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ dataDir: '', databaseUrl: url.toString() });
  try {
    const version = rowsOf<{ v: string }>(await database.db.execute(sql`select current_setting('server_version') as v`))[0]?.v ?? '?';
    return await fn(database, version.split(' ')[0] ?? version);
  } finally {
    await database.close();
    await dropDatabaseWhenClosed(admin, name);
    await admin.end();
  }
}
