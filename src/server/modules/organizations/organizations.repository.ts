import { asc, count, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { departments } from '../../db/schema.ts';

export type DepartmentRow = typeof departments.$inferSelect;

export function listDepartments(db: Db): Promise<DepartmentRow[]> {
  return db.select().from(departments).orderBy(asc(departments.sortOrder), asc(departments.code));
}

export async function findDepartmentById(db: Db, id: string): Promise<DepartmentRow | undefined> {
  const [row] = await db.select().from(departments).where(eq(departments.id, id));
  return row;
}

export async function findDepartmentByCode(db: Db, code: string): Promise<DepartmentRow | undefined> {
  const [row] = await db.select().from(departments).where(eq(departments.code, code));
  return row;
}

export async function findRootDepartment(db: Db): Promise<DepartmentRow | undefined> {
  const [row] = await db.select().from(departments).where(isNull(departments.parentId))
    .orderBy(asc(departments.sortOrder), asc(departments.createdAt)).limit(1);
  return row;
}

export async function insertDepartment(db: Db, values: typeof departments.$inferInsert): Promise<DepartmentRow> {
  const [row] = await db.insert(departments).values(values).returning();
  if (!row) throw new Error('insert into departments returned no row');
  return row;
}

export async function updateDepartment(db: Db, id: string, values: Partial<typeof departments.$inferInsert>): Promise<DepartmentRow | undefined> {
  const [row] = await db.update(departments).set(values).where(eq(departments.id, id)).returning();
  return row;
}

export async function countDepartments(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(departments);
  return Number(row?.n ?? 0);
}
