import { createHash } from 'node:crypto';
import {
  inspectionStatusLabels, type CorrectionBody, type Deadline, type Evidence, type Inspection, type InspectionDraftBody, type InspectionList,
  type InspectionStatus, type SignatureBody,
} from '../../../contracts/inspections.ts';
import { createOfficialCalendar } from '../../../domain/calendar/official-data.ts';
import type { IsoDate } from '../../../domain/calendar/civil-date.ts';
import type { Assignment } from '../../../domain/draw/types.ts';
import { checkEvidence, sniffEvidenceKind } from '../../../domain/result/evidence.ts';
import { publicationDeadlineOf } from '../../../domain/result/publication-deadline.ts';
import { checkResultCodes, resultCodeLabel, type ResultCode } from '../../../domain/result/result-codes.ts';
import { chinaDate, chinaIso } from '../../../domain/task/china-time.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { AuditAction, AuditActor } from '../../audit/audit-events.ts';
import type { ChecklistItemJson, ItemResultJson } from '../../db/schema-inspections.ts';
import type { Principal } from '../../http/access.ts';
import type { ServiceContext } from '../../http/context.ts';
import { fail, ok, type FieldError, type Result } from '../../http/failures.ts';
import { refuseIfArchived } from '../archives/archived-guard.ts';
import { currentTeams } from '../draws/draws.presenter.ts';
import type { DrawTeamRow } from '../draws/draw-columns.ts';
import { completedDrawsNaming, replacementsOf, replacementsOfDraws } from '../draws/draws.repository.ts';
import { itemsByIds, latestGuidelines } from '../tasks/lookups.repository.ts';
import { findTask, officersByKeys, tasksByIds, type TaskRow } from '../tasks/tasks.repository.ts';
import { makeThumbnail, thumbnailRow } from './evidence-thumbnail.ts';
import { canReadInspection, canReviewInspection } from './inspections.policy.ts';
import {
  answersOf, completedDrawsOfDepartment, deleteEvidence, drawRef, entitiesByKeys, evidenceFile, evidenceOf, evidenceThumbnail,
  findInspection, followUpsOf, insertEvidence, insertEvidenceThumbnail, insertMissingInspections, insertResultVersion, insertReview, inspectionsOfDraws, officerKeysOfUser,
  openFollowUp, replaceSignature, resultVersionsOf, reviewsOf, signaturesOf, updateInspectionIf, upsertAnswers, type EvidenceMeta,
  type InspectionRow, type SignatureMeta,
} from './inspections.repository.ts';
import { invalidatePublicResults } from './public-results.cache.ts';

const calendar = createOfficialCalendar();
const actorOf = (principal: Principal): AuditActor => ({ id: principal.user.id, name: principal.user.displayName });
/** The states in which the team may still change the entry (暂存, or 退回 for changes). */
const editable = ['draft', 'returned'] as const;
const MAX_SIGNATURE_BYTES = 512 * 1024;

// ——— Deadline ———

/** 20 official working days after the end of the inspection; warnings at 5 and 2 days left. */
export function deadlineOf(endedOn: IsoDate | null, today: IsoDate, publishedOn: IsoDate | null): Deadline | null {
  if (endedOn === null) return null;
  const d = publicationDeadlineOf(calendar, endedOn, today, publishedOn);
  const s = d.state;
  const workdays = s.kind === 'open' || s.kind === 'warning' ? s.workdaysLeft
    : s.kind === 'overdue' ? s.workdaysOverdue : s.kind === 'published_late' ? s.workdaysLate : null;
  return { deadline: d.deadline, provisional: d.provisional, state: s.kind, workdays, warningLevel: s.kind === 'warning' ? s.level : null };
}

// ——— Opening inspections (lazily) ———

async function checklistOf(ctx: ServiceContext, task: TaskRow): Promise<ChecklistItemJson[]> {
  const [items, guidelines] = await Promise.all([itemsByIds(ctx.db, task.itemIds), latestGuidelines(ctx.db, task.itemIds)]);
  return [...items].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)).map((i) => ({
    itemId: i.id, code: i.code, name: i.name,
    guidelineVersion: guidelines.get(i.id)?.version ?? null,
    checkpoints: guidelines.get(i.id)?.checkpoints ?? [],
  }));
}

/**
 * Inspections are opened on first access (work list or detail), one per drawn object of a
 * completed draw: the draw job stays as it is, and the checklist freezes the guideline
 * versions in force when the team first opens its work (ADR 0007).
 */
