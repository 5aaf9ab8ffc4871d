import type { z } from 'zod';
import type { publicPlanSchema } from '../../../contracts/plans.ts';
import { toCsv } from '../../http/open-data-csv.ts';

/** The published plans as CSV: one row per task line of every published version (history included). */
export function publicPlansCsv(plans: readonly z.infer<typeof publicPlanSchema>[]): string {
  return toCsv(
    ['部门', '年度', '版本', '计划名称', '调整理由', '公开时间', '已被调整替代', '抽查任务', '抽查事项', '参与部门', '抽查比例', '实施期间起', '实施期间止'],
    plans.flatMap((p) => p.lines.map((l) => [
      p.department, String(p.year), String(p.version), p.title, p.reason ?? '', p.publishedAt, p.superseded ? '是' : '否', l.name,
      l.items.map((i) => `${i.code} ${i.name}`).join('；'), l.departments.join('、'), `${l.ratioBp / 100}%`, l.periodFrom, l.periodTo,
    ])),
  );
}
