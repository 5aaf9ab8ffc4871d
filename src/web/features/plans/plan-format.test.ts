import { describe, expect, it } from 'vitest';
import type { Plan, PlanVersion } from '../../../contracts/plans.ts';
import {
  canCreatePlan, coverageVerdict, describeScope, diffRows, editorFieldOf, formatCoverage, formatLineValue, lineToBody, lineToForm, nameLookup, planActions,
  publicationLabel, yearOptions,
} from './plan-format.ts';

const emptyScope = { industries: [], focusAreas: [], regionCodes: [], kinds: [], objectKinds: [], statuses: [], tags: [] };
const DEPT = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const ITEM = '33333333-3333-4333-8333-333333333333';

const line: PlanVersion['lines'][number] = {
  name: '道路货运企业抽查',
  items: [{ id: ITEM, code: 'YS-001', name: '道路货运经营' }],
  departments: [{ id: OTHER, name: '综合执法大队' }],
  scope: { ...emptyScope, industries: ['道路货物运输'], statuses: ['active'] },
  ratioBp: 250,
  periodFrom: '2027-03-01',
  periodTo: '2027-06-30',
};

const planWith = (status: PlanVersion['status'], lines = [line]): Pick<Plan, 'department' | 'current'> => ({
  department: { id: DEPT, name: '运输管理科' },
  current: {
    version: 1, status, title: 't', reason: null, lines, createdAt: '', submittedAt: null, approvedAt: null, approvedBy: null, publishedAt: null, supersededAt: null,
  },
});

const deptAdmin = { roles: ['department_admin', 'officer'], departmentId: DEPT };
const otherAdmin = { roles: ['department_admin'], departmentId: OTHER };
const leader = { roles: ['leader'], departmentId: null };
const sysAdmin = { roles: ['system_admin'], departmentId: null };

describe('coverage texts', () => {
  const c = { planned: 12, directory: 385, ratioBp: 311, targetBp: 300, required: 12, meetsTarget: true, shortfall: 0 };
  it('formats planned over directory with the ratio', () => {
    expect(formatCoverage(c)).toBe('3.11%（计划 12 户 / 名录 385 户）');
  });
  it('says whether the target is met, and the shortfall when not', () => {
    expect(coverageVerdict(c)).toEqual({ ok: true, text: '达到目标比例 3.00%' });
    expect(coverageVerdict({ ...c, planned: 5, ratioBp: 129, meetsTarget: false, shortfall: 7 }))
      .toEqual({ ok: false, text: '低于目标比例 3.00%：还需计划 7 户（至少 12 户）' });
    expect(coverageVerdict({ ...c, planned: 0, directory: 0, ratioBp: 0, required: 0, meetsTarget: true }).ok).toBe(false);
  });
});

describe('publicationLabel', () => {
  it('names the five deadline states', () => {
    expect(publicationLabel({ kind: 'not_due', deadline: '2027-01-31', daysLeft: 64 })).toMatchObject({ label: '未到期', detail: '公开期限 2027-01-31，还有 64 天' });
    expect(publicationLabel({ kind: 'due_soon', deadline: '2027-01-31', daysLeft: 3 })).toMatchObject({ label: '即将到期', color: 'orange' });
    expect(publicationLabel({ kind: 'overdue', deadline: '2026-01-31', daysOverdue: 301 })).toMatchObject({ label: '已逾期', detail: '公开期限 2026-01-31，已逾期 301 天', color: 'red' });
    expect(publicationLabel({ kind: 'published_on_time', deadline: '2026-01-31', publishedOn: '2026-01-20' }).label).toBe('按时公开');
    expect(publicationLabel({ kind: 'published_late', deadline: '2026-01-31', publishedOn: '2026-02-03', daysLate: 3 }))
      .toMatchObject({ label: '逾期公开', detail: '2026-02-03 公开，逾期 3 天（期限 2026-01-31）' });
  });
});