async function ensureInspections(ctx: ServiceContext, drawRefs: readonly DrawTeamRow[]): Promise<InspectionRow[]> {
  const existing = await inspectionsOfDraws(ctx.db, drawRefs.map((d) => d.id));
  const have = new Set(existing.map((i) => `${i.drawId}\u0000${i.objectKey}`));
  let inserted = false;
  for (const draw of drawRefs) {
    const missing = (draw.output?.order ?? []).filter((key) => !have.has(`${draw.id}\u0000${key}`));
    if (missing.length === 0) continue;
    const task = await findTask(ctx.db, draw.taskId);
    if (!task) continue;
    const checklist = await checklistOf(ctx, task);
    await insertMissingInspections(ctx.db, missing.map((objectKey) => ({ drawId: draw.id, taskId: draw.taskId, objectKey, checklist })));
    inserted = true;
  }
  return inserted ? inspectionsOfDraws(ctx.db, drawRefs.map((d) => d.id)) : existing;
}

// ——— Loading with the team ———

interface Loaded {
  inspection: InspectionRow;
  draw: DrawTeamRow;
  task: TaskRow;
  team: Assignment | undefined;
  onTeam: boolean;
  myKeys: string[];
}

async function load(ctx: ServiceContext, principal: Principal, id: string): Promise<Result<Loaded>> {
  const inspection = await findInspection(ctx.db, id);
  if (!inspection) return fail('not_found', '检查记录不存在');
  const [draw, task, myKeys] = await Promise.all([drawRef(ctx.db, inspection.drawId), findTask(ctx.db, inspection.taskId), officerKeysOfUser(ctx.db, principal.user.id)]);
  if (!draw || !task) return fail('not_found', '检查记录所属的抽取或任务不存在');
  const team = currentTeams(draw, await replacementsOf(ctx.db, draw.id)).find((t) => t.object === inspection.objectKey);
  const onTeam = team !== undefined && team.officers.some((k) => myKeys.includes(k));
  return ok({ inspection, draw, task, team, onTeam, myKeys });
}

async function loadReadable(ctx: ServiceContext, principal: Principal, id: string): Promise<Result<Loaded>> {
  const loaded = await load(ctx, principal, id);
  if (!loaded.ok) return loaded;
  if (!canReadInspection(principal.user, loaded.value.task, loaded.value.onTeam)) return fail('forbidden', '只能查看本人所在检查组或本部门审核的检查记录');
  return loaded;
}

/** Only the drawn team enters the result (谁检查、谁录入); anyone else is refused with 403, and the attempt is audited. */
async function loadForTeam(ctx: ServiceContext, principal: Principal, id: string, attempted: string): Promise<Result<Loaded>> {
  const loaded = await load(ctx, principal, id);
  if (!loaded.ok) return loaded;
  const { inspection, onTeam } = loaded.value;
  if (!onTeam) {
    const detail = '只有抽取产生的检查组成员才能录入本检查的结果（谁检查、谁录入）';
    await ctx.db.transaction(async (tx) => {
      await appendAudit(tx, {
        actor: actorOf(principal), action: 'inspection.entry_refused', subjectType: 'inspection', subjectId: inspection.id,
        summary: `已拒绝：${detail}`, changes: { attempted, objectKey: inspection.objectKey },
      }, ctx.now());
    });
    return fail('forbidden', detail);
  }
  const archived = await refuseIfArchived(ctx.db, loaded.value.task);
  if (archived) return archived;
  if (!(editable as readonly string[]).includes(inspection.status)) {
    return fail('conflict', `检查结果当前为“${inspectionStatusLabels[inspection.status as InspectionStatus]}”，不能修改`);
  }
  return loaded;
}

async function loadForReview(ctx: ServiceContext, principal: Principal, id: string): Promise<Result<Loaded>> {
  const loaded = await load(ctx, principal, id);
  if (!loaded.ok) return loaded;
  if (!canReviewInspection(principal.user, loaded.value.task)) return fail('forbidden', '只有任务组织或参与部门的机构管理员才能审核、公示检查结果');
  return (await refuseIfArchived(ctx.db, loaded.value.task)) ?? loaded;
}

async function audit(ctx: ServiceContext, principal: Principal, inspection: InspectionRow, action: AuditAction, summary: string, changes: Record<string, unknown>, at: Date, tx = ctx.db): Promise<void> {
  await appendAudit(tx, { actor: actorOf(principal), action, subjectType: 'inspection', subjectId: inspection.id, summary, changes }, at);
}

// ——— Presenting (staff) ———

function presentEvidence(e: EvidenceMeta): Evidence {
  return { id: e.id, fileName: e.fileName, kind: e.kind as Evidence['kind'], mime: e.mime, size: e.size, sha256: e.sha256, createdAt: chinaIso(e.createdAt) };
}

function signatureStatus(team: Assignment | undefined, names: Map<string, string>, signatures: readonly SignatureMeta[]): { complete: boolean; missing: string[] } {
  if (signatures.some((s) => s.signer === 'paper_form')) return { complete: true, missing: [] };
  const signed = new Set(signatures.filter((s) => s.signer === 'officer').map((s) => s.officerKey));
  const missing = (team?.officers ?? []).filter((k) => !signed.has(k)).map((k) => `检查人员 ${names.get(k) ?? k}`);
  if (!signatures.some((s) => s.signer === 'representative')) missing.push('被检查对象代表');
  return { complete: missing.length === 0, missing };
}

