import { describe, expect, it } from 'vitest';
import { buildOneIndustryTemplate, itemMatchesIndustry, normaliseIndustry, type TemplateSourceItem } from './one-industry.ts';

const ysgl = { id: '00000000-0000-4000-8000-000000000001', name: '运输管理科' };
const zhzf = { id: '00000000-0000-4000-8000-000000000002', name: '综合执法大队' };
const aqjd = { id: '00000000-0000-4000-8000-000000000003', name: '安全监督科' };

let n = 0;
function item(over: Partial<TemplateSourceItem>): TemplateSourceItem {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`, code: `JT-${String(n).padStart(3, '0')}`, name: `事项${n}`,
    category: 'general', groupName: '道路运输', objectType: 'entity', industries: ['道路货运'], status: 'active', claimedBy: ysgl, ...over,
  };
}

describe('itemMatchesIndustry', () => {
  it('matches a named industry, ignoring width and white space', () => {
    expect(itemMatchesIndustry({ industries: ['道路客运', '道路货运'], objectType: 'entity' }, '道路货运')).toBe(true);
    expect(itemMatchesIndustry({ industries: ['道路　货运 '], objectType: 'entity' }, ' 道路货运')).toBe(true);
    expect(normaliseIndustry('ＡＢ Ｃ')).toBe('ABC');
  });
  it('does not match a substring, an item without industries, or another object type', () => {
    expect(itemMatchesIndustry({ industries: ['危险货物运输道路货运站'], objectType: 'entity' }, '道路货运')).toBe(false);
    expect(itemMatchesIndustry({ industries: [], objectType: 'entity' }, '道路货运')).toBe(false);
    expect(itemMatchesIndustry({ industries: ['道路货运'], objectType: 'vehicle' }, '道路货运', 'entity')).toBe(false);
    expect(itemMatchesIndustry({ industries: ['道路货运'], objectType: 'vehicle' }, '道路货运', 'vehicle')).toBe(true);
    expect(itemMatchesIndustry({ industries: ['道路货运'], objectType: 'entity' }, '  ')).toBe(false);
  });
});

describe('buildOneIndustryTemplate', () => {
  const a1 = item({ code: 'JT-010', claimedBy: zhzf });
  const a2 = item({ code: 'JT-005', claimedBy: zhzf });
  const b1 = item({ code: 'JT-001', claimedBy: ysgl, industries: ['道路客运', '道路货运'] });
  const retired = item({ status: 'retired' });
  const unclaimed = item({ claimedBy: null });
  const other = item({ industries: ['机动车维修'], claimedBy: aqjd });

  it('groups usable matching items by claiming department, largest first, and prefills a joint task', () => {
    const t = buildOneIndustryTemplate([b1, a1, retired, unclaimed, other, a2], { industry: ' 道路货运 ' });
    expect(t.industry).toBe('道路货运');
    expect(t.departments.map((g) => [g.department.name, g.items.map((i) => i.code)])).toEqual([
      ['综合执法大队', ['JT-005', 'JT-010']],
      ['运输管理科', ['JT-001']],
    ]);
    expect(t.body.itemIds).toEqual([a2.id, a1.id, b1.id]);
    // No organiser given: the department with the most items leads.
    expect(t.body.organizerDepartmentId).toBe(zhzf.id);
    expect(t.body.participatingDepartmentIds).toEqual([zhzf.id, ysgl.id]);
    expect(t.body.team).toEqual({ teamSize: 2, requiredDepartmentIds: [zhzf.id, ysgl.id], requiredTags: [] });
    expect(t.body.scope.industries).toEqual(['道路货运']);
    expect(t.body.name).toBe('道路货运行业“一业一查”联合抽查');
  });

  it('makes the caller’s department the organiser, adding it when it has no items', () => {
    const own = buildOneIndustryTemplate([b1, a1], { industry: '道路货运', organizerDepartmentId: ysgl.id });
    expect(own.body.organizerDepartmentId).toBe(ysgl.id);
    expect(own.body.participatingDepartmentIds).toEqual([ysgl.id, zhzf.id]);
    const outsider = buildOneIndustryTemplate([b1, a1], { industry: '道路货运', organizerDepartmentId: aqjd.id });
    expect(outsider.body.participatingDepartmentIds).toEqual([aqjd.id, zhzf.id, ysgl.id]);
    // Only the departments with items must send an officer.
    expect(outsider.body.team.requiredDepartmentIds).toEqual([zhzf.id, ysgl.id]);
  });

  it('keeps the team size at least 2 and returns an empty template when nothing matches', () => {
    const three = buildOneIndustryTemplate([a1, b1, item({ claimedBy: aqjd })], { industry: '道路货运' });
    expect(three.body.team.teamSize).toBe(3);
    const none = buildOneIndustryTemplate([a1, other], { industry: '水路运输' });
    expect(none.departments).toEqual([]);
    expect(none.body.itemIds).toEqual([]);
    expect(none.body.organizerDepartmentId).toBeNull();
    expect(none.body.team.teamSize).toBe(2);
  });
});
