import { taskStatusLabels, type ExclusionRulesBody, type ScopeFilters, type StrataPlan, type Task, type TeamRules } from '../../../contracts/tasks.ts';
import { riskClasses, riskClassLabels } from '../../../domain/directory/risk-class.ts';
import { formatBp } from '../../../domain/plan/coverage.ts';
import { entityStatusLabels } from '../../../domain/task/candidate-pool.ts';

/**
 * The implementation scheme (实施方案) in readable Chinese: what the detail page shows and what
 * the portal publishes once frozen. Pure, so the wording is tested.
 */

export const taskStatusColors: Record<Task['status'], string> = { draft: 'default', frozen: 'blue', drawn: 'green' };
/** Darker text on the green tag: antd's default green text is below WCAG AA contrast. */
export const taskStatusTextStyle = (status: Task['status']) => (status === 'drawn' ? { color: '#135200' } : undefined);

export function taskStatusLabel(status: Task['status']): string {
  return taskStatusLabels[status];
}

export function describeQuota(rule: { count: number } | { ratioBp: number }): string {
  return 'count' in rule ? `抽取 ${rule.count} 户` : `按 ${formatBp(rule.ratioBp)} 的比例抽取`;
}

export function describeStrata(strata: StrataPlan): string[] {
  if (strata.kind === 'single') return [`不分层：全部候选对象${describeQuota(strata.quota)}`];
  return riskClasses.map((c) => {
    const rule = strata.quotas[c];
    return `${riskClassLabels[c]}：${rule ? describeQuota(rule) : '未设定，不参与抽取'}`;
  });
}

const kindLabels: Record<ScopeFilters['kinds'][number], string> = { subject: '主体类（市场主体）', object: '非主体类（车辆、工程、产品等）' };

export function describeScope(scope: ScopeFilters): string[] {
  const join = (list: readonly string[]) => list.join('、');
  const lines: string[] = [];
  if (scope.industries.length > 0) lines.push(`行业类别：${join(scope.industries)}`);
  if (scope.focusAreas.length > 0) lines.push(`重点领域：${join(scope.focusAreas)}`);
  if (scope.regionCodes.length > 0) lines.push(`行政区划：${join(scope.regionCodes)}`);
  if (scope.kinds.length > 0) lines.push(`对象类型：${join(scope.kinds.map((k) => kindLabels[k]))}`);
  if (scope.objectKinds.length > 0) lines.push(`非主体类对象种类：${join(scope.objectKinds)}`);
  if (scope.statuses.length > 0) lines.push(`登记状态：${join(scope.statuses.map((s) => entityStatusLabels[s]))}`);
  if (scope.tags.length > 0) lines.push(`标签：${join(scope.tags)}`);
  if (lines.length === 0) return ['不定向抽查：检查对象名录中的全部对象'];
  return ['定向抽查：同时满足以下条件（同一条件内任一值即可）', ...lines];
}

export function describeExclusions(rules: ExclusionRulesBody): string[] {
  const lines: string[] = [];
  if (rules.excludedStatuses.length > 0) lines.push(`排除${rules.excludedStatuses.map((s) => entityStatusLabels[s]).join('、')}的对象`);
  if (rules.inspectedWithinDays !== null) lines.push(`排除近 ${rules.inspectedWithinDays} 天内已被抽查的对象`);
  if (rules.yearlyCap !== null) lines.push(`同一对象每年最多被抽查 ${rules.yearlyCap} 次`);
  if (rules.classANotAgainSameYear) lines.push('A 类（信用风险低）对象当年已被抽查的，不再抽取');
  return lines.length > 0 ? lines : ['不设排除规则'];
}

export function describeTeam(team: TeamRules, departmentName: (id: string) => string): string[] {
  const lines = [`每个检查组 ${team.teamSize} 名执法人员`];
  if (team.requiredDepartmentIds.length > 0) lines.push(`每组须有以下部门各 1 人：${team.requiredDepartmentIds.map(departmentName).join('、')}`);
  if (team.requiredTags.length > 0) lines.push(`每组须有具备以下资质或专长的人员：${team.requiredTags.join('、')}`);
  return lines;
}