async function present(ctx: ServiceContext, principal: Principal, loaded: Loaded): Promise<Inspection> {
  const { draw, task, team, onTeam } = loaded;
  const inspection = (await findInspection(ctx.db, loaded.inspection.id)) ?? loaded.inspection;
  const [answers, evidence, signatures, reviews, versions, followUps, entityRows, officerRows] = await Promise.all([
    answersOf(ctx.db, inspection.id), evidenceOf(ctx.db, inspection.id), signaturesOf(ctx.db, inspection.id), reviewsOf(ctx.db, inspection.id),
    resultVersionsOf(ctx.db, [inspection.id]), followUpsOf(ctx.db, [inspection.id]), entitiesByKeys(ctx.db, [inspection.objectKey]),
    officersByKeys(ctx.db, team?.officers ?? []),
  ]);
  const names = new Map(officerRows.map((o) => [o.key, o.name]));
  const poolDepartment = new Map(draw.matching.officers.map((o) => [o.key, o.department]));
  const answerOf = new Map(answers.map((a) => [`${a.itemId}\u0000${a.checkpointCode}`, a]));
  const entity = entityRows[0];
  const signedOfficers = new Set(signatures.filter((s) => s.signer === 'officer').map((s) => s.officerKey));
  const status = signatureStatus(team, names, signatures);
  const firstPublished = versions[0]?.publishedOn ?? null;
  const followUp = followUps[0];
  return {
    id: inspection.id, drawId: draw.drawId, drawRowId: draw.id,
    task: { id: task.id, code: task.code, name: task.name, periodFrom: task.periodFrom, periodTo: task.periodTo },
    object: { key: inspection.objectKey, name: entity?.name ?? '', address: entity?.address ?? null, legalRepresentative: entity?.legalRepresentative ?? null },
    status: inspection.status as InspectionStatus, statusLabel: inspectionStatusLabels[inspection.status as InspectionStatus],
    onTeam, canReview: canReviewInspection(principal.user, task),
    team: (team?.officers ?? []).map((key) => ({ key, name: names.get(key) ?? '', department: poolDepartment.get(key) ?? '', signed: signedOfficers.has(key) })),
    checklist: inspection.checklist.map((item) => ({
      itemId: item.itemId, code: item.code, name: item.name, guidelineVersion: item.guidelineVersion,
      checkpoints: item.checkpoints.map((c) => {
        const a = answerOf.get(`${item.itemId}\u0000${c.code}`);
        return { code: c.code, text: c.text, answer: (a?.answer ?? null) as Inspection['checklist'][number]['checkpoints'][number]['answer'], note: a?.note ?? '' };
      }),
    })),
    startedOn: inspection.startedOn, endedOn: inspection.endedOn,
    verificationMethods: inspection.verificationMethods as Inspection['verificationMethods'],
    codes: inspection.codes, findings: inspection.findings, remarks: inspection.remarks,
    draftSavedAt: inspection.draftSavedAt ? chinaIso(inspection.draftSavedAt) : null,
    evidence: evidence.map(presentEvidence),
    signatures: {
      ...status,
      items: signatures.map((s) => ({
        id: s.id, signer: s.signer as 'officer', officerKey: s.signer === 'officer' ? s.officerKey : null, signerName: s.signerName,
        evidenceId: s.evidenceId, sha256: s.sha256, signedAt: chinaIso(s.signedAt),
      })),
    },
    deadline: deadlineOf(inspection.endedOn, chinaDate(ctx.now()), firstPublished),
    reviews: reviews.map((r) => ({ action: r.action, comment: r.comment, actorName: r.actorName, at: chinaIso(r.at) })),
    versions: versions.map((v) => ({ version: v.version, codes: v.codes, findings: v.findings, remarks: v.remarks, publishedOn: v.publishedOn, reason: v.reason })),
    followUp: followUp ? { id: followUp.id, status: followUp.status } : null,
  };
}

// ——— Work list ———

