import type { z } from 'zod';
import { taskStatusLabels, type publicTaskSchema } from '../../../contracts/tasks.ts';
import { toCsv } from '../../http/open-data-csv.ts';

/** The public task announcements as CSV, one row per task. */
export function publicTasksCsv(tasks: readonly z.infer<typeof publicTaskSchema>[]): string {
  return toCsv(
    ['任务编号', '任务名称', '组织部门', '参与部门', '联合抽查', '实施期间起', '实施期间止', '状态', '最新抽取编号'],
    tasks.map((t) => [
      t.code, t.name, t.organizerDepartment, t.participatingDepartments.join('、'), t.joint ? '是' : '否', t.periodFrom, t.periodTo,
      taskStatusLabels[t.status], t.latestDrawId ?? '',
    ]),
  );
}
