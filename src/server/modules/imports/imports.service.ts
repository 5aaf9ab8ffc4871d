import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { importKindLabels, importKindSchema, type ImportJob, type ImportRow } from '../../../contracts/imports.ts';
import type { Principal } from '../../http/access.ts';
import type { ServiceContext } from '../../http/context.ts';
import { fail, ok, type Result } from '../../http/failures.ts';
import {
  findImportJob, listAcceptedRows, listRejectedRows, listWarnedRows, type ImportJobRow, type StagedRowView,
} from '../../imports/import-jobs.repository.ts';
import type { ImportContext, ImportKind } from '../../imports/import-kind.ts';
import { findImportKind } from '../../imports/import-kinds.ts';
import {
  beginCommit, cancelImport, commitImport, createImportJob, purgeAcceptedRows, recoverInterruptedImports, storeImportFile,
  validateImport, type ImportEnv, type StoredFile,
} from '../../imports/import-runner.ts';
import { writeTemplate } from '../../tabular/write-table.ts';
import { cellsByHeader, writeRejectedReport } from '../../imports/import-report.ts';
import { canSeeImportJob, importScopeOf, mayImport } from './imports.policy.ts';

/** Largest file accepted by an upload. */
export const maxImportBytes = 200 * 1024 * 1024;
const previewRows = 100;
const sampleRows = 10;

/**
 * The import jobs running in this process: validations and commits run in the background
 * after the request that started them has answered. Tracked so that the app can wait for
 * them on close, cancel a validation, and show a commit's progress (which lives inside its
 * transaction, invisible to other connections).
 */
export class ImportWorkers {
  private readonly running = new Set<Promise<unknown>>();
  private readonly aborts = new Map<string, AbortController>();
  readonly commitProgress = new Map<string, number>();

  constructor(readonly env: ImportEnv) {}

  track(promise: Promise<unknown>): void {
    const tracked = promise.finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }

  abortable(jobId: string): AbortSignal {
    const controller = new AbortController();
    this.aborts.set(jobId, controller);
    return controller.signal;
  }

  abort(jobId: string): void {
    this.aborts.get(jobId)?.abort();
  }

  done(jobId: string): void {
    this.aborts.delete(jobId);
    this.commitProgress.delete(jobId);
  }

