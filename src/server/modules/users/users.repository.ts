import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { departments, users } from '../../db/schema.ts';

export type UserRow = typeof users.$inferSelect;
export interface UserWithDepartment extends UserRow {
  departmentName: string | null;
}

const userColumns = {
  id: users.id, username: users.username, displayName: users.displayName, passwordHash: users.passwordHash,
  roles: users.roles, departmentId: users.departmentId, active: users.active,
  mustChangePassword: users.mustChangePassword, failedLoginCount: users.failedLoginCount,
  lockedUntil: users.lockedUntil, passwordChangedAt: users.passwordChangedAt,
  createdAt: users.createdAt, updatedAt: users.updatedAt, departmentName: departments.name,
};

function selectUsers(db: Db) {
  return db.select(userColumns).from(users).leftJoin(departments, eq(departments.id, users.departmentId));
}

export async function findUserById(db: Db, id: string): Promise<UserWithDepartment | undefined> {
  const [row] = await selectUsers(db).where(eq(users.id, id));
  return row;
}

export async function findUserByUsername(db: Db, username: string): Promise<UserWithDepartment | undefined> {
  const [row] = await selectUsers(db).where(eq(users.username, username));
  return row;
}

export interface UserFilter {
  q?: string | undefined;
  departmentId?: string | undefined;
  page: number;
  pageSize: number;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listUsers(db: Db, filter: UserFilter): Promise<{ items: UserWithDepartment[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.departmentId) conditions.push(eq(users.departmentId, filter.departmentId));
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    const match = or(ilike(users.username, pattern), ilike(users.displayName, pattern));
    if (match) conditions.push(match);
  }
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const items = await selectUsers(db).where(where).orderBy(asc(users.username))
    .limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize);
  const [totalRow] = await db.select({ n: count() }).from(users).where(where);
  return { items, total: Number(totalRow?.n ?? 0) };
}

export async function insertUser(db: Db, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error('insert into users returned no row');
  return row;
}

export async function updateUser(db: Db, id: string, values: Partial<typeof users.$inferInsert>): Promise<void> {
  await db.update(users).set(values).where(eq(users.id, id));
}

/** Adds one failed login and returns the new count (atomic, so parallel guesses all count). */
export async function incrementFailedLogins(db: Db, id: string): Promise<number> {
  const [row] = await db.update(users)
    .set({ failedLoginCount: sql`${users.failedLoginCount} + 1` })
    .where(eq(users.id, id))
    .returning({ n: users.failedLoginCount });
  return row?.n ?? 0;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return Number(row?.n ?? 0);
}
