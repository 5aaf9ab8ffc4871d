import { and, count, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { users } from '../../db/schema.ts';
import { entities } from '../../db/schema-directory.ts';
import { callbacks } from '../../db/schema-oversight.ts';
import { tasks } from '../../db/schema-plans.ts';

export type CallbackInsert = typeof callbacks.$inferInsert;

export interface CallbackFilter {
  year?: number | undefined;
  entityId?: string | undefined;
  concernsOnly?: boolean | undefined;
}

const listColumns = {
  callback: callbacks,
  entityName: entities.name,
  entityUscc: entities.uscc,
  taskCode: tasks.code,
  taskName: tasks.name,
  recordedByName: users.displayName,
};

function conditionsOf(filter: CallbackFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.year !== undefined) {
    conditions.push(gte(callbacks.calledOn, `${filter.year}-01-01`), lt(callbacks.calledOn, `${filter.year + 1}-01-01`));
  }
  if (filter.entityId) conditions.push(eq(callbacks.entityId, filter.entityId));
  if (filter.concernsOnly) {
    const concern = or(eq(callbacks.announcedInAdvance, true), eq(callbacks.certificatesShown, false),
      eq(callbacks.improperRequests, true), eq(callbacks.satisfaction, 'dissatisfied'));
    if (concern) conditions.push(concern);
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}

export async function listCallbacks(db: Db, filter: CallbackFilter, page: number, pageSize: number) {
  const where = conditionsOf(filter);
  const items = await db.select(listColumns).from(callbacks)
    .innerJoin(entities, eq(entities.id, callbacks.entityId))
    .leftJoin(tasks, eq(tasks.id, callbacks.taskId))
    .leftJoin(users, eq(users.id, callbacks.recordedBy))
    .where(where)
    .orderBy(desc(callbacks.calledOn), desc(callbacks.createdAt))
    .limit(pageSize).offset((page - 1) * pageSize);
  const [row] = await db.select({ n: count() }).from(callbacks).where(where);
  return { items, total: Number(row?.n ?? 0) };
}

export type CallbackListRow = Awaited<ReturnType<typeof listCallbacks>>['items'][number];

export async function findCallback(db: Db, id: string): Promise<CallbackListRow | undefined> {
  const [row] = await db.select(listColumns).from(callbacks)
    .innerJoin(entities, eq(entities.id, callbacks.entityId))
    .leftJoin(tasks, eq(tasks.id, callbacks.taskId))
    .leftJoin(users, eq(users.id, callbacks.recordedBy))
    .where(eq(callbacks.id, id));
  return row;
}

export async function callbackFactsOfYear(db: Db, year: number) {
  return db.select({
    announcedInAdvance: callbacks.announcedInAdvance, certificatesShown: callbacks.certificatesShown,
    improperRequests: callbacks.improperRequests, satisfaction: callbacks.satisfaction,
  }).from(callbacks).where(conditionsOf({ year }));
}

export async function insertCallback(db: Db, values: CallbackInsert): Promise<string> {
  const [row] = await db.insert(callbacks).values(values).returning({ id: callbacks.id });
  if (!row) throw new Error('insert callbacks returned nothing');
  return row.id;
}

export async function entityExists(db: Db, id: string): Promise<boolean> {
  const [row] = await db.select({ id: entities.id }).from(entities).where(eq(entities.id, id));
  return row !== undefined;
}

export async function taskExists(db: Db, id: string): Promise<boolean> {
  const [row] = await db.select({ id: tasks.id }).from(tasks).where(eq(tasks.id, id));
  return row !== undefined;
}
