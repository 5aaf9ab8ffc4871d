import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../domain/uscc/uscc.ts';
import { systemActor } from '../audit/audit-events.ts';
import { rowsOf, type Database, type Db } from '../db/database.ts';
import { createTestDatabase } from '../test/test-db.ts';
import { beginBulkLoad, bulkLoadMinRows } from './bulk-load.ts';
import { importLocalFile } from './import-runner.ts';
import { findImportKind } from './import-kinds.ts';
import { createTestImportEnv, entitiesChecksum, type TestImportEnv } from './import-test-helpers.ts';

let database: Database;
let env: TestImportEnv;

beforeAll(async () => {
  database = await createTestDatabase();
  env = await createTestImportEnv(database.db);
});
afterAll(async () => {
  await env.cleanup();
  await database.close();
});

const rows = bulkLoadMinRows + 2_000;

async function writeFirms(name: string, count: number, nameOf: (i: number) => string): Promise<string> {
  const file = path.join(env.dir, name);
  const lines = ['统一社会信用代码,名称,重点领域,状态'];
  for (let i = 0; i < count; i++) lines.push(`${makeUscc({ subject: 50_000_000 + i })},${nameOf(i)},${i % 2 === 0 ? '安全生产、两客一危' : ''},存续`);
  await writeFile(file, lines.join('\n'));
  return file;
}

function importFile(file: string) {
  const kind = findImportKind('entities');
  if (!kind) throw new Error('no entities kind');
  return importLocalFile(env, {
    kind, filePath: file, actor: systemActor, ctx: { departmentId: null, userId: null, now: env.now() }, sliceRows: 5_000,
  });
}

async function entityIndexes(db: Db = database.db): Promise<string[]> {
  return rowsOf<{ d: string }>(await db.execute(sql`
    select pg_get_indexdef(indexrelid) as d from pg_index where indrelid = 'entities'::regclass order by 1`)).map((r) => r.d);
}

describe('the first load of an empty directory (secondary indexes built after the rows)', () => {
  it('drops only the non-unique indexes of an empty table, for a large load, and builds them again', async () => {
    const indexes = await entityIndexes();
    await database.db.transaction(async (tx) => {
      expect(await beginBulkLoad(tx, 'entities', bulkLoadMinRows - 1)).toBeUndefined();
      const bulk = await beginBulkLoad(tx, 'entities', bulkLoadMinRows);
      expect(bulk).toBeDefined();
      const during = await entityIndexes(tx);
      expect(during.length).toBeLessThan(indexes.length);
      expect(during.every((d) => d.startsWith('CREATE UNIQUE INDEX'))).toBe(true);
      await bulk?.restoreIndexes();
      expect(await entityIndexes(tx)).toEqual(indexes);
      tx.rollback();
    }).catch((error: unknown) => {
      if (!(error instanceof Error && error.message === 'Rollback')) throw error;
    });
    expect(await entityIndexes()).toEqual(indexes);
  });

  it('leaves nothing — rows or dropped indexes — when the commit fails in a later slice', async () => {
    const indexes = await entityIndexes();
    expect(indexes.length).toBeGreaterThan(5);
    // Row 11,000 (third slice of 5,000) makes the database refuse the insert.
    await database.db.execute(sql.raw(`
      create function refuse_test_entity() returns trigger language plpgsql as $$
      begin if new.name = '拒绝入库' then raise exception 'refused for the test'; end if; return new; end $$`));
    await database.db.execute(sql.raw(
      'create trigger refuse_test_entity before insert on entities for each row execute function refuse_test_entity()'));
    try {
      const file = await writeFirms('fails.csv', rows, (i) => (i === 11_000 ? '拒绝入库' : `首次导入公司${i}`));
      const outcome = await importFile(file);
      expect(outcome).toMatchObject({ status: 'failed', message: expect.stringContaining('提交失败，目录未作任何修改') as unknown });
      expect(await entitiesChecksum(database.db)).toEqual({ count: 0, md5: await emptyMd5() });
      expect(await entityIndexes()).toEqual(indexes);
    } finally {
      await database.db.execute(sql.raw('drop trigger refuse_test_entity on entities'));
      await database.db.execute(sql.raw('drop function refuse_test_entity()'));
    }
  }, 300_000);

  it('inserts every row, builds the same indexes again, and a second import changes nothing', async () => {
    const indexes = await entityIndexes();
    const file = await writeFirms('firms.csv', rows, (i) => `首次导入公司${i}`);
    const first = await importFile(file);
    expect(first).toMatchObject({ status: 'done', summary: { inserted: rows, updated: 0, unchanged: 0 } });
    expect(await entityIndexes()).toEqual(indexes);
    // The rebuilt GIN index answers the focus-area filter like the table does.
    const [counts] = rowsOf<{ n: number; focus: number }>(await database.db.execute(sql`
      select count(*)::int as n, count(*) filter (where focus_areas @> array['两客一危'])::int as focus from entities`));
    expect(counts).toEqual({ n: rows, focus: rows / 2 });
    const before = await entitiesChecksum(database.db);
    const second = await importFile(file);
    expect(second).toMatchObject({ status: 'done', summary: { inserted: 0, updated: 0, unchanged: rows } });
    expect(await entitiesChecksum(database.db)).toEqual(before);
    // A table with rows is never bulk-loaded.
    await database.db.transaction(async (tx) => {
      expect(await beginBulkLoad(tx, 'entities', rows)).toBeUndefined();
    });
  }, 300_000);
});

async function emptyMd5(): Promise<string> {
  return rowsOf<{ md5: string }>(await database.db.execute(sql`select md5('') as md5`))[0]?.md5 ?? '';
}
