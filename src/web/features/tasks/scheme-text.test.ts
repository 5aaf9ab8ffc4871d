import { describe, expect, it } from 'vitest';
import { describeExclusions, describeQuota, describeScope, describeStrata, describeTeam } from './scheme-text.ts';

const empty = { industries: [], focusAreas: [], regionCodes: [], kinds: [], objectKinds: [], statuses: [], tags: [] };

describe('the scheme in Chinese', () => {
  it('describes quotas and strata', () => {
    expect(describeQuota({ ratioBp: 500 })).toBe('按 5.00% 的比例抽取');
    expect(describeQuota({ count: 3 })).toBe('抽取 3 户');
    expect(describeStrata({ kind: 'single', quota: { count: 10 } })).toEqual(['不分层：全部候选对象抽取 10 户']);
    expect(describeStrata({ kind: 'by_risk_class', quotas: { A: { ratioBp: 300 }, D: { count: 2 } } })).toEqual([
      'A 类（信用风险低）：按 3.00% 的比例抽取', 'B 类（信用风险一般）：未设定，不参与抽取', 'C 类（信用风险较高）：未设定，不参与抽取',
      'D 类（信用风险高）：抽取 2 户', '未分类：未设定，不参与抽取',
    ]);
  });

  it('describes targeted and untargeted scopes', () => {
    expect(describeScope(empty)).toEqual(['不定向抽查：检查对象名录中的全部对象']);
    expect(describeScope({ ...empty, industries: ['道路货运', '道路客运'], kinds: ['subject'], statuses: ['active'] })).toEqual([
      '定向抽查：同时满足以下条件（同一条件内任一值即可）', '行业类别：道路货运、道路客运', '对象类型：主体类（市场主体）', '登记状态：存续',
    ]);
  });

  it('describes exclusions and team rules', () => {
    expect(describeExclusions({ excludedStatuses: ['deregistered', 'suspended'], inspectedWithinDays: 90, yearlyCap: 2, classANotAgainSameYear: true })).toEqual([
      '排除注销、停业的对象', '排除近 90 天内已被抽查的对象', '同一对象每年最多被抽查 2 次', 'A 类（信用风险低）对象当年已被抽查的，不再抽取',
    ]);
    expect(describeExclusions({ excludedStatuses: [], inspectedWithinDays: null, yearlyCap: null, classANotAgainSameYear: false })).toEqual(['不设排除规则']);
    const names: Record<string, string> = { a: '运输管理科', b: '综合执法大队' };
    expect(describeTeam({ teamSize: 3, requiredDepartmentIds: ['a', 'b'], requiredTags: ['道路运输'] }, (id) => names[id] ?? id)).toEqual([
      '每个检查组 3 名执法人员', '每组须有以下部门各 1 人：运输管理科、综合执法大队', '每组须有具备以下资质或专长的人员：道路运输',
    ]);
  });
});
