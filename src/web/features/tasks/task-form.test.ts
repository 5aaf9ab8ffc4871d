import { describe, expect, it } from 'vitest';
import type { Task } from '../../../contracts/tasks.ts';
import {
  bpToPercent, formToStrata, inputToQuota, newTaskValues, percentToBp, StrataMissingError, strataToForm, taskToValues, valuesToCreateBody,
  valuesToUpdateBody, type TaskFormValues,
} from './task-form.ts';

const org = '00000000-0000-4000-8000-000000000001';
const other = '00000000-0000-4000-8000-000000000002';
const item = '00000000-0000-4000-8000-000000000011';

describe('percent ⇄ basis points', () => {
  it('converts percent to whole basis points and back', () => {
    expect(percentToBp(5)).toBe(500);
    expect(percentToBp(0.25)).toBe(25);
    expect(percentToBp(100)).toBe(10_000);
    // 12.345 % is not a whole basis point: rounded, since the API takes integers only.
    expect(percentToBp(12.345)).toBe(1235);
    // Floating point: 0.07 * 100 is 7.000000000000001.
    expect(percentToBp(0.07)).toBe(7);
    expect(bpToPercent(500)).toBe(5);
    expect(bpToPercent(25)).toBe(0.25);
  });
  it('turns a quota input into a rule, or null when empty', () => {
    expect(inputToQuota({ mode: 'ratio', value: 7.5 })).toEqual({ ratioBp: 750 });
    expect(inputToQuota({ mode: 'count', value: 3 })).toEqual({ count: 3 });
    expect(inputToQuota({ mode: 'ratio', value: null })).toBeNull();
  });
});

describe('strata form', () => {
  it('round-trips a plan by risk class, leaving unset classes off', () => {
    const strata = { kind: 'by_risk_class' as const, quotas: { A: { ratioBp: 300 }, C: { count: 4 }, D: { ratioBp: 2000 } } };
    const form = strataToForm(strata);
    expect(form.classes.A).toEqual({ enabled: true, mode: 'ratio', value: 3 });
    expect(form.classes.B.enabled).toBe(false);
    expect(form.classes.C).toEqual({ enabled: true, mode: 'count', value: 4 });
    expect(formToStrata(form)).toEqual(strata);
  });
  it('ignores a class switched off even if it has a value, and returns null when nothing is set', () => {
    const form = strataToForm({ kind: 'by_risk_class', quotas: { A: { ratioBp: 300 } } });
    form.classes.A.enabled = false;
    form.classes.B = { enabled: false, mode: 'ratio', value: 9 };
    expect(formToStrata(form)).toBeNull();
    expect(formToStrata({ ...form, strataKind: 'single', single: { mode: 'count', value: 12 } })).toEqual({ kind: 'single', quota: { count: 12 } });
  });
});

describe('task values ⇄ body', () => {
  const values = (): TaskFormValues => ({
    ...newTaskValues(org, 2026), code: ' QXJT-2026-001 ', name: ' 联合抽查 ', participatingDepartmentIds: [other], itemIds: [item, item],
    targeted: true, scope: { industries: ['道路货运', ' ', '道路货运'], focusAreas: [], regionCodes: [], kinds: ['subject'], objectKinds: [], statuses: [], tags: [] },
    strataKind: 'by_risk_class',
    team: { teamSize: 2, requiredDepartmentIds: [org, other], requiredTags: [' 道路运输 '] },
  });

  it('builds the create body: organiser among participants, percents as basis points, lists cleaned', () => {
    const body = valuesToCreateBody(values());
    expect(body.code).toBe('QXJT-2026-001');
    expect(body.planId).toBeNull();
    expect(body.participatingDepartmentIds).toEqual([org, other]);
    expect(body.itemIds).toEqual([item]);
    expect(body.scope?.industries).toEqual(['道路货运']);
    expect(body.strata).toEqual({ kind: 'by_risk_class', quotas: { A: { ratioBp: 300 }, B: { ratioBp: 500 }, C: { ratioBp: 1000 }, D: { ratioBp: 2000 }, U: { ratioBp: 500 } } });
    expect(body.team.requiredTags).toEqual(['道路运输']);
  });

  it('drops the scope of an untargeted task and refuses a task without any quota', () => {
    expect(valuesToCreateBody({ ...values(), targeted: false }).scope?.industries).toEqual([]);
    expect(() => valuesToCreateBody({ ...values(), strataKind: 'single', single: { mode: 'ratio', value: null } })).toThrow(StrataMissingError);
  });

  it('leaves code, plan and organiser out of the update body', () => {
    const body = valuesToUpdateBody(values());
    expect(Object.keys(body)).not.toContain('code');
    expect(Object.keys(body)).not.toContain('organizerDepartmentId');
    expect(body.name).toBe('联合抽查');
  });

  it('reads a saved task back into the same form values', () => {
    const body = valuesToCreateBody(values());
    const task: Task = {
      id: '00000000-0000-4000-8000-000000000099', code: body.code, name: body.name, source: 'ad_hoc', planId: null,
      organizerDepartment: { id: org, name: '运输管理科' },
      participatingDepartments: [{ id: org, name: '运输管理科' }, { id: other, name: '综合执法大队' }], joint: true, targeted: true,
      items: [{ id: item, code: 'JT-1', name: '事项', category: 'general' }],
      scope: { industries: ['道路货运'], focusAreas: [], regionCodes: [], kinds: ['subject'], objectKinds: [], statuses: [], tags: [] },
      strata: body.strata, exclusions: { excludedStatuses: ['deregistered'], inspectedWithinDays: 180, yearlyCap: null, classANotAgainSameYear: true },
      team: { teamSize: 2, requiredDepartmentIds: [org, other], requiredTags: ['道路运输'] },
      periodFrom: '2026-03-01', periodTo: '2026-11-30', description: '', status: 'draft', draws: [], createdAt: '', updatedAt: '',
    };
    const back = taskToValues(task);
    expect(back.classes.D).toEqual({ enabled: true, mode: 'ratio', value: 20 });
    expect(back.exclusions.inspectedWithinDays).toBe(180);
    expect(valuesToCreateBody(back)).toEqual({ ...body, exclusions: task.exclusions });
  });
});
