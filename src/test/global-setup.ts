// Once per test run: one migrated PGlite database, dumped to a file that every test file's
// createTestDatabase loads (~0.4 s) instead of migrating its own (~2–3 s each, ~100 files).
// Skipped when DATABASE_URL points the tests at PostgreSQL.
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, pgliteClientOf } from '../server/db/database.ts';
import { pgliteTemplateEnv } from '../server/test/test-db.ts';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.DATABASE_URL) return undefined;
  const database = await openDatabase({ dataDir: '', inMemory: true });
  const client = pgliteClientOf(database.db);
  if (!client) throw new Error('the test template must be PGlite');
  const dump = await client.dumpDataDir('none');
  await database.close();
  const file = path.join(tmpdir(), `suiji-test-pglite-${process.pid}.tar`);
  await writeFile(file, new Uint8Array(await dump.arrayBuffer()));
  process.env[pgliteTemplateEnv] = file;
  return async () => {
    await rm(file, { force: true });
  };
}