export async function listInspectionsFor(
  ctx: ServiceContext, principal: Principal, query: { scope: 'mine' | 'review'; status?: InspectionStatus | undefined; page: number; pageSize: number },
): Promise<Result<InspectionList>> {
  const user = principal.user;
  const myKeys = await officerKeysOfUser(ctx.db, user.id);
  let drawRefs: DrawTeamRow[];
  if (query.scope === 'mine') {
    drawRefs = await completedDrawsNaming(ctx.db, myKeys);
  } else if (user.roles.includes('system_admin')) {
    drawRefs = await completedDrawsOfDepartment(ctx.db, null);
  } else if (user.roles.includes('department_admin') && user.departmentId !== null) {
    drawRefs = await completedDrawsOfDepartment(ctx.db, user.departmentId);
  } else {
    return fail('forbidden', '只有机构管理员可以查看待审核、待公示的检查结果');
  }
  const rows = await ensureInspections(ctx, drawRefs);
  const replacements = await replacementsOfDraws(ctx.db, drawRefs.map((d) => d.id));
  const teamsByDraw = new Map<string, Map<string, Assignment>>();
  for (const draw of drawRefs) {
    const teams = currentTeams(draw, replacements.get(draw.id) ?? []);
    teamsByDraw.set(draw.id, new Map(teams.map((t) => [t.object, t])));
  }
  const onTeam = (row: InspectionRow) => teamsByDraw.get(row.drawId)?.get(row.objectKey)?.officers.some((k) => myKeys.includes(k)) ?? false;
  const selected = rows
    .filter((row) => (query.scope === 'mine' ? onTeam(row) : true))
    .filter((row) => query.status === undefined || row.status === query.status);
  const today = chinaDate(ctx.now());
  const versions = await resultVersionsOf(ctx.db, selected.filter((r) => r.publishedVersion > 0).map((r) => r.id));
  const firstPublished = new Map(versions.filter((v) => v.version === 1).map((v) => [v.inspectionId, v.publishedOn]));
  const deadlines = new Map(selected.map((row) => [row.id, deadlineOf(row.endedOn, today, firstPublished.get(row.id) ?? null)]));
  const overdue = selected.filter((row) => deadlines.get(row.id)?.state === 'overdue').length;
  const drawById = new Map(drawRefs.map((d) => [d.id, d]));
  const tasks = await tasksByIds(ctx.db, selected.map((r) => r.taskId));
  // Earliest deadline first; inspections without an end date yet last.
  selected.sort((a, b) => {
    const da = deadlines.get(a.id)?.deadline ?? '9999';
    const db = deadlines.get(b.id)?.deadline ?? '9999';
    return da < db ? -1 : da > db ? 1 : a.objectKey < b.objectKey ? -1 : a.objectKey > b.objectKey ? 1 : 0;
  });
  const page = selected.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  const names = new Map((await entitiesByKeys(ctx.db, page.map((r) => r.objectKey))).map((e) => [e.key, e.name]));
  return ok({
    items: page.map((row) => {
      const task = tasks.get(row.taskId);
      return {
        id: row.id, drawId: drawById.get(row.drawId)?.drawId ?? '',
        task: { id: row.taskId, code: task?.code ?? '', name: task?.name ?? '' },
        object: { key: row.objectKey, name: names.get(row.objectKey) ?? '' },
        status: row.status as InspectionStatus, statusLabel: inspectionStatusLabels[row.status as InspectionStatus],
        startedOn: row.startedOn, endedOn: row.endedOn, deadline: deadlines.get(row.id) ?? null, onTeam: onTeam(row),
      };
    }),
    total: selected.length, page: query.page, pageSize: query.pageSize, overdue,
  });
}

export async function getInspectionFor(ctx: ServiceContext, principal: Principal, id: string): Promise<Result<Inspection>> {
  const loaded = await loadReadable(ctx, principal, id);
  if (!loaded.ok) return loaded;
  return ok(await present(ctx, principal, loaded.value));
}

// ——— 暂存 (autosave) ———

export async function saveDraftFor(ctx: ServiceContext, principal: Principal, id: string, body: InspectionDraftBody): Promise<Result<Inspection>> {
  const loaded = await loadForTeam(ctx, principal, id, '暂存检查结果');
  if (!loaded.ok) return loaded;
  const { inspection } = loaded.value;
  const errors: FieldError[] = [];
  const checklist = new Map(inspection.checklist.map((item) => [item.itemId, item]));
  (body.answers ?? []).forEach((a, index) => {
    const item = checklist.get(a.itemId);
    if (!item) errors.push({ path: `body.answers.${index}.itemId`, message: '该检查事项不在本次检查的一企一表中' });
    else if (!item.checkpoints.some((c) => c.code === a.checkpoint)) errors.push({ path: `body.answers.${index}.checkpoint`, message: `检查事项“${item.name}”没有检查要点 ${a.checkpoint}` });
  });
  (body.codes ?? []).forEach((code, index) => {
    const problem = checkResultCodes([code]).problems.find((p) => p.code === 'unknown_code');
    if (problem) errors.push({ path: `body.codes.${index}`, message: problem.message });
  });
  const startedOn = body.startedOn === undefined ? inspection.startedOn : body.startedOn;
  const endedOn = body.endedOn === undefined ? inspection.endedOn : body.endedOn;
  if (startedOn !== null && endedOn !== null && startedOn > endedOn) errors.push({ path: 'body.endedOn', message: '检查结束日期不能早于开始日期' });
  const today = chinaDate(ctx.now());
  if (endedOn !== null && endedOn > today) errors.push({ path: 'body.endedOn', message: '检查结束日期不能晚于今天' });
  if (errors.length > 0) return fail('validation', errors.map((e) => e.message).join('；'), errors);

  const now = ctx.now();
  const changed = Object.keys(body);
  const saved = await ctx.db.transaction(async (tx) => {
    const values = {
      startedOn, endedOn, draftSavedAt: now, draftSavedBy: principal.user.id, updatedAt: now,
      ...(body.verificationMethods ? { verificationMethods: [...new Set(body.verificationMethods)] } : {}),
      ...(body.codes ? { codes: body.codes } : {}),
      ...(body.findings !== undefined ? { findings: body.findings } : {}),
      ...(body.remarks !== undefined ? { remarks: body.remarks } : {}),
    };
    if (!(await updateInspectionIf(tx, inspection.id, editable, values))) return false;
    await upsertAnswers(tx, (body.answers ?? []).map((a) => ({
      inspectionId: inspection.id, itemId: a.itemId, checkpointCode: a.checkpoint, answer: a.answer, note: a.note,
      guidelineVersion: checklist.get(a.itemId)?.guidelineVersion ?? null, updatedAt: now,
    })));
    await audit(ctx, principal, inspection, 'inspection.draft_saved', `暂存检查对象 ${inspection.objectKey} 的检查结果`,
      { fields: changed, answers: body.answers?.length ?? 0 }, now, tx);
    return true;
  });
  if (!saved) return fail('conflict', '检查结果已提交，不能再暂存');
  return ok(await present(ctx, principal, loaded.value));
}

