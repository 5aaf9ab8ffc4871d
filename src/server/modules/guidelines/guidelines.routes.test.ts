import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guidelineSummaryPageSchema, guidelineVersionListSchema, guidelineVersionSchema } from '../../../contracts/guidelines.ts';
import { itemDetailSchema, itemSchema } from '../../../contracts/items.ts';
import { makeDepartment, makeSession, makeUser, type TestSession } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { listAuditEvents } from '../audit/audit.repository.ts';

let t: TestApp;
let ownDept: string;
let deptAdmin: TestSession;
let otherAdmin: TestSession;
let officer: TestSession;
let itemId: string;

const guideline = {
  content: '经营资质、车辆和驾驶员条件、安全生产管理制度落实情况',
  method: '实地查看经营场所，查阅许可证件和台账',
  basis: '《中华人民共和国道路运输条例》',
  checkpoints: [
    { code: 'GL-01', text: '是否取得《道路运输经营许可证》且在有效期内' },
    { code: 'GL-02', text: '营运车辆是否均持有有效的《道路运输证》' },
  ],
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  ownDept = (await makeDepartment(db, { name: '运输管理科' })).id;
  const otherDept = (await makeDepartment(db, { name: '综合执法大队' })).id;
  deptAdmin = await makeSession(db, await makeUser(db, { roles: ['department_admin'], departmentId: ownDept }), t.clock.now());
  otherAdmin = await makeSession(db, await makeUser(db, { roles: ['department_admin'], departmentId: otherDept }), t.clock.now());
  officer = await makeSession(db, await makeUser(db, { roles: ['officer'], departmentId: otherDept }), t.clock.now());
  const res = await t.app.inject({
    method: 'POST', url: '/api/v1/items', headers: deptAdmin.headers,
    payload: {
      code: 'GL-SX-001', category: 'key', groupName: '道路运输经营', name: '道路货运经营的监督检查', legalBasis: '《道路运输条例》',
      responsibleDepartmentId: ownDept, supervisionLevel: 'county', objectType: 'entity', content: '经营资质',
    },
  });
  itemId = itemSchema.parse(res.json()).id;
});
afterAll(async () => {
  await t.close();
});

describe('guidelines', () => {
  it('has none at first (404), and lists the item without one', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/items/${itemId}/guideline`, headers: officer.headers })).statusCode).toBe(404);
    const list = guidelineSummaryPageSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/guidelines?has=without', headers: officer.headers })).json());
    expect(list.items.map((i) => i.itemId)).toContain(itemId);
  });

  it('saves versions: new content → 201 and a new version; the same content → 200, no new version', async () => {
    const first = await t.app.inject({ method: 'PUT', url: `/api/v1/items/${itemId}/guideline`, headers: deptAdmin.headers, payload: guideline });
    expect(first.statusCode, first.body).toBe(201);
    const v1 = guidelineVersionSchema.parse(first.json());
    expect(v1).toMatchObject({ version: 1, current: true, reason: '制定工作指引', itemCode: 'GL-SX-001', checkpoints: guideline.checkpoints });
    const same = await t.app.inject({ method: 'PUT', url: `/api/v1/items/${itemId}/guideline`, headers: deptAdmin.headers, payload: guideline });
    expect(same.statusCode).toBe(200);
    expect(guidelineVersionSchema.parse(same.json()).id).toBe(v1.id);
    // Reordered and extended checklist: version 2.
    const reordered = { ...guideline, checkpoints: [guideline.checkpoints[1], guideline.checkpoints[0], { code: 'GL-03', text: '是否建立安全生产管理制度' }], reason: '增加检查要点' };
    const second = await t.app.inject({ method: 'PUT', url: `/api/v1/items/${itemId}/guideline`, headers: deptAdmin.headers, payload: reordered });
    expect(second.statusCode).toBe(201);
    const v2 = guidelineVersionSchema.parse(second.json());
    expect(v2.version).toBe(2);
    expect(v2.checkpoints.map((c) => c.code)).toEqual(['GL-02', 'GL-01', 'GL-03']);
    const current = guidelineVersionSchema.parse((await t.app.inject({ method: 'GET', url: `/api/v1/items/${itemId}/guideline`, headers: officer.headers })).json());
    expect(current.id).toBe(v2.id);
    const versions = guidelineVersionListSchema.parse((await t.app.inject({ method: 'GET', url: `/api/v1/items/${itemId}/guideline/versions`, headers: officer.headers })).json());
    expect(versions.items.map((v) => [v.version, v.current])).toEqual([[2, true], [1, false]]);
    // An inspection keeps the version id it used: version 1 stays readable by id.
    const old = guidelineVersionSchema.parse((await t.app.inject({ method: 'GET', url: `/api/v1/guidelines/${v1.id}`, headers: officer.headers })).json());
    expect(old).toMatchObject({ version: 1, current: false, checkpoints: guideline.checkpoints });
    const detail = itemDetailSchema.parse((await t.app.inject({ method: 'GET', url: `/api/v1/items/${itemId}`, headers: officer.headers })).json());
    expect(detail.item.currentGuidelineVersionId).toBe(v2.id);
    const audit = await listAuditEvents(t.database.db, { action: 'guideline.version_created', page: 1, pageSize: 10 });
    expect(audit.items.map((e) => e.subjectId)).toEqual([v2.id, v1.id]);
    const list = guidelineSummaryPageSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/guidelines?has=with', headers: officer.headers })).json());
    expect(list.items.find((i) => i.itemId === itemId)).toMatchObject({ version: 2, checkpointCount: 3, guidelineVersionId: v2.id });
  });

  it('refuses duplicate checkpoint codes, other departments and officers', async () => {
    const dup = await t.app.inject({
      method: 'PUT', url: `/api/v1/items/${itemId}/guideline`, headers: deptAdmin.headers,
      payload: { ...guideline, checkpoints: [{ code: 'A', text: '一' }, { code: 'A', text: '二' }] },
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors).toEqual([{ path: 'body.checkpoints.0.code', message: '检查要点编号重复' }, { path: 'body.checkpoints.1.code', message: '检查要点编号重复' }]);
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/items/${itemId}/guideline`, headers: otherAdmin.headers, payload: guideline })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/items/${itemId}/guideline`, headers: officer.headers, payload: guideline })).statusCode).toBe(403);
  });
});
