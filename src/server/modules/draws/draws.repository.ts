import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { departments } from '../../db/schema.ts';
import { officers } from '../../db/schema-directory.ts';
import { drawConfirmations, drawReplacements, draws } from '../../db/schema-plans.ts';
import type { DrawRow } from '../tasks/tasks.repository.ts';

export type ReplacementRow = typeof drawReplacements.$inferSelect;

export async function findDraw(db: Db, id: string): Promise<DrawRow | undefined> {
  const [row] = await db.select().from(draws).where(eq(draws.id, id));
  return row;
}

export async function findDrawByDrawId(db: Db, drawId: string): Promise<DrawRow | undefined> {
  const [row] = await db.select().from(draws).where(eq(draws.drawId, drawId));
  return row;
}

/** The task's draw that is not abandoned (at most one), if any. */
export async function activeDrawOfTask(db: Db, taskId: string): Promise<DrawRow | undefined> {
  const [row] = await db.select().from(draws).where(and(eq(draws.taskId, taskId), sql`${draws.status} <> 'abandoned'`));
  return row;
}

/** Updates the draw only while it has the expected status: two concurrent requests cannot both pass. */
export async function updateDrawIf(db: Db, id: string, expected: string, values: Partial<typeof draws.$inferInsert>): Promise<boolean> {
  const rows = await db.update(draws).set(values).where(and(eq(draws.id, id), eq(draws.status, expected))).returning({ id: draws.id });
  return rows.length === 1;
}

export async function replacementsOf(db: Db, drawId: string): Promise<ReplacementRow[]> {
  return db.select().from(drawReplacements).where(eq(drawReplacements.drawId, drawId)).orderBy(asc(drawReplacements.seq));
}

export async function insertReplacement(db: Db, values: typeof drawReplacements.$inferInsert): Promise<void> {
  await db.insert(drawReplacements).values(values);
}

export async function confirmationsOf(db: Db, drawId: string): Promise<{ departmentId: string; departmentName: string; confirmedAt: Date }[]> {
  return db.select({ departmentId: drawConfirmations.departmentId, departmentName: departments.name, confirmedAt: drawConfirmations.confirmedAt })
    .from(drawConfirmations).innerJoin(departments, eq(departments.id, drawConfirmations.departmentId))
    .where(eq(drawConfirmations.drawId, drawId));
}

export async function insertConfirmation(db: Db, values: typeof drawConfirmations.$inferInsert): Promise<boolean> {
  const rows = await db.insert(drawConfirmations).values(values).onConflictDoNothing().returning({ drawId: drawConfirmations.drawId });
  return rows.length === 1;
}

/** The officers (执法人员名录) linked to a user account: their draw keys and departments. */
export async function officersOfUser(db: Db, userId: string): Promise<{ key: string; departmentId: string }[]> {
  return db.select({ key: officers.key, departmentId: officers.departmentId }).from(officers).where(eq(officers.userId, userId));
}

/** The columns of a draw its teams need — never the frozen candidate lists (a million keys at scale). */
export const drawTeamColumns = {
  id: draws.id, drawId: draws.drawId, taskId: draws.taskId, status: draws.status, output: draws.output, matching: draws.matching,
  drawnAt: draws.drawnAt, confirmWorkdays: draws.confirmWorkdays,
};
export type DrawTeamRow = Pick<DrawRow, keyof typeof drawTeamColumns>;

/**
 * Completed draws that may name one of the keys in a team: in the stored output or as a
 * replacement. A coarse text match on the jsonb narrows the rows; the caller checks the teams.
 */
export async function completedDrawsNaming(db: Db, keys: readonly string[]): Promise<DrawTeamRow[]> {
  if (keys.length === 0) return [];
  const named = or(...keys.map((key) => sql`position(${JSON.stringify(key)} in ${draws.output}::text) > 0`));
  const replaced = db.select({ id: drawReplacements.drawId }).from(drawReplacements).where(inArray(drawReplacements.replacementOfficerKey, [...keys]));
  return db.select(drawTeamColumns).from(draws)
    .where(and(eq(draws.status, 'completed'), or(named, inArray(draws.id, replaced))))
    .orderBy(desc(draws.drawnAt));
}