// ——— Evidence ———

export interface UploadedFile {
  fileName: string;
  claimedMime: string;
  /** The bytes read (at most the largest limit + 1). */
  bytes: Uint8Array;
  /** The full size, when the body was larger than what was read. */
  size: number;
}

export async function addEvidenceFor(ctx: ServiceContext, principal: Principal, id: string, file: UploadedFile): Promise<Result<Evidence>> {
  const loaded = await loadForTeam(ctx, principal, id, `上传检查证据 ${file.fileName}`);
  if (!loaded.ok) return loaded;
  const { inspection } = loaded.value;
  const check = checkEvidence(file.bytes.subarray(0, 16), file.size, file.claimedMime);
  if (!check.ok) {
    const kind = check.code === 'too_large' ? 'payload_too_large' : check.code === 'empty' ? 'validation' : 'unsupported_media_type';
    return fail(kind, `${file.fileName}：${check.message}`);
  }
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  // Made before the transaction (libvips works off the event loop, tens of milliseconds). A
  // photo that passed the type check but cannot be decoded is kept all the same: the file
  // and its SHA-256 are the record, the thumbnail only a convenience (ADR 0007).
  const thumbnail = check.kind === 'pdf' ? undefined : await makeThumbnail(file.bytes);
  const now = ctx.now();
  const row = await ctx.db.transaction(async (tx) => {
    const inserted = await insertEvidence(tx, {
      inspectionId: inspection.id, fileName: file.fileName, kind: check.kind, mime: check.mime, size: file.size, sha256, content: file.bytes,
      uploadedBy: principal.user.id, createdAt: now,
    });
    if (thumbnail !== undefined) await insertEvidenceThumbnail(tx, thumbnailRow(inserted.id, thumbnail));
    await audit(ctx, principal, inspection, 'inspection.evidence_added', `上传检查证据 ${file.fileName}（${check.mime}，${file.size} 字节）`,
      { evidenceId: inserted.id, fileName: file.fileName, kind: check.kind, size: file.size, sha256 }, now, tx);
    return inserted;
  });
  return ok(presentEvidence(row));
}

export async function evidenceContentFor(ctx: ServiceContext, principal: Principal, id: string, evidenceId: string): Promise<Result<{ fileName: string; mime: string; content: Uint8Array }>> {
  const loaded = await loadReadable(ctx, principal, id);
  if (!loaded.ok) return loaded;
  const file = await evidenceFile(ctx.db, id, evidenceId);
  if (!file) return fail('not_found', '证据文件不存在');
  return ok({ fileName: file.fileName, mime: file.mime, content: file.content });
}

/** Evidence from before thumbnails gets one on its first request, stored (undefined: the file is gone). */
async function storeThumbnailOf(ctx: ServiceContext, inspectionId: string, evidenceId: string) {
  const file = await evidenceFile(ctx.db, inspectionId, evidenceId);
  if (!file) return undefined;
  const row = thumbnailRow(evidenceId, await makeThumbnail(file.content));
  await insertEvidenceThumbnail(ctx.db, row);
  return row;
}

/**
 * The thumbnail of a photo, for whoever may read the evidence itself. Evidence uploaded before
 * thumbnails existed gets one on first request (derived data, so not audited, and allowed
 * even once the task is archived). PDFs have none: the web app shows an icon.
 */
