import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { users } from '../../db/schema.ts';
import { taskArchives } from '../../db/schema-archives.ts';
import { evidenceFiles, followUps, inspectionSignatures } from '../../db/schema-inspections.ts';

export type ArchiveMeta = Omit<typeof taskArchives.$inferSelect, 'content'> & { createdByName: string | null };

const metaColumns = {
  id: taskArchives.id, taskId: taskArchives.taskId, drawId: taskArchives.drawId, fileName: taskArchives.fileName,
  manifestSha256: taskArchives.manifestSha256, zipSha256: taskArchives.zipSha256, fileCount: taskArchives.fileCount, size: taskArchives.size,
  createdBy: taskArchives.createdBy, createdAt: taskArchives.createdAt, createdByName: users.displayName,
};

export async function archiveOfTask(db: Db, taskId: string): Promise<ArchiveMeta | undefined> {
  const [row] = await db.select(metaColumns).from(taskArchives).leftJoin(users, eq(users.id, taskArchives.createdBy)).where(eq(taskArchives.taskId, taskId));
  return row;
}

export async function archiveContent(db: Db, taskId: string): Promise<{ fileName: string; content: Uint8Array } | undefined> {
  const [row] = await db.select({ fileName: taskArchives.fileName, content: taskArchives.content }).from(taskArchives).where(eq(taskArchives.taskId, taskId));
  return row;
}

/** Inserts the archive unless the task already has one (two concurrent requests: one wins). */
export async function insertArchive(db: Db, values: typeof taskArchives.$inferInsert): Promise<boolean> {
  const rows = await db.insert(taskArchives).values(values).onConflictDoNothing({ target: taskArchives.taskId }).returning({ id: taskArchives.id });
  return rows.length === 1;
}

export async function isTaskArchived(db: Db, taskId: string): Promise<boolean> {
  const rows = await db.select({ id: taskArchives.id }).from(taskArchives).where(eq(taskArchives.taskId, taskId));
  return rows.length > 0;
}

/** Every follow-up of the inspections, every column (the status decides completeness; the rest goes to followups.json). */
export async function followUpsOfInspections(db: Db, inspectionIds: readonly string[]): Promise<(typeof followUps.$inferSelect)[]> {
  if (inspectionIds.length === 0) return [];
  return db.select().from(followUps).where(inArray(followUps.inspectionId, [...inspectionIds])).orderBy(asc(followUps.createdAt), asc(followUps.id));
}

/** Evidence files with their bytes, in upload order. */
export async function evidenceWithContent(db: Db, inspectionId: string): Promise<{ id: string; fileName: string; content: Uint8Array }[]> {
  return db.select({ id: evidenceFiles.id, fileName: evidenceFiles.fileName, content: evidenceFiles.content }).from(evidenceFiles)
    .where(eq(evidenceFiles.inspectionId, inspectionId)).orderBy(asc(evidenceFiles.createdAt), asc(evidenceFiles.id));
}

/** On-screen signatures (PNG); a paper form is an evidence file and is archived as such. */
export async function signatureImages(db: Db, inspectionId: string): Promise<{ id: string; image: Uint8Array }[]> {
  const rows = await db.select({ id: inspectionSignatures.id, image: inspectionSignatures.image }).from(inspectionSignatures)
    .where(and(eq(inspectionSignatures.inspectionId, inspectionId), isNotNull(inspectionSignatures.image)))
    .orderBy(asc(inspectionSignatures.signedAt), asc(inspectionSignatures.id));
  return rows.flatMap((r) => (r.image ? [{ id: r.id, image: r.image }] : []));
}
