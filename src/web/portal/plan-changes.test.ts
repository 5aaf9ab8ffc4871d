import { describe, expect, it } from 'vitest';
import type { PublicPlan } from '../api/public.ts';
import { planChanges } from './plan-changes.ts';

const scope = { industries: ['道路客运'], focusAreas: [], regionCodes: [], kinds: [], objectKinds: [], statuses: [], tags: [] };
const line = (name: string, over: Partial<PublicPlan['lines'][number]> = {}): PublicPlan['lines'][number] => ({
  name, items: [{ code: 'X-1', name: '客运检查' }], departments: [], scope, ratioBp: 2000, periodFrom: '2026-03-01', periodTo: '2026-06-30', ...over,
});
const plan = (version: number, lines: PublicPlan['lines'], title = '年度计划'): PublicPlan => ({
  id: '00000000-0000-4000-8000-000000000001', department: '运输管理科', year: 2026, version, title, reason: null,
  publishedAt: '2026-01-10T09:00:00.000+08:00', superseded: false, lines,
});

describe('planChanges', () => {
  it('lists added, changed and removed lines and a new title', () => {
    const before = plan(1, [line('甲'), line('乙')]);
    const after = plan(2, [line('甲', { ratioBp: 3000, departments: ['综合执法大队'] }), line('丙')], '调整后的计划');
    expect(planChanges(before, after)).toEqual([
      '计划名称由“年度计划”改为“调整后的计划”',
      '调整抽查任务“甲”：联合部门由 无 改为 综合执法大队；抽查比例由 20% 改为 30%',
      '新增抽查任务“丙”（抽查比例 20%，2026-03-01 至 2026-06-30）',
      '删除抽查任务“乙”',
    ]);
  });

  it('finds nothing between equal versions', () => {
    expect(planChanges(plan(1, [line('甲')]), plan(2, [line('甲')]))).toEqual([]);
  });
});