export async function evidenceThumbnailFor(ctx: ServiceContext, principal: Principal, id: string, evidenceId: string): Promise<Result<{ sha256: string; mime: string; content: Uint8Array }>> {
  const loaded = await loadReadable(ctx, principal, id);
  if (!loaded.ok) return loaded;
  const meta = (await evidenceOf(ctx.db, id)).find((e) => e.id === evidenceId);
  if (!meta) return fail('not_found', '证据文件不存在');
  if (meta.kind === 'pdf') return fail('not_found', 'PDF 文件没有缩略图，请打开原文件查看');
  const thumbnail = (await evidenceThumbnail(ctx.db, evidenceId)) ?? (await storeThumbnailOf(ctx, id, evidenceId));
  if (!thumbnail) return fail('not_found', '证据文件不存在');
  if (!thumbnail.content || !thumbnail.mime) return fail('not_found', '该照片无法解码，没有缩略图，请打开原文件查看');
  return ok({ sha256: meta.sha256, mime: thumbnail.mime, content: thumbnail.content });
}

export async function removeEvidenceFor(ctx: ServiceContext, principal: Principal, id: string, evidenceId: string): Promise<Result<Inspection>> {
  const loaded = await loadForTeam(ctx, principal, id, '删除检查证据');
  if (!loaded.ok) return loaded;
  const { inspection } = loaded.value;
  const file = (await evidenceOf(ctx.db, id)).find((e) => e.id === evidenceId);
  if (!file) return fail('not_found', '证据文件不存在');
  if ((await signaturesOf(ctx.db, id)).some((s) => s.evidenceId === evidenceId)) return fail('conflict', '该文件是已登记的纸质签字表，不能删除');
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await deleteEvidence(tx, evidenceId);
    await audit(ctx, principal, inspection, 'inspection.evidence_removed', `删除检查证据 ${file.fileName}`, { evidenceId, fileName: file.fileName, sha256: file.sha256 }, now, tx);
  });
  return ok(await present(ctx, principal, loaded.value));
}

// ——— Signatures (签字) ———

function decodePng(text: string): Uint8Array | null {
  const base64 = text.replace(/^data:image\/png;base64,/, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return null;
  const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
  return sniffEvidenceKind(bytes.subarray(0, 16)) === 'png' ? bytes : null;
}

export async function signFor(ctx: ServiceContext, principal: Principal, id: string, body: SignatureBody): Promise<Result<Inspection>> {
  const loaded = await loadForTeam(ctx, principal, id, '登记签字');
  if (!loaded.ok) return loaded;
  const { inspection, team } = loaded.value;
  let values: { signer: string; officerKey: string; signerName: string; image: Uint8Array | null; sha256: string; evidenceId: string | null };
  if (body.signer === 'paper_form') {
    const file = (await evidenceOf(ctx.db, id)).find((e) => e.id === body.evidenceId);
    if (!file) return fail('validation', '纸质签字表须先作为证据上传（PDF 或照片）', [{ path: 'body.evidenceId', message: '证据文件不存在' }]);
    values = { signer: 'paper_form', officerKey: '', signerName: '纸质签字表', image: null, sha256: file.sha256, evidenceId: file.id };
  } else {
    const image = decodePng(body.imagePng);
    if (!image) return fail('validation', '签名须为 PNG 图片（base64）', [{ path: 'body.imagePng', message: '不是 PNG 图片' }]);
    if (image.length > MAX_SIGNATURE_BYTES) return fail('payload_too_large', '签名图片不能超过 512 KB');
    const sha256 = createHash('sha256').update(image).digest('hex');
    if (body.signer === 'officer') {
      if (!team?.officers.includes(body.officerKey)) return fail('validation', '签字的执法人员不在本检查组中', [{ path: 'body.officerKey', message: '不在检查组中' }]);
      const officer = (await officersByKeys(ctx.db, [body.officerKey]))[0];
      values = { signer: 'officer', officerKey: body.officerKey, signerName: officer?.name ?? body.officerKey, image, sha256, evidenceId: null };
    } else {
      values = { signer: 'representative', officerKey: '', signerName: body.name, image, sha256, evidenceId: null };
    }
  }
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await replaceSignature(tx, { inspectionId: inspection.id, ...values, signedBy: principal.user.id, signedAt: now });
    // The representative's name is personal data: the audit log records that they signed, not who.
    const who = values.signer === 'officer' ? `检查人员 ${values.signerName}` : values.signer === 'representative' ? '被检查对象代表' : '纸质签字表';
    await audit(ctx, principal, inspection, 'inspection.signed', `${who}签字（检查对象 ${inspection.objectKey}）`,
      { signer: values.signer, officerKey: values.officerKey || null, sha256: values.sha256, evidenceId: values.evidenceId }, now, tx);
  });
  return ok(await present(ctx, principal, loaded.value));
}

// ——— Submit, review, publish ———