  /** Wait for the running jobs (validations are stopped first). */
  async close(): Promise<void> {
    for (const controller of this.aborts.values()) controller.abort();
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}

/** Uploaded files go to `<SUIJI_DATA_DIR>/imports`, or a temp folder when there is no data folder (tests). */
export function importFilesDir(ctx: ServiceContext): string {
  return existsSync(ctx.config.dataDir) ? path.join(ctx.config.dataDir, 'imports') : path.join(tmpdir(), 'suiji-imports');
}

export function recoverImports(ctx: ServiceContext): Promise<number> {
  return recoverInterruptedImports({ db: ctx.db, now: ctx.now });
}

function importContext(ctx: ServiceContext, principal: Principal): ImportContext {
  const restrictedTo = importScopeOf(principal.user);
  return { departmentId: principal.user.departmentId, userId: principal.user.id, now: ctx.now(), ...(restrictedTo ? { restrictedTo } : {}) };
}

function actorOf(principal: Principal) {
  return { id: principal.user.id, name: principal.user.displayName };
}

function rowView(kind: ImportKind | undefined, row: StagedRowView): ImportRow {
  return {
    row: row.row,
    values: cellsByHeader(kind, row),
    issues: row.issues.map((i) => ({ column: i.column, reason: i.reason, severity: i.severity ?? 'error' })),
  };
}

async function presentJob(workers: ImportWorkers, job: ImportJobRow): Promise<ImportJob> {
  const { db } = workers.env;
  const kind = findImportKind(job.kind);
  const parsedKind = importKindSchema.parse(job.kind);
  const showRows = job.status === 'preview' || job.status === 'committing' || job.status === 'done';
  const [rejected, warned, sample] = showRows
    ? await Promise.all([
      listRejectedRows(db, job.id, previewRows),
      listWarnedRows(db, job.id, previewRows),
      job.status === 'done' ? Promise.resolve([]) : listAcceptedRows(db, job.id, sampleRows),
    ])
    : [[], { rows: [], total: 0 }, []];
  const committing = job.status === 'committing';
  const summary = job.summary;
  return {
    id: job.id,
    kind: parsedKind,
    kindLabel: kind?.label ?? importKindLabels[parsedKind],
    status: importStatus(job.status),
    fileName: job.fileName,
    fileSha256: job.fileSha256,
    totalRows: job.totalRows,
    acceptedRows: job.acceptedRows,
    rejectedRows: job.rejectedRows,
    progress: committing ? (workers.commitProgress.get(job.id) ?? 0) : job.progress,
    progressTotal: committing || job.status === 'done' ? job.acceptedRows : job.totalRows,
    summary: summary ? { inserted: summary.inserted ?? 0, updated: summary.updated ?? 0, unchanged: summary.unchanged ?? 0 } : null,
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    columns: kind?.columns.map((c) => c.header) ?? [],
    rejected: rejected.map((r) => rowView(kind, r)),
    warnings: { total: warned.total, rows: warned.rows.map((r) => rowView(kind, r)) },
    sample: sample.map((r) => rowView(kind, r)),
  };
}

function importStatus(status: string): ImportJob['status'] {
  switch (status) {
    case 'validating': case 'preview': case 'committing': case 'done': case 'failed': case 'cancelled':
      return status;
    default:
      throw new Error(`unknown import status ${status}`);
  }
}

/** A stream that fails once more than `limit` bytes went through. */
async function* limited(source: Readable, limit: number): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > limit) throw new TooLargeError();
    yield chunk;
  }
}

class TooLargeError extends Error {}

export interface UploadInput {
  kind: string;
  fileName: string;
  body: Readable;
}

/**
 * POST …/import: store the file, start validating it in the background, and answer once the
 * header was read — a file refused as a whole (not a table, .xls, missing columns) is a 400
 * right away, and its job is kept as failed with the same message.
 */
export async function startImportFor(ctx: ServiceContext, workers: ImportWorkers, principal: Principal, input: UploadInput): Promise<Result<ImportJob>> {
  const kind = findImportKind(input.kind);
  if (!kind) return fail('bad_request', `暂不支持导入“${input.kind}”`);
  if (!mayImport(principal.user, kind.kind)) return fail('forbidden', `您没有导入${kind.label}的权限`);
  let file: StoredFile;
  try {
    file = await storeImportFile(workers.env, limited(input.body, maxImportBytes));
  } catch (error) {
    if (error instanceof TooLargeError) return fail('payload_too_large', `文件超过 ${maxImportBytes / 1024 / 1024} MiB 上限，请分成几个文件导入`);
    if ((error as { code?: unknown }).code === 'ECONNRESET' || (error as { code?: unknown }).code === 'ERR_STREAM_PREMATURE_CLOSE') {
      return fail('bad_request', '文件上传未完成（连接中断），请重新上传');
    }
    throw error;
  }
  const ictx = importContext(ctx, principal);
  const job = await createImportJob(workers.env, { kind, fileName: input.fileName, file, ctx: ictx });
  const signal = workers.abortable(job.id);
  let headerRead: () => void = () => undefined;
  const header = new Promise<void>((resolve) => {
    headerRead = resolve;
  });
  const validation = validateImport(workers.env, job, ictx, { onHeader: () => headerRead(), signal })
    .finally(() => workers.done(job.id));
  workers.track(validation);
  const first = await Promise.race([header.then(() => null), validation]);
  if (first && first.status === 'failed' && first.fileLevel) return fail('bad_request', first.message);
  const current = await findImportJob(ctx.db, job.id);
  if (!current) return fail('not_found');
  return ok(await presentJob(workers, current));
}

