import type { PublicPlan } from '../api/public.ts';

type Line = PublicPlan['lines'][number];

const ratio = (bp: number) => `${(bp / 100).toString()}%`;
const list = (values: readonly string[]) => (values.length > 0 ? values.join('、') : '无');
const scopeText = (line: Line) => list([...line.scope.industries, ...line.scope.focusAreas, ...line.scope.regionCodes, ...line.scope.tags]);

/**
 * What changed from one published version of a plan to the next, one Chinese sentence per
 * change (the public route sends whole versions; the portal compares them, lines by name).
 */
export function planChanges(before: PublicPlan, after: PublicPlan): string[] {
  const out: string[] = [];
  if (before.title !== after.title) out.push(`计划名称由“${before.title}”改为“${after.title}”`);
  const old = new Map(before.lines.map((l) => [l.name, l]));
  const now = new Map(after.lines.map((l) => [l.name, l]));
  for (const line of after.lines) {
    const was = old.get(line.name);
    if (!was) {
      out.push(`新增抽查任务“${line.name}”（抽查比例 ${ratio(line.ratioBp)}，${line.periodFrom} 至 ${line.periodTo}）`);
      continue;
    }
    const fields: string[] = [];
    const items = (l: Line) => list(l.items.map((i) => i.name));
    if (items(was) !== items(line)) fields.push(`抽查事项由 ${items(was)} 改为 ${items(line)}`);
    if (list(was.departments) !== list(line.departments)) fields.push(`联合部门由 ${list(was.departments)} 改为 ${list(line.departments)}`);
    if (scopeText(was) !== scopeText(line)) fields.push(`范围由 ${scopeText(was)} 改为 ${scopeText(line)}`);
    if (was.ratioBp !== line.ratioBp) fields.push(`抽查比例由 ${ratio(was.ratioBp)} 改为 ${ratio(line.ratioBp)}`);
    if (was.periodFrom !== line.periodFrom || was.periodTo !== line.periodTo) {
      fields.push(`实施期间由 ${was.periodFrom} 至 ${was.periodTo} 改为 ${line.periodFrom} 至 ${line.periodTo}`);
    }
    if (fields.length > 0) out.push(`调整抽查任务“${line.name}”：${fields.join('；')}`);
  }
  for (const line of before.lines) if (!now.has(line.name)) out.push(`删除抽查任务“${line.name}”`);
  return out;
}