export async function submitFor(ctx: ServiceContext, principal: Principal, id: string): Promise<Result<Inspection>> {
  const loaded = await loadForTeam(ctx, principal, id, '提交检查结果');
  if (!loaded.ok) return loaded;
  const { inspection, team } = loaded.value;
  const errors: FieldError[] = [];
  if (inspection.startedOn === null) errors.push({ path: 'startedOn', message: '请填写检查开始日期' });
  if (inspection.endedOn === null) errors.push({ path: 'endedOn', message: '请填写检查结束日期' });
  if (inspection.verificationMethods.length === 0) errors.push({ path: 'verificationMethods', message: '请选择核查方式' });
  const answered = new Set((await answersOf(ctx.db, id)).map((a) => `${a.itemId}\u0000${a.checkpointCode}`));
  for (const item of inspection.checklist) {
    const open = item.checkpoints.filter((c) => !answered.has(`${item.itemId}\u0000${c.code}`));
    if (open.length > 0) errors.push({ path: `checklist.${item.code}`, message: `检查事项“${item.name}”还有 ${open.length} 个检查要点未填写` });
  }
  for (const problem of checkResultCodes(inspection.codes).problems) errors.push({ path: 'codes', message: problem.message });
  if (errors.length > 0) return fail('validation', errors.map((e) => e.message).join('；'), errors);
  const officerRows = await officersByKeys(ctx.db, team?.officers ?? []);
  const signatures = signatureStatus(team, new Map(officerRows.map((o) => [o.key, o.name])), await signaturesOf(ctx.db, id));
  if (!signatures.complete) return fail('conflict', `签字不完整，不能提交：缺少${signatures.missing.join('、')}的签字（也可上传已签字的纸质检查表）`);
  const now = ctx.now();
  const done = await ctx.db.transaction(async (tx) => {
    if (!(await updateInspectionIf(tx, id, editable, { status: 'submitted', submittedAt: now, updatedAt: now }))) return false;
    await insertReview(tx, { inspectionId: id, action: 'submitted', actorId: principal.user.id, actorName: principal.user.displayName, at: now });
    await audit(ctx, principal, inspection, 'inspection.submitted', `提交检查对象 ${inspection.objectKey} 的检查结果待审核`, { codes: inspection.codes }, now, tx);
    return true;
  });
  if (!done) return fail('conflict', '检查结果已提交');
  return ok(await present(ctx, principal, loaded.value));
}

export async function reviewFor(ctx: ServiceContext, principal: Principal, id: string, body: { decision: 'approve' | 'return'; comment: string }): Promise<Result<Inspection>> {
  const loaded = await loadForReview(ctx, principal, id);
  if (!loaded.ok) return loaded;
  const { inspection } = loaded.value;
  if (inspection.status !== 'submitted') return fail('conflict', `检查结果当前为“${inspectionStatusLabels[inspection.status as InspectionStatus]}”，不是待审核状态`);
  if (body.decision === 'return' && body.comment === '') return fail('validation', '退回时请填写审核意见', [{ path: 'body.comment', message: '请填写退回意见' }]);
  const approve = body.decision === 'approve';
  const now = ctx.now();
  const done = await ctx.db.transaction(async (tx) => {
    if (!(await updateInspectionIf(tx, id, ['submitted'], { status: approve ? 'approved' : 'returned', updatedAt: now }))) return false;
    await insertReview(tx, { inspectionId: id, action: approve ? 'approved' : 'returned', comment: body.comment, actorId: principal.user.id, actorName: principal.user.displayName, at: now });
    await audit(ctx, principal, inspection, approve ? 'inspection.approved' : 'inspection.returned',
      approve ? `审核通过检查对象 ${inspection.objectKey} 的检查结果` : `退回检查对象 ${inspection.objectKey} 的检查结果：${body.comment}`, { comment: body.comment }, now, tx);
    return true;
  });
  if (!done) return fail('conflict', '检查结果已被他人审核');
  return ok(await present(ctx, principal, loaded.value));
}

/** The result of each item, from its checkpoints: any 否 is a finding; all 合理缺项 or 未检查 say so. */
function itemResultsOf(checklist: readonly ChecklistItemJson[], answers: ReadonlyMap<string, string>, codes: readonly string[]): ItemResultJson[] {
  const overall = codes.map((c) => resultCodeLabel(c as ResultCode)).join('；');
  return checklist.map((item) => {
    const values = item.checkpoints.map((c) => answers.get(`${item.itemId}\u0000${c.code}`));
    let result: string;
    if (values.length === 0) result = overall;
    else if (values.includes('no')) result = '发现问题';
    else if (values.includes('yes')) result = '未发现问题';
    else if (values.every((v) => v === 'not_applicable')) result = '合理缺项';
    else result = '未检查';
    return { code: item.code, name: item.name, result };
  });
}

