import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { auditEvents } from '../../db/schema.ts';

export type AuditEventRow = typeof auditEvents.$inferSelect;

export interface AuditFilter {
  action?: string | undefined;
  actorId?: string | undefined;
  subjectType?: string | undefined;
  from?: Date | undefined;
  toExclusive?: Date | undefined;
  page: number;
  pageSize: number;
}

export async function listAuditEvents(db: Db, filter: AuditFilter): Promise<{ items: AuditEventRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
  if (filter.actorId) conditions.push(eq(auditEvents.actorId, filter.actorId));
  if (filter.subjectType) conditions.push(eq(auditEvents.subjectType, filter.subjectType));
  if (filter.from) conditions.push(gte(auditEvents.at, filter.from));
  if (filter.toExclusive) conditions.push(lt(auditEvents.at, filter.toExclusive));
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const items = await db.select().from(auditEvents).where(where).orderBy(desc(auditEvents.seq))
    .limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize);
  const [row] = await db.select({ n: count() }).from(auditEvents).where(where);
  return { items, total: Number(row?.n ?? 0) };
}
