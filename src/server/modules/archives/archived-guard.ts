import type { Db } from '../../db/database.ts';
import { fail, type Result } from '../../http/failures.ts';
import { isTaskArchived } from './archives.repository.ts';

/**
 * Archived tasks are read-only (issue #7): every change of the task, its draws, its
 * inspections and their follow-ups asks here first and answers 409 with this reason. The
 * database refuses too (triggers of migration 0011_archives), so a path that forgets to ask
 * still cannot change what the archive holds.
 */
export async function refuseIfArchived(db: Db, task: { id: string; code: string }): Promise<Result<never> | null> {
  if (!(await isTaskArchived(db, task.id))) return null;
  return fail('conflict', `抽查任务 ${task.code} 已归档，任务、抽取、检查结果及后续处置均为只读，不能修改`);
}
