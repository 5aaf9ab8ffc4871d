import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { systemActor } from '../audit/audit-events.ts';
import { rowsOf, type Db } from '../db/database.ts';
import { findImportKind } from './import-kinds.ts';
import { listRejectedRows, type StagedRowView } from './import-jobs.repository.ts';
import { importLocalFile, type ImportEnv, type ImportFileOutcome, type ProgressListener } from './import-runner.ts';

/** Test helpers for imports: a temp files folder, a one-call import, and a checksum of entities. */

export interface TestImportEnv extends ImportEnv {
  dir: string;
  cleanup(): Promise<void>;
}

export async function createTestImportEnv(db: Db, now: () => Date = () => new Date('2026-03-02T09:00:00+08:00')): Promise<TestImportEnv> {
  const dir = await mkdtemp(path.join(tmpdir(), 'suiji-import-test-'));
  return {
    db, now, dir, filesDir: path.join(dir, 'files'),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface RunResult {
  outcome: ImportFileOutcome;
  rejected: StagedRowView[];
}

export async function runImport(
  env: ImportEnv, kindId: string, filePath: string,
  options: { commit?: boolean; departmentId?: string | null; onProgress?: ProgressListener } = {},
): Promise<RunResult> {
  const kind = findImportKind(kindId);
  if (!kind) throw new Error(`no kind ${kindId}`);
  const outcome = await importLocalFile(env, {
    kind, filePath, actor: systemActor,
    ctx: { departmentId: options.departmentId ?? null, userId: null, now: env.now() },
    ...(options.commit === undefined ? {} : { commit: options.commit }),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const rejected = outcome.job ? await listRejectedRows(env.db, outcome.job.id, 10_000) : [];
  return { outcome, rejected };
}

/** Row count and an md5 over every row of `entities` in key order: equal means byte-identical. */
export async function entitiesChecksum(db: Db): Promise<{ count: number; md5: string }> {
  const [row] = rowsOf<{ count: number; md5: string | null }>(await db.execute(sql`
    select count(*)::int as count, md5(coalesce(string_agg(e::text, E'\n' order by e.key), '')) as md5 from entities e`));
  return { count: row?.count ?? 0, md5: row?.md5 ?? '' };
}
