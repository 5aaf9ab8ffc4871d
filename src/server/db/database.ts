import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import * as foundationSchema from './schema.ts';
import * as directorySchema from './schema-directory.ts';
import * as plansSchema from './schema-plans.ts';
import * as inspectionsSchema from './schema-inspections.ts';
import * as oversightSchema from './schema-oversight.ts';
import * as statsSchema from './schema-stats.ts';
import * as archivesSchema from './schema-archives.ts';

/** Every table, one file per area (drizzle.config.ts reads the same files). */
const schema = { ...foundationSchema, ...directorySchema, ...plansSchema, ...inspectionsSchema, ...oversightSchema, ...statsSchema, ...archivesSchema };

export type Schema = typeof schema;
/** A Drizzle database or transaction on either engine (only repositories use it). */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = 'pglite' | 'postgresql';

export interface Database {
  db: Db;
  engine: Engine;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface OpenDatabaseOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** PGlite only: keep the database in memory (tests, `suiji openapi`). */
  inMemory?: boolean;
  /** PGlite in memory only: start from this data folder dump (tests: one migrated template, see src/test/global-setup.ts). */
  loadDataDir?: Blob;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
}

/** Opens PostgreSQL when a URL is given, else PGlite in `<dataDir>/pglite`, and migrates it. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const runMigrations = options.migrate ?? true;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const db = drizzlePg(pool, { schema });
    try {
      if (runMigrations) await migratePg(db, { migrationsFolder });
    } catch (error) {
      await pool.end();
      throw error;
    }
    return { db: db as unknown as Db, engine: 'postgresql', close: () => pool.end() };
  }
  let client: PGlite;
  if (options.inMemory) {
    client = options.loadDataDir ? new PGlite({ loadDataDir: options.loadDataDir }) : new PGlite();
  } else {
    const dir = path.join(options.dataDir, 'pglite');
    await mkdir(dir, { recursive: true });
    client = new PGlite(dir);
  }
  const db = drizzlePglite(client, { schema });
  try {
    if (runMigrations) await migratePglite(db, { migrationsFolder });
  } catch (error) {
    await client.close();
    throw error;
  }
  return { db: db as unknown as Db, engine: 'pglite', close: () => client.close() };
}

interface JournalEntry { idx: number; when: number; tag: string }

function readJournal(): JournalEntry[] {
  const text = readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8');
  return (JSON.parse(text) as { entries: JournalEntry[] }).entries;
}

/** The tag of the latest applied migration (e.g. `0000_foundation`), or 'none'. */
export async function schemaVersion(db: Db): Promise<string> {
  const result = await db.execute(sql`select max(created_at) as created_at from drizzle.__drizzle_migrations`);
  const latest = Number(rowsOf<{ created_at: string | number | null }>(result)[0]?.created_at ?? Number.NaN);
  if (!Number.isFinite(latest)) return 'none';
  const applied = readJournal().filter((e) => e.when <= latest).sort((a, b) => b.when - a.when);
  return applied[0]?.tag ?? 'unknown';
}

/** The rows of a raw `db.execute` result (both drivers return `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** The PGlite client behind a database opened here (not a transaction handle), if it is PGlite. */
export function pgliteClientOf(db: Db): PGlite | undefined {
  const client = (db as { $client?: unknown }).$client;
  return client instanceof PGlite ? client : undefined;
}

/**
 * COPY `text` (COPY text format: tab-separated, one row per line) into `target`
 * ("table (columns)"): the engine's bulk path — PGlite reads it as a blob (`/dev/blob`),
 * PostgreSQL from a COPY … FROM STDIN stream on a connection of the pool. Returns false
 * (nothing done) for a handle that is neither, e.g. a transaction: the caller inserts instead.
 */
export async function copyTextInto(db: Db, target: string, text: string): Promise<boolean> {
  const client = (db as { $client?: unknown }).$client;
  if (client instanceof PGlite) {
    await client.query(`copy ${target} from '/dev/blob'`, [], { blob: new Blob([text]) });
    return true;
  }
  if (client instanceof pg.Pool) {
    const connection = await client.connect();
    try {
      await pipeline(Readable.from([text]), connection.query(copyFrom(`copy ${target} from stdin`)));
    } finally {
      connection.release();
    }
    return true;
  }
  return false;
}
