import { z } from 'zod';
import type { ArchiveCheck, TaskArchive } from '../../../contracts/archives.ts';
import { drawRecordSchema } from '../../../contracts/draw.ts';
import { drawStatusLabels, type Draw, type DrawStatus } from '../../../contracts/tasks.ts';
import type { Inspection } from '../../../contracts/inspections.ts';
import { missingForArchive, type CompletenessFacts, type MissingItem } from '../../../domain/archive/completeness.ts';
import { isSafeArchivePath, sha256HexOf } from '../../../domain/archive/manifest.ts';
import { chinaIso } from '../../../domain/task/china-time.ts';
import { writeArchiveZip } from '../../archive/archive-zip.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { Principal } from '../../http/access.ts';
import type { ServiceContext } from '../../http/context.ts';
import { fail, ok, type Result } from '../../http/failures.ts';
import { presentDraw } from '../draws/draws.presenter.ts';
import { activeDrawOfTask } from '../draws/draws.repository.ts';
import { jointRecordXlsx } from '../draws/joint-record-xlsx.ts';
import { jointRecordFormFor, publicDrawRecord } from '../draws/draws.service.ts';
import { inspectionsOfDraws } from '../inspections/inspections.repository.ts';
import { getInspectionFor } from '../inspections/inspections.service.ts';
import { versionsOf } from '../plans/plans.repository.ts';
import { getPlanVersionFor } from '../plans/plans.service.ts';
import { canManageTask } from '../tasks/tasks.policy.ts';
import { findTask, type TaskRow } from '../tasks/tasks.repository.ts';
import type { DrawHead } from '../draws/draw-columns.ts';
import { publicTaskDetail } from '../tasks/tasks.service.ts';
import { canReadArchive } from './archives.policy.ts';
import {
  archiveContent, archiveOfTask, evidenceWithContent, followUpsOfInspections, insertArchive, signatureImages, type ArchiveMeta,
} from './archives.repository.ts';

const encoder = new TextEncoder();
/** JSON files of the archive: pretty, with a final newline (readable, diffable). */
const jsonFile = (value: unknown) => encoder.encode(`${JSON.stringify(value, null, 2)}\n`);

function presentArchive(meta: ArchiveMeta): TaskArchive {
  return {
    id: meta.id, fileName: meta.fileName, manifestSha256: meta.manifestSha256, zipSha256: meta.zipSha256, fileCount: meta.fileCount,
    size: meta.size, createdAt: chinaIso(meta.createdAt), createdBy: meta.createdByName,
  };
}

/** One path segment from an object key or a file name: no slashes, never empty, '.' or '..'. */
function segment(text: string): string {
  const cleaned = [...text].map((ch) => (ch < ' ' || ch === '/' || ch === '\\' ? '_' : ch)).join('').trim();
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? '_' : cleaned;
}

interface Gathered {
  task: TaskRow;
  draw: DrawHead | undefined;
  staffDraw: Draw | null;
  /** The presented inspection per drawn object (staff view: answers, codes, versions, reviews …). */
  inspections: Map<string, Inspection>;
  followUps: Awaited<ReturnType<typeof followUpsOfInspections>>;
  missing: MissingItem[];
}

async function loadTask(ctx: ServiceContext, principal: Principal, taskId: string, write: boolean): Promise<Result<TaskRow>> {
  const task = await findTask(ctx.db, taskId);
  if (!task) return fail('not_found', '抽查任务不存在');
  if (write ? !canManageTask(principal.user, task) : !canReadArchive(principal.user, task)) {
    return fail('forbidden', write ? '只有任务组织或参与部门的机构管理员才能归档' : '只能查看本机构组织或参与的抽查任务的归档');
  }
  return ok(task);
}

