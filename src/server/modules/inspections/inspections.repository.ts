import { and, asc, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { drawTeamColumns, type DrawTeamRow } from '../draws/draw-columns.ts';
import type { Db } from '../../db/database.ts';
import { entities, officers } from '../../db/schema-directory.ts';
import {
  evidenceFiles, evidenceThumbnails, followUps, inspectionAnswers, inspectionResults, inspectionReviews, inspections, inspectionSignatures,
  type ChecklistItemJson,
} from '../../db/schema-inspections.ts';
import { draws, tasks } from '../../db/schema-plans.ts';
import { closedLoopByInspection } from '../followups/followups.closed-loop.ts';

export type InspectionRow = typeof inspections.$inferSelect;
export type AnswerRow = typeof inspectionAnswers.$inferSelect;
export type EvidenceMeta = Omit<typeof evidenceFiles.$inferSelect, 'content'>;
export type ThumbnailRow = typeof evidenceThumbnails.$inferSelect;
export type SignatureMeta = Omit<typeof inspectionSignatures.$inferSelect, 'image'>;
export type ResultRow = typeof inspectionResults.$inferSelect;
export type ReviewRow = typeof inspectionReviews.$inferSelect;

/** The columns of a draw an inspection needs (never the frozen candidate lists, which can be huge). */

export async function drawRef(db: Db, id: string): Promise<DrawTeamRow | undefined> {
  const [row] = await db.select(drawTeamColumns).from(draws).where(eq(draws.id, id));
  return row;
}


/** Completed draws of tasks organised by, or involving, a department (all when departmentId is null). */
export async function completedDrawsOfDepartment(db: Db, departmentId: string | null): Promise<DrawTeamRow[]> {
  const involved = departmentId === null ? undefined
    : or(eq(tasks.organizerDepartmentId, departmentId), sql`${departmentId}::uuid = any(${tasks.participatingDepartmentIds})`);
  return db.select(drawTeamColumns).from(draws).innerJoin(tasks, eq(tasks.id, draws.taskId))
    .where(and(eq(draws.status, 'completed'), involved)).orderBy(desc(draws.drawnAt));
}

export async function officerKeysOfUser(db: Db, userId: string): Promise<string[]> {
  const rows = await db.select({ key: officers.key }).from(officers).where(eq(officers.userId, userId));
  return rows.map((r) => r.key);
}

export async function inspectionsOfDraws(db: Db, drawIds: readonly string[]): Promise<InspectionRow[]> {
  if (drawIds.length === 0) return [];
  return db.select().from(inspections).where(inArray(inspections.drawId, [...drawIds]));
}

/** Opens the inspections of a draw's objects that do not exist yet (lazily, on first access; idempotent). */
export async function insertMissingInspections(db: Db, rows: { drawId: string; taskId: string; objectKey: string; checklist: ChecklistItemJson[] }[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(inspections).values(rows).onConflictDoNothing({ target: [inspections.drawId, inspections.objectKey] });
}

export async function findInspection(db: Db, id: string): Promise<InspectionRow | undefined> {
  const [row] = await db.select().from(inspections).where(eq(inspections.id, id));
  return row;
}

/** Updates the inspection only while it has one of the expected statuses (two requests cannot both pass). */
export async function updateInspectionIf(db: Db, id: string, expected: readonly string[], values: Partial<typeof inspections.$inferInsert>): Promise<boolean> {
  const rows = await db.update(inspections).set(values).where(and(eq(inspections.id, id), inArray(inspections.status, [...expected]))).returning({ id: inspections.id });
  return rows.length === 1;
}

export async function answersOf(db: Db, inspectionId: string): Promise<AnswerRow[]> {
  return db.select().from(inspectionAnswers).where(eq(inspectionAnswers.inspectionId, inspectionId));
}

export async function upsertAnswers(db: Db, rows: (typeof inspectionAnswers.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(inspectionAnswers).values(rows).onConflictDoUpdate({
    target: [inspectionAnswers.inspectionId, inspectionAnswers.itemId, inspectionAnswers.checkpointCode],
    set: { answer: sql`excluded.answer`, note: sql`excluded.note`, guidelineVersion: sql`excluded.guideline_version`, updatedAt: sql`excluded.updated_at` },
  });
}

const evidenceMetaColumns = {
  id: evidenceFiles.id, inspectionId: evidenceFiles.inspectionId, fileName: evidenceFiles.fileName, kind: evidenceFiles.kind, mime: evidenceFiles.mime,
  size: evidenceFiles.size, sha256: evidenceFiles.sha256, uploadedBy: evidenceFiles.uploadedBy, createdAt: evidenceFiles.createdAt,
};

export async function evidenceOf(db: Db, inspectionId: string): Promise<EvidenceMeta[]> {
  return db.select(evidenceMetaColumns).from(evidenceFiles).where(eq(evidenceFiles.inspectionId, inspectionId)).orderBy(asc(evidenceFiles.createdAt), asc(evidenceFiles.id));
}

export async function insertEvidence(db: Db, values: typeof evidenceFiles.$inferInsert): Promise<EvidenceMeta> {
  const [row] = await db.insert(evidenceFiles).values(values).returning(evidenceMetaColumns);
  if (!row) throw new Error('insert evidence_files returned nothing');
  return row;
}

export async function evidenceFile(db: Db, inspectionId: string, id: string): Promise<typeof evidenceFiles.$inferSelect | undefined> {
  const [row] = await db.select().from(evidenceFiles).where(and(eq(evidenceFiles.id, id), eq(evidenceFiles.inspectionId, inspectionId)));
  return row;
}

export async function deleteEvidence(db: Db, id: string): Promise<void> {
  await db.delete(evidenceFiles).where(eq(evidenceFiles.id, id));
}

export async function evidenceThumbnail(db: Db, evidenceId: string): Promise<ThumbnailRow | undefined> {
  const [row] = await db.select().from(evidenceThumbnails).where(eq(evidenceThumbnails.evidenceId, evidenceId));
  return row;
}

/** Stores a thumbnail, or (all null) that none can be made; a concurrent request's row wins. */
export async function insertEvidenceThumbnail(db: Db, values: typeof evidenceThumbnails.$inferInsert): Promise<void> {
  await db.insert(evidenceThumbnails).values(values).onConflictDoNothing();
}

const signatureMetaColumns = {
  id: inspectionSignatures.id, inspectionId: inspectionSignatures.inspectionId, signer: inspectionSignatures.signer, officerKey: inspectionSignatures.officerKey,
  signerName: inspectionSignatures.signerName, sha256: inspectionSignatures.sha256, evidenceId: inspectionSignatures.evidenceId,
  signedBy: inspectionSignatures.signedBy, signedAt: inspectionSignatures.signedAt,
};

export async function signaturesOf(db: Db, inspectionId: string): Promise<SignatureMeta[]> {
  return db.select(signatureMetaColumns).from(inspectionSignatures).where(eq(inspectionSignatures.inspectionId, inspectionId)).orderBy(asc(inspectionSignatures.signedAt));
}

/** A signer signs again (a smudged signature): the earlier one of the same signer is replaced while the result is a draft. */
export async function replaceSignature(db: Db, values: typeof inspectionSignatures.$inferInsert): Promise<void> {
  await db.delete(inspectionSignatures).where(and(
    eq(inspectionSignatures.inspectionId, values.inspectionId), eq(inspectionSignatures.signer, values.signer),
    eq(inspectionSignatures.officerKey, values.officerKey ?? ''),
  ));
  await db.insert(inspectionSignatures).values(values);
}

export async function reviewsOf(db: Db, inspectionId: string): Promise<ReviewRow[]> {
  return db.select().from(inspectionReviews).where(eq(inspectionReviews.inspectionId, inspectionId)).orderBy(asc(inspectionReviews.seq));
}

export async function insertReview(db: Db, values: typeof inspectionReviews.$inferInsert): Promise<void> {
  await db.insert(inspectionReviews).values(values);
}

export async function resultVersionsOf(db: Db, inspectionIds: readonly string[]): Promise<ResultRow[]> {
  if (inspectionIds.length === 0) return [];
  return db.select().from(inspectionResults).where(inArray(inspectionResults.inspectionId, [...inspectionIds])).orderBy(asc(inspectionResults.inspectionId), asc(inspectionResults.version));
}

export async function insertResultVersion(db: Db, values: typeof inspectionResults.$inferInsert): Promise<void> {
  await db.insert(inspectionResults).values(values);
}

/**
 * The first follow-up of a result with problems (issue #7 adds more measures): opened once,
 * owned by the task's organising department; a later correction with problems keeps it.
 */
export async function openFollowUp(db: Db, inspectionId: string, objectKey: string, at: Date): Promise<void> {
  const [existing] = await db.select({ id: followUps.id }).from(followUps).where(eq(followUps.inspectionId, inspectionId)).limit(1);
  if (existing) return;
  const [owner] = await db.select({ id: tasks.organizerDepartmentId }).from(inspections).innerJoin(tasks, eq(tasks.id, inspections.taskId)).where(eq(inspections.id, inspectionId));
  await db.insert(followUps).values({ inspectionId, objectKey, status: 'open', ownerDepartmentId: owner?.id ?? null, createdAt: at, updatedAt: at });
}

/** One row per inspection: the first follow-up and the status over all of them (closed = 已闭环, every one closed). */
export async function followUpsOf(db: Db, inspectionIds: readonly string[]): Promise<{ id: string; inspectionId: string; status: string }[]> {
  if (inspectionIds.length === 0) return [];
  const rows = await db.select({ id: followUps.id, inspectionId: followUps.inspectionId, status: followUps.status }).from(followUps)
    .where(inArray(followUps.inspectionId, [...inspectionIds])).orderBy(asc(followUps.createdAt), asc(followUps.id));
  return closedLoopByInspection(rows);
}

export async function entitiesByKeys(db: Db, keys: readonly string[]) {
  if (keys.length === 0) return [];
  return db.select({ key: entities.key, name: entities.name, uscc: entities.uscc, address: entities.address, legalRepresentative: entities.legalRepresentative })
    .from(entities).where(inArray(entities.key, [...keys]));
}

// ——— Public ———

/** Keys of entities with at least one published result, matching a name fragment or an identifier. */
export async function publishedEntityKeysMatching(db: Db, q: string): Promise<string[]> {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db.selectDistinct({ key: entities.key }).from(entities)
    .innerJoin(inspectionResults, eq(inspectionResults.objectKey, entities.key))
    .where(or(ilike(entities.name, pattern), eq(entities.uscc, q.toUpperCase()), eq(entities.key, q.toUpperCase()), eq(entities.registrationNumber, q)))
    .orderBy(asc(entities.key)).limit(1000);
  return rows.map((r) => r.key);
}