describe('planActions', () => {
  it('lets the department admin edit and submit a draft with lines, not an empty one', () => {
    expect(planActions(deptAdmin, planWith('draft'))).toEqual({ edit: true, submit: true, approve: false, publish: false, revise: false });
    expect(planActions(deptAdmin, planWith('draft', [])).submit).toBe(false);
  });
  it('leaves another department and the leader read-only on a draft', () => {
    expect(Object.values(planActions(otherAdmin, planWith('draft'))).some(Boolean)).toBe(false);
    expect(Object.values(planActions(leader, planWith('draft'))).some(Boolean)).toBe(false);
  });
  it('lets only a leader approve a submitted plan', () => {
    expect(planActions(leader, planWith('submitted')).approve).toBe(true);
    expect(planActions(sysAdmin, planWith('submitted')).approve).toBe(false);
    expect(planActions(deptAdmin, planWith('submitted')).approve).toBe(false);
  });
  it('publishes an approved plan and revises a published one (department or system admin)', () => {
    expect(planActions(deptAdmin, planWith('approved')).publish).toBe(true);
    expect(planActions(sysAdmin, planWith('approved')).publish).toBe(true);
    expect(planActions(leader, planWith('approved')).publish).toBe(false);
    expect(planActions(deptAdmin, planWith('published'))).toMatchObject({ revise: true, edit: false, publish: false });
  });
  it('lets department and system admins create plans', () => {
    expect(canCreatePlan(deptAdmin)).toBe(true);
    expect(canCreatePlan(sysAdmin)).toBe(true);
    expect(canCreatePlan(leader)).toBe(false);
    expect(canCreatePlan({ roles: ['department_admin'], departmentId: null })).toBe(false);
  });
});

describe('line form conversion', () => {
  it('round-trips a line through the form, the ratio in percent', () => {
    const form = lineToForm(line);
    expect(form.ratioPercent).toBe(2.5);
    expect(lineToBody(form)).toEqual({
      name: line.name, itemIds: [ITEM], departmentIds: [OTHER], scope: line.scope, ratioBp: 250, periodFrom: '2027-03-01', periodTo: '2027-06-30',
    });
  });
  it('fills empty scope lists and trims the name', () => {
    expect(lineToBody({ name: '  抽查 ', itemIds: [ITEM], ratioPercent: 3.333, periodFrom: '2027-01-01', periodTo: '2027-12-31' }))
      .toMatchObject({ name: '抽查', departmentIds: [], scope: emptyScope, ratioBp: 333 });
  });
});

describe('scope and years', () => {
  it('describes a scope in words', () => {
    expect(describeScope(emptyScope)).toBe('不定向（全部对象）');
    expect(describeScope(line.scope)).toBe('行业：道路货物运输；状态：存续');
  });
  it('offers last year to two years ahead', () => {
    expect(yearOptions(2026)).toEqual([2025, 2026, 2027, 2028]);
  });
});

describe('diffRows', () => {
  const names = nameLookup([planWith('published').current]);
  it('shows item and department names instead of ids', () => {
    expect(formatLineValue('itemIds', [ITEM], names)).toBe('YS-001 道路货运经营');
    expect(formatLineValue('departmentIds', [], names)).toBe('无');
    expect(formatLineValue('ratioBp', 500, names)).toBe('5.00%');
  });
  it('lists the title, added, removed and changed lines field by field', () => {
    const rows = diffRows({
      from: 1, to: 2, reason: '新增危货抽查',
      titleChanged: { from: '旧标题', to: '新标题' },
      added: ['危险货物运输企业抽查'],
      removed: ['客运站抽查'],
      changed: [{ name: '道路货运企业抽查', fields: [{ field: 'ratioBp', from: 250, to: 500 }, { field: 'departmentIds', from: [], to: [OTHER] }] }],
    }, names);
    expect(rows.map((r) => [r.kindLabel, r.line, r.field, r.from, r.to])).toEqual([
      ['修改', '（计划标题）', '标题', '旧标题', '新标题'],
      ['新增', '危险货物运输企业抽查', '整项', '—', '新增此项抽查任务'],
      ['删除', '客运站抽查', '整项', '原有此项抽查任务', '—'],
      ['修改', '道路货运企业抽查', '抽查比例', '2.50%', '5.00%'],
      ['修改', '道路货运企业抽查', '联合抽查部门', '无', '综合执法大队'],
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });
});

describe('editorFieldOf', () => {
  it('maps server error paths onto the editor fields', () => {
    expect(editorFieldOf('body.title')).toEqual(['title']);
    expect(editorFieldOf('body.lines.0.itemIds.2')).toEqual(['lines', 0, 'itemIds']);
    expect(editorFieldOf('body.lines.3.periodTo')).toEqual(['lines', 3, 'period']);
    expect(editorFieldOf('body.lines.1.ratioBp')).toEqual(['lines', 1, 'ratioPercent']);
    expect(editorFieldOf('body.lines.1.scope.regionCodes.0')).toEqual(['lines', 1, 'regionCodes']);
  });
  it('returns null for errors about no single field', () => {
    expect(editorFieldOf('body.lines')).toBeNull();
    expect(editorFieldOf('body.lines.x.name')).toBeNull();
    expect(editorFieldOf('body.lines.0.scope')).toBeNull();
    expect(editorFieldOf('query.year')).toBeNull();
  });
});