async function visibleJob(ctx: ServiceContext, principal: Principal, id: string): Promise<Result<ImportJobRow>> {
  const job = await findImportJob(ctx.db, id);
  if (!job || !canSeeImportJob(principal.user, job)) return fail('not_found', '导入任务不存在');
  return ok(job);
}

export async function getImportFor(ctx: ServiceContext, workers: ImportWorkers, principal: Principal, id: string): Promise<Result<ImportJob>> {
  const job = await visibleJob(ctx, principal, id);
  if (!job.ok) return job;
  return ok(await presentJob(workers, job.value));
}

/** POST …/commit: preview → committing, then the one-transaction commit runs in the background. */
export async function commitImportFor(ctx: ServiceContext, workers: ImportWorkers, principal: Principal, id: string): Promise<Result<ImportJob>> {
  const visible = await visibleJob(ctx, principal, id);
  if (!visible.ok) return visible;
  const kind = importKindSchema.safeParse(visible.value.kind);
  if (kind.success && !mayImport(principal.user, kind.data)) return fail('forbidden', `您没有导入${importKindLabels[kind.data]}的权限`);
  if (visible.value.status !== 'preview') {
    return fail('conflict', `导入任务当前状态为“${visible.value.status}”，只有待确认的任务可以提交`);
  }
  if (visible.value.acceptedRows === 0) return fail('conflict', '没有可导入的行');
  const job = await beginCommit(workers.env, id);
  if (!job) return fail('conflict', '导入任务已被提交或取消');
  const ictx = importContext(ctx, principal);
  workers.commitProgress.set(id, 0);
  const commit = commitImport(workers.env, job, ictx, {
    actor: actorOf(principal),
    onProgress: (p) => workers.commitProgress.set(id, p.done),
  }).then(async (outcome) => {
    if (outcome.status === 'done') await purgeAcceptedRows(workers.env, id);
  }).finally(() => workers.done(id));
  workers.track(commit);
  return ok(await presentJob(workers, job));
}

export async function cancelImportFor(ctx: ServiceContext, workers: ImportWorkers, principal: Principal, id: string): Promise<Result<ImportJob>> {
  const visible = await visibleJob(ctx, principal, id);
  if (!visible.ok) return visible;
  if (visible.value.status !== 'validating' && visible.value.status !== 'preview') {
    return fail('conflict', '只有正在校验或待确认的导入任务可以取消');
  }
  workers.abort(id);
  const job = await cancelImport(workers.env, id);
  if (!job) return fail('conflict', '导入任务状态已改变，无法取消');
  return ok(await presentJob(workers, job));
}

export interface TempFile {
  file: string;
  fileName: string;
  cleanup(): Promise<void>;
}

async function tempXlsx(name: string, write: (file: string) => Promise<void>, fileName: string): Promise<TempFile> {
  const dir = await mkdtemp(path.join(tmpdir(), 'suiji-xlsx-'));
  const file = path.join(dir, name);
  try {
    await write(file);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { file, fileName, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Every rejected row as the user sent it, with the reasons, to fix and import again. */
export async function rejectedXlsxFor(ctx: ServiceContext, principal: Principal, id: string): Promise<Result<TempFile>> {
  const visible = await visibleJob(ctx, principal, id);
  if (!visible.ok) return visible;
  const job = visible.value;
  const kind = findImportKind(job.kind);
  if (!kind) return fail('not_found', '导入类型不存在');
  const base = job.fileName.replace(/\.[^.]*$/, '');
  return ok(await tempXlsx('rejected.xlsx', async (file) => {
    await writeRejectedReport(ctx.db, kind, id, file);
  }, `${base}-未导入的行.xlsx`));
}

export async function templateFor(kindName: string): Promise<Result<TempFile>> {
  const kind = findImportKind(kindName);
  if (!kind) return fail('not_found', `暂无“${kindName}”的导入模板`);
  return ok(await tempXlsx('template.xlsx', (file) => writeTemplate(file, kind.sheetName, kind.columns), `${kind.sheetName}导入模板.xlsx`));
}
