import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { appendAudit } from '../audit/audit-log.ts';
import type { AuditActor } from '../audit/audit-events.ts';
import type { Db } from '../db/database.ts';
import { readTable, sniffFormat, TableFormatError, type ParsedRow } from '../tabular/read-table.ts';
import {
  countStagedRows, deleteStagedRows, failInterruptedImports, finishValidation, findImportJob, insertImportJob,
  setImportProgress, transitionImportJob, type ImportJobRow,
} from './import-jobs.repository.ts';
import { invalidateAllPublicResults } from '../modules/inspections/public-results.cache.ts';
import { ImportApplyError, type ApplySummary, type ImportContext, type ImportKind, type ValidationIssue } from './import-kind.ts';
import { beginBulkLoad } from './bulk-load.ts';
import { findImportKind } from './import-kinds.ts';
import { insertStagedRows, stagedSlice, type StagedIssue, type StagedRowInput } from './import-staging.ts';

/**
 * Running an import: store the file (with its SHA-256), validate it into the staging table
 * with progress (phase 'validating' → 'preview'), then commit every accepted row in ONE
 * transaction with its audit event ('committing' → 'done'), or fail leaving the directory
 * untouched. Used alike by the HTTP service (in the background) and `suiji import`.
 * docs/decisions/0005-imports.md explains the design.
 */

export interface ImportEnv {
  db: Db;
  now: () => Date;
  /** Folder for uploaded files (`<SUIJI_DATA_DIR>/imports`). */
  filesDir: string;
  /** Where unexpected errors go (a logger); never the console in tests. */
  onUnexpectedError?: (error: unknown, jobId: string) => void;
}

export interface ImportProgressEvent {
  phase: 'validating' | 'committing';
  done: number;
  /** 0 while unknown. */
  total: number;
}

export type ProgressListener = (event: ImportProgressEvent) => void;

/** Rows staged per INSERT statement while validating; the event loop gets a turn after each. */
export const stageBatchRows = 2000;
/**
 * Rows per `apply` call while committing (same transaction). Slices that fit in PGlite's
 * working memory keep the commit linear: 100,000-row slices were 4× slower per row there.
 */
export const commitSliceRows = 25_000;
/** Key of the transaction-scoped advisory lock that serialises commits ("suiji-import"). */
const importLockKey = 7_361_022_515;

export function importFilePath(env: ImportEnv, jobId: string): string {
  return path.join(env.filesDir, jobId);
}

export interface StoredFile {
  jobId: string;
  path: string;
  sha256: string;
  bytes: number;
}

/** Write an upload (or copy a local file) under filesDir/<new job id>, hashing it on the way. */
export async function storeImportFile(env: ImportEnv, source: Readable | AsyncIterable<Buffer>): Promise<StoredFile> {
  await mkdir(env.filesDir, { recursive: true });
  const jobId = randomUUID();
  const filePath = importFilePath(env, jobId);
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    await pipeline(
      source,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          bytes += chunk.length;
          yield chunk;
        }
      },
      createWriteStream(filePath),
    );
  } catch (error) {
    await rm(filePath, { force: true });
    throw error;
  }
  return { jobId, path: filePath, sha256: hash.digest('hex'), bytes };
}

export interface CreateJobInput {
  kind: ImportKind;
  fileName: string;
  file: StoredFile;
  ctx: ImportContext;
}

/** The job row for a stored file, in 'validating'. */
export function createImportJob(env: ImportEnv, input: CreateJobInput): Promise<ImportJobRow> {
  return insertImportJob(env.db, {
    id: input.file.jobId, kind: input.kind.kind, fileName: input.fileName, fileSha256: input.file.sha256,
    departmentId: input.ctx.departmentId, createdBy: input.ctx.userId, createdAt: env.now(),
  });
}