/** Everything the check and the archive need, read once. */
async function gather(ctx: ServiceContext, principal: Principal, task: TaskRow): Promise<Result<Gathered>> {
  const draw = await activeDrawOfTask(ctx.db, task.id);
  const facts: CompletenessFacts = { draw: null, dispatch: [], objects: [] };
  const inspections = new Map<string, Inspection>();
  let staffDraw: Draw | null = null;
  let followUps: Gathered['followUps'] = [];
  if (draw) {
    staffDraw = await presentDraw(ctx, draw, task);
    facts.draw = { drawId: draw.drawId, completed: draw.status === 'completed', statusLabel: drawStatusLabels[draw.status as DrawStatus] };
  }
  if (draw?.status === 'completed' && staffDraw) {
    facts.dispatch = (staffDraw.dispatch?.departments ?? []).map((d) => ({ departmentName: d.departmentName, confirmed: d.confirmedOn !== null }));
    const rows = await inspectionsOfDraws(ctx.db, [draw.id]);
    followUps = await followUpsOfInspections(ctx.db, rows.map((r) => r.id));
    for (const row of rows) {
      const presented = await getInspectionFor(ctx, principal, row.id);
      if (!presented.ok) return presented;
      inspections.set(row.objectKey, presented.value);
    }
    const names = new Map(staffDraw.teams.map((t) => [t.object, t.objectName ?? '']));
    facts.objects = (draw.output?.order ?? []).map((key) => {
      const i = inspections.get(key);
      return {
        key, name: i?.object.name ?? names.get(key) ?? '',
        inspection: i ? {
          published: i.status === 'published', statusLabel: i.statusLabel, missingSignatures: i.signatures.missing, evidenceCount: i.evidence.length,
          followUpStatuses: followUps.filter((f) => f.inspectionId === i.id).map((f) => f.status),
        } : null,
      };
    });
  }
  return ok({ task, draw, staffDraw, inspections, followUps, missing: missingForArchive(facts) });
}

export async function archiveCheckFor(ctx: ServiceContext, principal: Principal, taskId: string): Promise<Result<ArchiveCheck>> {
  const task = await loadTask(ctx, principal, taskId, false);
  if (!task.ok) return task;
  const archived = await archiveOfTask(ctx.db, taskId);
  if (archived) return ok({ taskId, taskCode: task.value.code, complete: true, missing: [], archive: presentArchive(archived) });
  const gathered = await gather(ctx, principal, task.value);
  if (!gathered.ok) return gathered;
  const missing = gathered.value.missing;
  return ok({ taskId, taskCode: task.value.code, complete: missing.length === 0, missing, archive: null });
}

/** The plan version the task carries out: the one published when the draw's inputs were frozen. */
async function planVersionOf(ctx: ServiceContext, task: TaskRow, frozenAt: Date): Promise<Result<{ version: number; body: unknown } | null>> {
  if (task.planId === null) return ok(null);
  const versions = (await versionsOf(ctx.db, [task.planId])).filter((v) => v.publishedAt !== null && v.publishedAt <= frozenAt);
  const inForce = versions.sort((a, b) => b.version - a.version)[0];
  if (!inForce) return ok(null);
  const body = await getPlanVersionFor(ctx, task.planId, inForce.version);
  return body.ok ? ok({ version: inForce.version, body: body.value }) : body;
}

