import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { departments } from '../../db/schema.ts';
import { officers } from '../../db/schema-directory.ts';
import { drawConfirmations, drawReplacements, draws } from '../../db/schema-plans.ts';
import type { DrawRow } from '../tasks/tasks.repository.ts';
import { drawHeadColumns, drawInputColumns, drawTeamColumns, type DrawHead, type DrawInputsRow, type DrawTeamRow } from './draw-columns.ts';

export type ReplacementRow = typeof drawReplacements.$inferSelect;

/** A draw without its candidate lists (see drawHeadColumns). */
export async function findDraw(db: Db, id: string): Promise<DrawHead | undefined> {
  const [row] = await db.select(drawHeadColumns).from(draws).where(eq(draws.id, id));
  return row;
}

/** A draw with its frozen candidate lists (not the record): for the job, the ticket check and 一企一表. */
export async function findDrawInputs(db: Db, where: { id: string } | { drawId: string }): Promise<DrawInputsRow | undefined> {
  const [row] = await db.select(drawInputColumns).from(draws).where('id' in where ? eq(draws.id, where.id) : eq(draws.drawId, where.drawId));
  return row;
}

/**
 * The published record of a draw. It is stored without the candidate lists, which are the
 * frozen strata stored once beside it (records written before that kept a copy: the frozen
 * lists are taken either way, they are the same immutable values).
 */
export async function findDrawRecord(db: Db, drawId: string): Promise<Pick<DrawRow, 'status' | 'record' | 'strata'> | undefined> {
  const [row] = await db.select({ status: draws.status, record: draws.record, strata: draws.strata }).from(draws).where(eq(draws.drawId, drawId));
  return row;
}

/** The name of the frozen stratum holding `key` (asked of the database: the lists stay there). */
export async function stratumOfCandidate(db: Db, id: string, key: string): Promise<string | undefined> {
  const [row] = await db.select({ name: sql<string>`e.s->>'name'` }).from(draws)
    .innerJoin(sql`jsonb_array_elements(${draws.strata}) as e(s)`, sql`(e.s->'candidates') @> to_jsonb(${key}::text)`)
    .where(eq(draws.id, id));
  return row?.name;
}

/** The task's draw that is not abandoned (at most one), if any. */
export async function activeDrawOfTask(db: Db, taskId: string): Promise<DrawHead | undefined> {
  const [row] = await db.select(drawHeadColumns).from(draws).where(and(eq(draws.taskId, taskId), sql`${draws.status} <> 'abandoned'`));
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

/** The replacements of several draws in one query, by draw, each in order. */
export async function replacementsOfDraws(db: Db, drawIds: readonly string[]): Promise<Map<string, ReplacementRow[]>> {
  const byDraw = new Map<string, ReplacementRow[]>(drawIds.map((id) => [id, []]));
  if (drawIds.length === 0) return byDraw;
  const rows = await db.select().from(drawReplacements).where(inArray(drawReplacements.drawId, [...drawIds]))
    .orderBy(asc(drawReplacements.drawId), asc(drawReplacements.seq));
  for (const row of rows) byDraw.get(row.drawId)?.push(row);
  return byDraw;
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
