import { and, eq } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema } from '../../../contracts/common.ts';
import { anomalyFlagSchema, anomalyListSchema, statsIndicatorsSchema } from '../../../contracts/oversight.ts';
import { auditEvents } from '../../db/schema.ts';
import { makeSession, makeUser, type TestSession } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { buildOversightYear, type OversightYear } from './oversight-fixtures.ts';
import { flagId, periodRange } from './oversight.service.ts';

let t: TestApp;
let data: OversightYear;
let oversight: TestSession;
let leader: TestSession;
let adminB: TestSession;

beforeAll(async () => {
  t = await createTestApp();
  data = await buildOversightYear(t.database.db);
  const db = t.database.db;
  oversight = await makeSession(db, await makeUser(db, { roles: ['oversight'], departmentId: data.departments.a }), t.clock.now());
  leader = await makeSession(db, await makeUser(db, { roles: ['leader'], departmentId: data.departments.a }), t.clock.now());
  adminB = await makeSession(db, await makeUser(db, { roles: ['department_admin'], departmentId: data.departments.b }), t.clock.now());
});
afterAll(async () => {
  await t.close();
});

const get = (session: TestSession, url: string) => t.app.inject({ method: 'GET', url, headers: session.headers });
const anomalies = async (session: TestSession) => anomalyListSchema.parse((await get(session, '/api/v1/stats/anomalies?year=2025')).json());

describe('oversight statistics: access', () => {
  it('limits a department admin to their own department, without the bureau figures', async () => {
    const own = statsIndicatorsSchema.parse((await get(adminB, '/api/v1/stats/indicators?year=2025')).json());
    expect(own.bureau).toBeNull();
    expect(own.departments.map((d) => d.department.id)).toEqual([data.departments.b]);
    const all = statsIndicatorsSchema.parse((await get(leader, '/api/v1/stats/indicators?year=2025')).json());
    expect(all.departments).toHaveLength(3);

    const flags = await anomalies(adminB);
    expect(flags.items.length).toBeGreaterThan(0);
    for (const flag of flags.items) expect(flag.records.some((r) => r.departmentName === '乙交通运输局'), flag.label).toBe(true);
    expect(flags.items.length).toBeLessThan((await anomalies(oversight)).items.length);
  });

  it('refuses reviews and bureau exports to a department admin', async () => {
    const [flag] = (await anomalies(adminB)).items;
    if (!flag) throw new Error('no flag');
    const review = await t.app.inject({ method: 'POST', url: `/api/v1/stats/anomalies/${flag.id}/review`, headers: adminB.headers, payload: { year: 2025, note: '已核查' } });
    expect(review.statusCode).toBe(403);
    expect((await get(adminB, '/api/v1/stats/assessment.xlsx?year=2025')).statusCode).toBe(403);
  });
});

describe('anomaly review (标记已核查)', () => {
  it('keeps flag ids stable, records the review with an audit event and shows it in the list', async () => {
    const before = await anomalies(oversight);
    expect((await anomalies(oversight)).items.map((f) => f.id)).toEqual(before.items.map((f) => f.id));
    const flag = before.items.find((f) => f.rule === 'identical_findings');
    if (!flag) throw new Error('no identical_findings flag');
    expect(flag.records.map((r) => r.inspectionId).sort()).toEqual([data.inspectionIds.b1, data.inspectionIds.b2].sort());

    const res = await t.app.inject({
      method: 'POST', url: `/api/v1/stats/anomalies/${flag.id}/review`, headers: oversight.headers,
      payload: { year: 2025, note: '已电话核实，两家企业同日检查，问题相同' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(anomalyFlagSchema.parse(res.json()).review?.note).toBe('已电话核实，两家企业同日检查，问题相同');

    const after = await anomalies(oversight);
    expect(after.items.find((f) => f.id === flag.id)?.review?.note).toBe('已电话核实，两家企业同日检查，问题相同');
    expect(after.unreviewed).toBe(before.unreviewed - 1);
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'anomaly.reviewed'), eq(auditEvents.subjectId, flag.id)));
    expect(audit).toHaveLength(1);
  });

  it('writes flag ids as version-8 UUIDs derived from the rule and records', () => {
    expect(flagId({ key: 'evidence_missing:x' })).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(flagId({ key: 'evidence_missing:x' })).toBe(flagId({ key: 'evidence_missing:x' }));
    expect(flagId({ key: 'evidence_missing:y' })).not.toBe(flagId({ key: 'evidence_missing:x' }));
  });

  it('refuses an empty note and a flag that does not exist', async () => {
    const [flag] = (await anomalies(oversight)).items;
    if (!flag) throw new Error('no flag');
    const empty = await t.app.inject({ method: 'POST', url: `/api/v1/stats/anomalies/${flag.id}/review`, headers: oversight.headers, payload: { year: 2025, note: '  ' } });
    expect(empty.statusCode).toBe(400);
    expect(problemSchema.parse(empty.json()).errors?.[0]).toMatchObject({ path: 'body.note', message: '请填写核查说明' });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/stats/anomalies/00000000-0000-4000-8000-000000000000/review', headers: oversight.headers, payload: { year: 2025, note: '核查' } });
    expect(unknown.statusCode).toBe(404);
    // The same flag in another year does not exist (no results of 2024 are flagged this way).
    const otherYear = await t.app.inject({ method: 'POST', url: `/api/v1/stats/anomalies/${flag.id}/review`, headers: oversight.headers, payload: { year: 2023, note: '核查' } });
    expect(otherYear.statusCode).toBe(404);
  });
});

describe('reports and downloads', () => {
  it('parses periods (year, quarter, month)', () => {
    expect(periodRange('2024')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(periodRange('2024-Q1')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(periodRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodRange('2025-Q4')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
  });

  it('refuses a malformed period in Chinese', async () => {
    const res = await get(leader, '/api/v1/stats/report?period=2024-13');
    expect(res.statusCode).toBe(400);
    expect(problemSchema.parse(res.json()).errors?.[0]?.message).toContain('统计期格式');
  });

  it('downloads the year-end assessment and the period report as xlsx, one row per department', async () => {
    const sheetText = (body: Buffer) => {
      const files = unzipSync(new Uint8Array(body));
      const shared = files['xl/sharedStrings.xml'];
      const sheet = files['xl/worksheets/sheet1.xml'];
      return (shared ? strFromU8(shared) : '') + (sheet ? strFromU8(sheet) : '');
    };
    const assessment = await get(oversight, '/api/v1/stats/assessment.xlsx?year=2025');
    expect(assessment.statusCode).toBe(200);
    expect(assessment.headers['content-type']).toContain('spreadsheetml');
    expect(String(assessment.headers['content-disposition'])).toContain(encodeURIComponent('2025年度双随机抽查考核表.xlsx'));
    const text = sheetText(assessment.rawPayload);
    for (const name of ['甲市场监管所', '乙交通运输局', '丙应急管理局', '全局合计', '抽查覆盖率']) expect(text).toContain(name);

    const report = await get(leader, '/api/v1/stats/report.xlsx?period=2025-06');
    expect(report.statusCode).toBe(200);
    expect(sheetText(report.rawPayload)).toContain('乙交通运输局');
    const exported = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'stats.exported'));
    expect(exported.length).toBeGreaterThanOrEqual(2);
  });
});