/** The files of the archive, path → bytes (the manifest is added by writeArchiveZip). */
async function archiveFiles(ctx: ServiceContext, g: Gathered, draw: DrawHead): Promise<Result<Map<string, Uint8Array>>> {
  const files = new Map<string, Uint8Array>();
  const record = await publicDrawRecord(ctx, draw.drawId);
  if (!record.ok) return record;
  // The same bytes as GET /api/v1/public/draws/:drawId?download=1 (the route encodes with this schema).
  files.set('draw/record.json', encoder.encode(JSON.stringify(z.encode(drawRecordSchema, record.value))));
  const announcement = await publicTaskDetail(ctx, g.task.code);
  if (!announcement.ok) return announcement;
  files.set('draw/announcement.json', jsonFile(announcement.value));
  const plan = await planVersionOf(ctx, g.task, draw.frozenAt);
  if (!plan.ok) return plan;
  if (plan.value) files.set(`plan/plan-v${plan.value.version}.json`, jsonFile(plan.value.body));
  files.set('task/scheme.json', jsonFile(draw.scheme));
  for (const key of draw.output?.order ?? []) {
    const inspection = g.inspections.get(key);
    if (!inspection) continue;
    const dir = `objects/${segment(key)}`;
    const form = await jointRecordFormFor(ctx, draw.id, key);
    if (!form.ok) return form;
    files.set(`${dir}/form.xlsx`, new Uint8Array(await jointRecordXlsx(form.value)));
    // The staff view of the inspection, less what depends on who looks at it.
    const { onTeam: _onTeam, canReview: _canReview, ...result } = inspection;
    files.set(`${dir}/result.json`, jsonFile(result));
    const evidence = await evidenceWithContent(ctx.db, inspection.id);
    evidence.forEach((e, index) => {
      // Numbered: two files may carry the same name.
      files.set(`${dir}/evidence/${String(index + 1).padStart(2, '0')}-${segment(e.fileName)}`, e.content);
    });
    (await signatureImages(ctx.db, inspection.id)).forEach((s, index) => {
      files.set(`${dir}/signatures/${index + 1}.png`, s.image);
    });
  }
  // Every column of follow_ups as stored (dates as ISO instants).
  files.set('followups.json', jsonFile(g.followUps));
  for (const path of files.keys()) if (!isSafeArchivePath(path)) return fail('internal', `归档文件路径不合规：${path}`);
  return ok(files);
}

export async function archiveTaskFor(ctx: ServiceContext, principal: Principal, taskId: string): Promise<Result<ArchiveCheck>> {
  const loaded = await loadTask(ctx, principal, taskId, true);
  if (!loaded.ok) return loaded;
  const task = loaded.value;
  if (await archiveOfTask(ctx.db, taskId)) return fail('conflict', `抽查任务 ${task.code} 已归档`);
  const gathered = await gather(ctx, principal, task);
  if (!gathered.ok) return gathered;
  const g = gathered.value;
  if (g.missing.length > 0 || !g.draw) {
    return fail('conflict', `抽查任务 ${task.code} 尚不完整，不能归档：${g.missing.length} 项待补齐`,
      g.missing.map((m) => ({ path: m.objectKey === null ? 'task' : `objects.${m.objectKey}`, message: m.message })));
  }
  const draw = g.draw;
  const files = await archiveFiles(ctx, g, draw);
  if (!files.ok) return files;
  const now = ctx.now();
  const written = writeArchiveZip({ kind: 'task', code: task.code, name: task.name }, now.toISOString(), files.value);
  const zipSha256 = sha256HexOf(written.zip);
  const fileName = `归档-${task.code}.zip`;
  const inserted = await ctx.db.transaction(async (tx) => {
    if (!(await insertArchive(tx, {
      taskId, drawId: draw.id, fileName, manifestSha256: written.manifestSha256, zipSha256, fileCount: written.manifest.files.length,
      size: written.zip.length, content: written.zip, createdBy: principal.user.id, createdAt: now,
    }))) return false;
    await appendAudit(tx, {
      actor: { id: principal.user.id, name: principal.user.displayName }, action: 'task.archived', subjectType: 'task', subjectId: taskId,
      summary: `归档抽查任务 ${task.code}（${written.manifest.files.length} 个文件，清单 SHA-256 ${written.manifestSha256}）`,
      changes: { drawId: draw.drawId, manifestSha256: written.manifestSha256, zipSha256, files: written.manifest.files.length, size: written.zip.length },
    }, now);
    return true;
  });
  if (!inserted) return fail('conflict', `抽查任务 ${task.code} 已归档`);
  return archiveCheckFor(ctx, principal, taskId);
}

export async function archiveZipFor(ctx: ServiceContext, principal: Principal, taskId: string): Promise<Result<{ fileName: string; content: Uint8Array }>> {
  const task = await loadTask(ctx, principal, taskId, false);
  if (!task.ok) return task;
  const file = await archiveContent(ctx.db, taskId);
  return file ? ok(file) : fail('not_found', `抽查任务 ${task.value.code} 尚未归档`);
}
