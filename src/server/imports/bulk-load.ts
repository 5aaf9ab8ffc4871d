import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/database.ts';

/**
 * The first load of a directory: when an import commits many rows into an EMPTY table, its
 * secondary indexes are dropped at the start of the commit transaction and built again, each
 * in one sorted pass, at its end — cheaper than maintaining a dozen indexes (two GIN) row by
 * row. It stays all-or-nothing: DROP INDEX and CREATE INDEX are transactional in PostgreSQL,
 * so a commit that fails (or a process killed mid-way) rolls the indexes back with the rows.
 * Unique and primary-key indexes are kept: the upsert and the constraints rely on them.
 * The table is locked exclusively for the rest of the transaction (readers wait; nothing of
 * the table existed to read). bench/import/README.md has the figures.
 */

/** Fewer rows than this: row-by-row maintenance is cheap enough, keep the indexes. */
export const bulkLoadMinRows = 10_000;

export interface BulkLoad {
  /** Builds the dropped indexes again (inside the same transaction), before it commits. */
  restoreIndexes(): Promise<void>;
}

/**
 * In transaction `tx`: if `table` is empty and `rows` ≥ bulkLoadMinRows, lock it, drop its
 * secondary indexes and return the bulk load; else undefined (nothing done). While it lasts,
 * the table holds only what this transaction inserted.
 */
export async function beginBulkLoad(tx: Db, table: string, rows: number): Promise<BulkLoad | undefined> {
  if (rows < bulkLoadMinRows) return undefined;
  const name = sql.identifier(table);
  const empty = async () => rowsOf<{ any: boolean }>(await tx.execute(sql`select exists (select 1 from ${name}) as any`))[0]?.any === false;
  if (!(await empty())) return undefined;
  await tx.execute(sql`lock table ${name} in access exclusive mode`);
  if (!(await empty())) return undefined; // a row arrived between the check and the lock
  const indexes = await secondaryIndexesOf(tx, table);
  if (indexes.length > 0) await tx.execute(sql`drop index ${sql.join(indexes.map((i) => sql.identifier(i.name)), sql`, `)}`);
  return {
    async restoreIndexes() {
      await tx.execute(sql`set local maintenance_work_mem = '128MB'`);
      for (const index of indexes) await tx.execute(sql.raw(index.definition));
    },
  };
}

/** The indexes of `table` that enforce nothing (not unique, not a constraint's), with their definitions. */
export async function secondaryIndexesOf(db: Db, table: string): Promise<{ name: string; definition: string }[]> {
  return rowsOf<{ name: string; definition: string }>(await db.execute(sql`
    select i.relname as name, pg_get_indexdef(x.indexrelid) as definition
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    where x.indrelid = ${table}::regclass and not x.indisunique and not x.indisprimary
      and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
    order by i.relname`));
}
