import { openDatabase, type Db } from '../../../src/server/db/database.ts';
import { findImportKind } from '../../../src/server/imports/import-kinds.ts';
import { importLocalFile } from '../../../src/server/imports/import-runner.ts';
import { systemActor } from '../../../src/server/audit/audit-events.ts';
const database = await openDatabase({ dataDir: '', inMemory: true });
const db = database.db;
const origTx = db.transaction.bind(db);
(db as any).transaction = (fn: any) => origTx(async (tx: any) => {
  const exec = tx.execute.bind(tx);
  tx.execute = async (q: any) => { const t = performance.now(); const r = await exec(q); const ms = performance.now() - t; if (ms > 50) console.log('stmt', Math.round(ms), JSON.stringify(tx.dialect.sqlToQuery(q).sql.slice(0, 90))); return r; };
  return fn(tx);
});
const kind = findImportKind('entities')!;
let t = performance.now(); let c = 0;
const out = await importLocalFile({ db, now: () => new Date(), filesDir: '/tmp/prof/files' }, { kind, filePath: '/tmp/prof/e.csv', actor: systemActor, ctx: { departmentId: null, userId: null, now: new Date() }, onProgress: (p) => { if (p.phase === 'committing' && !c) { c = performance.now(); console.log('validate', Math.round(c - t)); } } });
console.log('commit+purge', Math.round(performance.now() - c), out.status);
t = performance.now();
const out2 = await importLocalFile({ db, now: () => new Date(), filesDir: '/tmp/prof/files' }, { kind, filePath: '/tmp/prof/e.csv', actor: systemActor, ctx: { departmentId: null, userId: null, now: new Date() } });
console.log('reimport', Math.round(performance.now() - t), out2.status === 'done' && out2.summary);
