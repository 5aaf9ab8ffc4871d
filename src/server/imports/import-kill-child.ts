/**
 * Child process of the kill test (import-scale.test.ts): imports a file into the database of
 * SUIJI_DATA_DIR / DATABASE_URL and, once the commit transaction has applied its first slice,
 * prints COMMITTING and holds the transaction open, waiting to be killed with SIGKILL.
 * Usage: tsx src/server/imports/import-kill-child.ts <file>
 */
import path from 'node:path';
import { systemActor } from '../audit/audit-events.ts';
import { openDatabase } from '../db/database.ts';
import { findImportKind } from './import-kinds.ts';
import { importLocalFile } from './import-runner.ts';

const file = process.argv[2];
const dataDir = process.env.SUIJI_DATA_DIR;
const kind = findImportKind('entities');
if (!file || !dataDir || !kind) throw new Error('usage: SUIJI_DATA_DIR=… tsx import-kill-child.ts <file>');

const database = await openDatabase({ dataDir, databaseUrl: process.env.DATABASE_URL || undefined });
let announced = false;
await importLocalFile({ db: database.db, now: () => new Date(), filesDir: path.join(dataDir, 'imports') }, {
  kind, filePath: file, actor: systemActor, sliceRows: 500,
  ctx: { departmentId: null, userId: null, now: new Date() },
  onProgress: (event) => {
    if (event.phase !== 'committing' || event.done === 0 || announced) return;
    announced = true;
    process.stdout.write(`COMMITTING ${event.done}/${event.total}\n`);
    // Hold the open transaction (blocking the thread) until the parent kills this process.
    const until = Date.now() + 60_000;
    while (Date.now() < until) { /* wait for SIGKILL */ }
  },
});
process.stdout.write('DONE\n');
await database.close();