/** A quick row-count estimate for the progress bar: line breaks of a csv (xlsx: unknown until read). */
async function estimateRows(filePath: string): Promise<number> {
  try {
    const format = await sniffFormat({ fileName: filePath, path: filePath });
    if (format !== 'csv') return 0;
  } catch {
    return 0;
  }
  let lines = 0;
  for await (const chunk of createReadStream(filePath, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
  }
  return Math.max(0, lines - 1);
}

export interface ValidateOptions {
  onProgress?: ProgressListener;
  /** Called once the header is found and accepted (the HTTP upload answers 202 then). */
  onHeader?: () => void;
  signal?: AbortSignal;
}

export type ValidationOutcome =
  | { status: 'preview'; job: ImportJobRow }
  | { status: 'failed'; job: ImportJobRow | undefined; message: string; fileLevel: boolean }
  | { status: 'cancelled' };

function keyColumnOf(kind: ImportKind, values: Record<string, string | null>, key: string): string {
  return kind.columns.find((c) => values[c.key] === key)?.header ?? kind.columns[0]?.header ?? '';
}

/** Phase 1: read, check and stage every row; the job ends in 'preview' (or 'failed'). */
export async function validateImport(env: ImportEnv, job: ImportJobRow, ctx: ImportContext, options: ValidateOptions = {}): Promise<ValidationOutcome> {
  const kind = findImportKind(job.kind);
  const filePath = importFilePath(env, job.id);
  const fail = async (message: string, fileLevel: boolean): Promise<ValidationOutcome> => {
    const failed = await transitionImportJob(env.db, job.id, ['validating'], 'failed', { error: message, finishedAt: env.now() });
    await deleteStagedRows(env.db, job.id, false);
    return { status: 'failed', job: failed, message, fileLevel };
  };
  if (!kind) return fail(`不支持的导入类型：${job.kind}`, true);
  // One staging INSERT stays in flight while the next batch is read: on PostgreSQL the
  // database writes while Node parses (on PGlite both share the thread; no harm).
  let pending: Promise<void> = Promise.resolve();
  try {
    let total = await estimateRows(filePath);
    const lookups = kind.prepare ? await kind.prepare(env.db, ctx) : undefined;
    const vctx = { ...ctx, lookups };
    const seen = new Map<string, number>();
    let batch: StagedRowInput[] = [];
    let processed = 0;
    let accepted = 0;
    let rejected = 0;
    const flush = async () => {
      await pending;
      const staged = insertStagedRows(env.db, job.id, batch);
      staged.catch(() => undefined); // awaited (and thrown) at the next flush
      pending = staged;
      batch = [];
      total = Math.max(total, processed);
      await setImportProgress(env.db, job.id, processed, total);
      options.onProgress?.({ phase: 'validating', done: processed, total });
      await yieldToEventLoop();
    };
    const rows = readTable({ fileName: job.fileName, path: filePath }, kind.columns, {
      keepOtherColumns: kind.keepOtherColumns ?? false,
      onHeader: (header) => {
        const message = kind.checkHeader?.(header.found) ?? null;
        if (message !== null) throw new TableFormatError(message);
        options.onHeader?.();
      },
    });
    options.onProgress?.({ phase: 'validating', done: 0, total });
    for await (const row of rows) {
      if (options.signal?.aborted) {
        await pending.catch(() => undefined);
        return { status: 'cancelled' };
      }
      processed += 1;
      const staged = checkRow(kind, row, vctx, seen);
      if (staged.accepted) accepted += 1;
      else rejected += 1;
      batch.push(staged);
      if (batch.length >= stageBatchRows) await flush();
    }
    await flush();
    await pending;
    if (options.signal?.aborted) return { status: 'cancelled' };
    if (processed === 0) return fail('文件中没有数据行（表头以下为空）', true);
    if (kind.checkStaged) {
      await kind.checkStaged(env.db, job.id, ctx);
      const counts = await countStagedRows(env.db, job.id);
      accepted = counts.accepted;
      rejected = counts.rejected;
    }
    const moved = await finishValidation(env.db, job.id, { totalRows: processed, acceptedRows: accepted, rejectedRows: rejected });
    if (!moved) return { status: 'cancelled' };
    options.onProgress?.({ phase: 'validating', done: processed, total: processed });
    const finished = await findImportJob(env.db, job.id);
    if (!finished) throw new Error(`import job ${job.id} vanished`);
    return { status: 'preview', job: finished };
  } catch (error) {
    await pending.catch(() => undefined);
    if (error instanceof TableFormatError) return fail(error.message, true);
    env.onUnexpectedError?.(error, job.id);
    return fail(`校验时出错，导入未完成（${describeError(error)}）`, false);
  }
}

function checkRow(kind: ImportKind, row: ParsedRow, vctx: Parameters<ImportKind['validateRow']>[1], seen: Map<string, number>): StagedRowInput {
  const values = { ...row.values };
  const issues: StagedIssue[] = row.issues.map((i) => ({ column: i.column, reason: i.reason, severity: 'error' as const }));
  let key: string | null = null;
  if (issues.length === 0) {
    const found: ValidationIssue[] = kind.validateRow(values, vctx);
    for (const i of found) issues.push({ column: i.column, reason: i.reason, severity: i.severity });
  }
  if (!issues.some((i) => i.severity === 'error')) {
    key = kind.keyOf(values);
    if (key === null) {
      issues.push({ column: kind.columns[0]?.header ?? '', reason: '无法确定该行对应的记录（缺少编码）', severity: 'error' });
    } else {
      const ids = [key, ...(kind.alternateKeysOf?.(values) ?? [])];
      const first = ids.map((id) => seen.get(id)).find((n) => n !== undefined);
      if (first !== undefined) {
        const column = keyColumnOf(kind, values, ids.find((id) => seen.has(id)) ?? key);
        issues.push({ column, reason: `与第 ${first} 行重复：同一${kind.label}在文件中出现多次，请保留一行`, severity: 'error' });
      } else {
        for (const id of ids) seen.set(id, row.row);
      }
    }
  }
  const ok = !issues.some((i) => i.severity === 'error');
  if (!ok) return { row: row.row, accepted: false, data: values, raw: row.raw, issues };
  const data: Record<string, string | null> = { ...values, $key: key };
  if (kind.keepOtherColumns && row.other && Object.keys(row.other).length > 0) data.$other = JSON.stringify(row.other);
  // The cells as found are only needed for the rejected-rows report: not kept for accepted rows.
  return { row: row.row, accepted: true, data, raw: {}, issues };
}

export interface CommitOptions {
  actor: AuditActor;
  onProgress?: ProgressListener;
  /** Rows per `apply` call (default commitSliceRows). */
  sliceRows?: number;
}

export type CommitOutcome =
  | { status: 'done'; job: ImportJobRow; summary: ApplySummary }
  | { status: 'failed'; job: ImportJobRow | undefined; message: string };

/**
 * Phase 2: apply every accepted row in one transaction, write the audit event and mark the
 * job done — all or nothing. The job must be in 'preview' (the caller checks and moves it
 * to 'committing' with `beginCommit`).
 */
export async function commitImport(env: ImportEnv, job: ImportJobRow, ctx: ImportContext, options: CommitOptions): Promise<CommitOutcome> {
  const kind = findImportKind(job.kind);
  try {
    if (!kind) throw new ImportApplyError(`不支持的导入类型：${job.kind}`);
    const counts = await countStagedRows(env.db, job.id);
    const total = counts.accepted;
    options.onProgress?.({ phase: 'committing', done: 0, total });
    const now = env.now();
    const summary = await env.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${importLockKey})`);
      // Hash joins of a slice against the directory stay in memory (this transaction only).
      await tx.execute(sql`set local work_mem = '64MB'`);
      const bulk = kind.bulkLoadTable ? await beginBulkLoad(tx, kind.bulkLoadTable, total) : undefined;
      const actx = { ...ctx, jobId: job.id, now, ...(bulk ? { intoEmptyTable: true } : {}) };
      const sum: ApplySummary = { inserted: 0, updated: 0, unchanged: 0 };
      const slice = Math.max(1, options.sliceRows ?? commitSliceRows);
      for (let from = counts.firstRow; from <= counts.lastRow; from += slice) {
        const to = Math.min(counts.lastRow, from + slice - 1);
        const part = await kind.apply(tx, stagedSlice(tx, job.id, from, to), actx);
        sum.inserted += part.inserted;
        sum.updated += part.updated;
        sum.unchanged += part.unchanged;
        options.onProgress?.({ phase: 'committing', done: sum.inserted + sum.updated + sum.unchanged, total });
        await yieldToEventLoop();
      }
      await bulk?.restoreIndexes();
      await appendAudit(tx, {
        actor: options.actor,
        action: 'import.committed',
        subjectType: 'import_job',
        subjectId: job.id,
        summary: `导入${kind.label}“${job.fileName}”：新增 ${sum.inserted} 条，更新 ${sum.updated} 条，未变 ${sum.unchanged} 条，未导入 ${job.rejectedRows} 行`,
        changes: {
          kind: job.kind, fileName: job.fileName, fileSha256: job.fileSha256, totalRows: job.totalRows,
          acceptedRows: total, rejectedRows: job.rejectedRows, ...sum,
        },
      }, now);
      const done = await transitionImportJob(tx, job.id, ['committing'], 'done', { summary: sum, finishedAt: now, progress: total });
      if (!done) throw new ImportApplyError('导入任务状态已改变（可能已被取消），未提交');
      return sum;
    });
    invalidateAllPublicResults(env.db);
    const finished = await findImportJob(env.db, job.id);
    if (!finished) throw new Error(`import job ${job.id} vanished`);
    return { status: 'done', job: finished, summary };
  } catch (error) {
    const message = error instanceof ImportApplyError
      ? error.message
      : `提交失败，目录未作任何修改（${describeError(error)}）`;
    if (!(error instanceof ImportApplyError)) env.onUnexpectedError?.(error, job.id);
    const failed = await transitionImportJob(env.db, job.id, ['committing'], 'failed', { error: message, finishedAt: env.now() });
    return { status: 'failed', job: failed, message };
  }
}

/** preview → committing; undefined when the job is not in preview. */
export function beginCommit(env: ImportEnv, jobId: string): Promise<ImportJobRow | undefined> {
  return transitionImportJob(env.db, jobId, ['preview'], 'committing', { progress: 0 });
}

/** After a commit: the accepted staged rows are no longer needed (rejected ones stay for the report). */
export function purgeAcceptedRows(env: ImportEnv, jobId: string): Promise<void> {
  return deleteStagedRows(env.db, jobId, true);
}

export async function cancelImport(env: ImportEnv, jobId: string): Promise<ImportJobRow | undefined> {
  const cancelled = await transitionImportJob(env.db, jobId, ['validating', 'preview'], 'cancelled', { finishedAt: env.now() });
  if (cancelled) await deleteStagedRows(env.db, jobId, false);
  return cancelled;
}

/** At start: fail the jobs a killed process left behind. */
export function recoverInterruptedImports(env: Pick<ImportEnv, 'db' | 'now'>): Promise<number> {
  return failInterruptedImports(env.db, env.now());
}

function describeError(error: unknown): string {
  const pgError = error as { code?: unknown; cause?: { code?: unknown; detail?: unknown } };
  const code = typeof pgError.code === 'string' ? pgError.code : typeof pgError.cause?.code === 'string' ? pgError.cause.code : undefined;
  if (code === '23505') return '与名录中已有记录的唯一编码冲突';
  if (code === '23514') return '数据不符合名录的约束条件';
  if (code === '40P01') return '与其他操作发生死锁，请重试';
  return error instanceof Error ? error.message.split('\n')[0]?.slice(0, 200) ?? '未知错误' : '未知错误';
}

export interface ImportFileInput {
  kind: ImportKind;
  filePath: string;
  fileName?: string;
  ctx: ImportContext;
  actor: AuditActor;
  /** Commit after the preview (default true); false stops at the preview. */
  commit?: boolean;
  onProgress?: ProgressListener;
  /** Called between the preview and the commit (the CLI prints the preview). */
  onPreview?: (job: ImportJobRow) => void | Promise<void>;
  /** Rows per `apply` call while committing (default commitSliceRows). */
  sliceRows?: number;
}

export type ImportFileOutcome =
  | { status: 'preview'; job: ImportJobRow }
  | { status: 'done'; job: ImportJobRow; summary: ApplySummary }
  | { status: 'failed'; job: ImportJobRow | undefined; message: string; fileLevel: boolean };

/** Import a local file in-process, start to end (the CLI, tests, the benchmark). */
export async function importLocalFile(env: ImportEnv, input: ImportFileInput): Promise<ImportFileOutcome> {
  const file = await storeImportFile(env, createReadStream(input.filePath));
  const job = await createImportJob(env, { kind: input.kind, fileName: input.fileName ?? path.basename(input.filePath), file, ctx: input.ctx });
  const validated = await validateImport(env, job, input.ctx, input.onProgress ? { onProgress: input.onProgress } : {});
  if (validated.status === 'cancelled') return { status: 'failed', job: undefined, message: '导入已取消', fileLevel: false };
  if (validated.status === 'failed') return validated;
  await input.onPreview?.(validated.job);
  if (input.commit === false) return { status: 'preview', job: validated.job };
  const committing = await beginCommit(env, job.id);
  if (!committing) return { status: 'failed', job: validated.job, message: '导入任务不在待提交状态', fileLevel: false };
  const committed = await commitImport(env, committing, input.ctx, {
    actor: input.actor,
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    ...(input.sliceRows === undefined ? {} : { sliceRows: input.sliceRows }),
  });
  if (committed.status === 'failed') return { ...committed, fileLevel: false };
  await purgeAcceptedRows(env, job.id);
  return committed;
}