export async function publishFor(ctx: ServiceContext, principal: Principal, id: string): Promise<Result<Inspection>> {
  const loaded = await loadForReview(ctx, principal, id);
  if (!loaded.ok) return loaded;
  const { inspection } = loaded.value;
  if (inspection.status !== 'approved') return fail('conflict', `检查结果当前为“${inspectionStatusLabels[inspection.status as InspectionStatus]}”，审核通过后才能公示`);
  if (inspection.startedOn === null || inspection.endedOn === null) return fail('conflict', '检查日期不完整，不能公示');
  const now = ctx.now();
  const today = chinaDate(now);
  const deadline = publicationDeadlineOf(calendar, inspection.endedOn, today, today);
  const answers = new Map((await answersOf(ctx.db, id)).map((a) => [`${a.itemId}\u0000${a.checkpointCode}`, a.answer]));
  const followUp = checkResultCodes(inspection.codes).followUpRequired;
  const done = await ctx.db.transaction(async (tx) => {
    if (!(await updateInspectionIf(tx, id, ['approved'], { status: 'published', publishedVersion: 1, firstPublishedAt: now, updatedAt: now }))) return false;
    await insertResultVersion(tx, {
      inspectionId: id, version: 1, objectKey: inspection.objectKey, codes: inspection.codes, findings: inspection.findings, remarks: inspection.remarks,
      itemResults: itemResultsOf(inspection.checklist, answers, inspection.codes), startedOn: inspection.startedOn ?? today, endedOn: inspection.endedOn ?? today,
      verificationMethods: inspection.verificationMethods, deadline: deadline.deadline, deadlineProvisional: deadline.provisional, publishedOn: today,
      reason: null, publishedBy: principal.user.id, publishedAt: now,
    });
    await insertReview(tx, { inspectionId: id, action: 'published', actorId: principal.user.id, actorName: principal.user.displayName, at: now });
    if (followUp) await openFollowUp(tx, id, inspection.objectKey, now);
    await audit(ctx, principal, inspection, 'inspection.published',
      `公示检查对象 ${inspection.objectKey} 的检查结果（期限 ${deadline.deadline}${deadline.state.kind === 'published_late' ? `，逾期 ${deadline.state.workdaysLate} 个工作日` : ''}）`,
      { version: 1, codes: inspection.codes, deadline: deadline.deadline, publishedOn: today, followUpOpened: followUp }, now, tx);
    return true;
  });
  invalidatePublicResults(ctx.db, inspection.objectKey);
  if (!done) return fail('conflict', '检查结果已公示');
  return ok(await present(ctx, principal, loaded.value));
}

/** 更正: a published result is never changed; the correction is the next version, with its reason. */
export async function correctFor(ctx: ServiceContext, principal: Principal, id: string, body: CorrectionBody): Promise<Result<Inspection>> {
  const loaded = await loadForReview(ctx, principal, id);
  if (!loaded.ok) return loaded;
  const { inspection } = loaded.value;
  if (inspection.status !== 'published') return fail('conflict', '只有已公示的检查结果才能更正；未公示的结果请退回修改');
  const problems = checkResultCodes(body.codes).problems;
  if (problems.length > 0) return fail('validation', problems.map((p) => p.message).join('；'), problems.map((p) => ({ path: 'body.codes', message: p.message })));
  const versions = await resultVersionsOf(ctx.db, [id]);
  const latest = versions[versions.length - 1];
  if (!latest) return fail('conflict', '检查结果尚未公示');
  const next = latest.version + 1;
  const now = ctx.now();
  const today = chinaDate(now);
  const followUp = checkResultCodes(body.codes).followUpRequired;
  const done = await ctx.db.transaction(async (tx) => {
    if (!(await updateInspectionIf(tx, id, ['published'], { publishedVersion: next, codes: body.codes, findings: body.findings, remarks: body.remarks, updatedAt: now }))) return false;
    await insertResultVersion(tx, {
      inspectionId: id, version: next, objectKey: inspection.objectKey, codes: body.codes, findings: body.findings, remarks: body.remarks,
      itemResults: latest.itemResults, startedOn: latest.startedOn, endedOn: latest.endedOn, verificationMethods: latest.verificationMethods,
      deadline: latest.deadline, deadlineProvisional: latest.deadlineProvisional, publishedOn: today, reason: body.reason,
      publishedBy: principal.user.id, publishedAt: now,
    });
    await insertReview(tx, { inspectionId: id, action: 'corrected', comment: body.reason, actorId: principal.user.id, actorName: principal.user.displayName, at: now });
    if (followUp) await openFollowUp(tx, id, inspection.objectKey, now);
    await audit(ctx, principal, inspection, 'inspection.corrected', `更正检查对象 ${inspection.objectKey} 的检查结果（第 ${next} 版）：${body.reason}`,
      { version: next, from: latest.codes, to: body.codes, reason: body.reason }, now, tx);
    return true;
  });
  invalidatePublicResults(ctx.db, inspection.objectKey);
  if (!done) return fail('conflict', '检查结果已被他人更正，请刷新后重试');
  return ok(await present(ctx, principal, loaded.value));
}
