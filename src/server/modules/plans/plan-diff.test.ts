import { describe, expect, it } from 'vitest';
import type { PlanLineJson } from '../../db/schema-plans.ts';
import { diffPlan } from './plan-diff.ts';

const scope = { industries: [], focusAreas: [], regionCodes: [], kinds: [], objectKinds: [], statuses: [], tags: [] };
const line = (name: string, over: Partial<PlanLineJson> = {}): PlanLineJson => ({
  name, itemIds: ['i1'], departmentIds: [], scope, ratioBp: 300, periodFrom: '2024-03-01', periodTo: '2024-06-30', ...over,
});

describe('diffPlan', () => {
  it('lists added, removed and changed lines field by field', () => {
    const diff = diffPlan(
      { title: '2024 年度计划', lines: [line('道路运输'), line('工程质量'), line('客运站')] },
      { title: '2024 年度计划（调整）', lines: [line('道路运输', { ratioBp: 500, scope: { ...scope, industries: ['道路货运'] } }), line('客运站'), line('维修')] },
    );
    expect(diff.titleChanged).toEqual({ from: '2024 年度计划', to: '2024 年度计划（调整）' });
    expect(diff.added).toEqual(['维修']);
    expect(diff.removed).toEqual(['工程质量']);
    expect(diff.changed).toEqual([{ name: '道路运输', fields: [
      { field: 'scope', from: scope, to: { ...scope, industries: ['道路货运'] } },
      { field: 'ratioBp', from: 300, to: 500 },
    ] }]);
  });

  it('finds nothing between equal versions', () => {
    const v = { title: 't', lines: [line('a')] };
    expect(diffPlan(v, v)).toEqual({ titleChanged: null, added: [], removed: [], changed: [] });
  });
});
