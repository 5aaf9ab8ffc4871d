import { and, eq, lte, ne, or } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { departments, sessions, users } from '../../db/schema.ts';

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(db: Db, values: typeof sessions.$inferInsert): Promise<SessionRow> {
  const [row] = await db.insert(sessions).values(values).returning();
  if (!row) throw new Error('insert into sessions returned no row');
  return row;
}

export async function findSessionWithUser(db: Db, tokenHash: string) {
  const [row] = await db
    .select({
      session: sessions,
      user: {
        id: users.id, username: users.username, displayName: users.displayName, roles: users.roles,
        departmentId: users.departmentId, active: users.active, mustChangePassword: users.mustChangePassword,
      },
      departmentName: departments.name,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(sessions.tokenHash, tokenHash));
  return row;
}

export async function touchSession(db: Db, id: string, lastSeenAt: Date, idleExpiresAt: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt, idleExpiresAt }).where(eq(sessions.id, id));
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of a user, except `keepId` when given. */
export async function deleteSessionsOfUser(db: Db, userId: string, keepId?: string): Promise<void> {
  await db.delete(sessions).where(keepId ? and(eq(sessions.userId, userId), ne(sessions.id, keepId)) : eq(sessions.userId, userId));
}

/** Removes a user's sessions that have expired (idle or absolute) by `now`. */
export async function deleteExpiredSessionsOfUser(db: Db, userId: string, now: Date): Promise<void> {
  await db.delete(sessions).where(and(
    eq(sessions.userId, userId),
    or(lte(sessions.idleExpiresAt, now), lte(sessions.absoluteExpiresAt, now)),
  ));
}
