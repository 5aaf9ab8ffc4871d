import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FollowUpDetail, FollowUpList } from '../../../contracts/followups.ts';
import type { Inspection, InspectionList, PublicResult } from '../../../contracts/inspections.ts';
import type { Draw } from '../../../contracts/tasks.ts';
import { auditEvents } from '../../db/schema.ts';
import { officers } from '../../db/schema-directory.ts';
import { followUpEvents } from '../../db/schema-inspections.ts';
import { makeDepartment, makeSession, makeUser, type TestSession } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { makeDrawFixture, type DrawFixture, seedAndRunDraw } from '../draws/draw-fixtures.ts';

/**
 * 后续处置 through the API: a result with 发现问题待后续处理 is published (the whole inspection
 * flow, with a paper signature form), its follow-up is decided, transferred, progressed and
 * closed; the closed loop shows on the inspection and on the portal. The test clock stands at
 * 2026-03-02 (China time).
 */

let t: TestApp;
let fx: DrawFixture;
let admin: TestSession;
/** Department admin of the organising department (owner of the follow-ups). */
let owner: TestSession;
/** Department admin of the participating brigade: receives a transfer. */
let brigadeAdmin: TestSession;
let strangerAdmin: TestSession;
let oversight: TestSession;
let ownerOfficer: TestSession;
const officerSessions = new Map<string, TestSession>();
let draw: Draw;

type Json = Record<string, unknown>;
async function call(method: 'GET' | 'POST' | 'PUT', url: string, session: TestSession | null, payload?: unknown) {
  const res = await t.app.inject({ method, url, headers: session?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as Json }) });
  return { status: res.statusCode, body: res.body, json: () => res.json() as Json };
}
async function auditActions(subjectId: string): Promise<string[]> {
  const rows = await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, subjectId)).orderBy(auditEvents.seq);
  return rows.map((r) => r.action);
}

const pdf = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> endobj\n%%EOF\n');

/** Enters, signs (paper form), submits, approves and publishes the inspection of one drawn object. */
async function publish(object: string, officerKey: string, codes: string[]): Promise<Inspection> {
  const member = officerSessions.get(officerKey);
  if (!member) throw new Error(`no session for ${officerKey}`);
  const list = (await call('GET', '/api/v1/inspections', member)).json() as unknown as InspectionList;
  const id = list.items.find((i) => i.object.key === object)?.id ?? '';
  const inspection = (await call('GET', `/api/v1/inspections/${id}`, member)).json() as unknown as Inspection;
  const answers = inspection.checklist.flatMap((item) => item.checkpoints.map((c) => ({ itemId: item.itemId, checkpoint: c.code, answer: 'no' })));
  const draft = await call('PUT', `/api/v1/inspections/${id}/draft`, member, {
    answers, startedOn: '2026-02-23', endedOn: '2026-02-25', verificationMethods: ['on_site'], codes, findings: '车辆未按期年审', remarks: '',
  });
  expect(draft.status, draft.body).toBe(200);
  const upload = await t.app.inject({
    method: 'POST', url: `/api/v1/inspections/${id}/evidence`, payload: Buffer.from(pdf),
    headers: { ...member.headers, 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('签字表.pdf') },
  });
  expect(upload.statusCode, upload.body).toBe(201);
  expect((await call('POST', `/api/v1/inspections/${id}/signatures`, member, { signer: 'paper_form', evidenceId: String((upload.json() as Json).id) })).status).toBe(201);
  const submitted = await call('POST', `/api/v1/inspections/${id}/submit`, member);
  expect(submitted.status, submitted.body).toBe(200);
  expect((await call('POST', `/api/v1/inspections/${id}/review`, owner, { decision: 'approve' })).status).toBe(200);
  const published = await call('POST', `/api/v1/inspections/${id}/publish`, owner);
  expect(published.status, published.body).toBe(200);
  return published.json() as unknown as Inspection;
}

async function list(session: TestSession, query = ''): Promise<FollowUpList> {
  const res = await call('GET', `/api/v1/followups${query}`, session);
  expect(res.status, res.body).toBe(200);
  return res.json() as unknown as FollowUpList;
}

async function publicStatus(objectKey: string): Promise<string | null> {
  const res = await call('GET', `/api/v1/public/results/${encodeURIComponent(objectKey)}`, null);
  expect(res.status, res.body).toBe(200);
  return (res.json().results as PublicResult[])[0]?.followUpStatus ?? null;
}

let first: Inspection;
let second: Inspection;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  fx = await makeDrawFixture(db);
  const now = t.clock.now();
  admin = await makeSession(db, await makeUser(db, { roles: ['system_admin'], displayName: '系统管理员' }), now);
  owner = await makeSession(db, await makeUser(db, { roles: ['department_admin'], departmentId: fx.transport.id, displayName: '运输科管理员' }), now);
  brigadeAdmin = await makeSession(db, await makeUser(db, { roles: ['department_admin'], departmentId: fx.brigade.id, displayName: '大队管理员' }), now);
  const elsewhere = await makeDepartment(db, { name: '无关科室' });
  strangerAdmin = await makeSession(db, await makeUser(db, { roles: ['department_admin'], departmentId: elsewhere.id }), now);
  oversight = await makeSession(db, await makeUser(db, { roles: ['oversight'], displayName: '政策法规科' }), now);
  ownerOfficer = await makeSession(db, await makeUser(db, { roles: ['officer'], departmentId: fx.transport.id }), now);
  for (const key of [...fx.officerKeys.transport, ...fx.officerKeys.brigade]) {
    const user = await makeUser(db, { roles: ['officer'], displayName: `用户${key}` });
    await db.update(officers).set({ userId: user.id }).where(eq(officers.key, key));
    officerSessions.set(key, await makeSession(db, user, now));
  }
  const task = await call('POST', '/api/v1/tasks', admin, {
    code: 'QXJT-2026-201', name: '2026 年道路运输企业后续处置测试', organizerDepartmentId: fx.transport.id,
    participatingDepartmentIds: [fx.transport.id, fx.brigade.id], itemIds: [fx.itemIds.claimed, fx.itemIds.claimed2],
    scope: { industries: ['道路货物运输', '道路旅客运输'] },
    strata: { kind: 'single', quota: { count: 3 } },
    exclusions: { excludedStatuses: ['deregistered', 'revoked'] },
    team: { teamSize: 2 },
    periodFrom: '2026-02-01', periodTo: '2026-06-30',
  });
  expect(task.status, task.body).toBe(201);
  const frozen = await call('POST', `/api/v1/tasks/${String(task.json().id)}/freeze`, admin);
  expect(frozen.status, frozen.body).toBe(201);
  const drawRowId = String(frozen.json().id);
  draw = await seedAndRunDraw(t.app, admin.headers, drawRowId, '27182818284590452353');
  expect(draw.status).toBe('completed');
  const [a, b] = draw.output?.assignments ?? [];
  if (!a || !b) throw new Error('the draw assigned fewer than two objects');
  first = await publish(a.object, a.officers[0] ?? '', ['A', 'D']);
  second = await publish(b.object, b.officers[0] ?? '', ['A', 'D']);
}, 180_000);
afterAll(async () => {
  await t.close();
});

describe('follow-ups (后续处置): measure, transfer, progress, closure, closed loop', () => {
  let firstId: string;
  let secondId: string;

  it('lists the follow-ups the publish step opened, scoped to the department', async () => {
    const mine = await list(owner);
    expect(mine.items.map((i) => i.inspectionId).sort()).toEqual([first.id, second.id].sort());
    expect(mine.items.every((i) => i.status === 'open' && i.measure === null && i.ownerDepartment?.id === fx.transport.id)).toBe(true);
    firstId = mine.items.find((i) => i.inspectionId === first.id)?.id ?? '';
    secondId = mine.items.find((i) => i.inspectionId === second.id)?.id ?? '';
    expect(first.followUp).toEqual({ id: firstId, status: 'open' });
    // Staff of the department read them; oversight reads all; another department sees none.
    expect((await list(ownerOfficer)).total).toBe(2);
    expect((await list(oversight)).total).toBe(2);
    expect((await list(strangerAdmin)).total).toBe(0);
    expect((await list(brigadeAdmin)).total).toBe(0);
    expect((await call('GET', `/api/v1/followups/${firstId}`, strangerAdmin)).status).toBe(404);
    expect((await call('POST', `/api/v1/followups/${firstId}/measure`, strangerAdmin, { measure: 'other' })).status).toBe(404);
    // An officer of the department reads but does not decide.
    expect((await call('POST', `/api/v1/followups/${firstId}/measure`, ownerOfficer, { measure: 'other' })).status).toBe(403);
    expect((await list(owner, '?year=2026')).total).toBe(2);
    expect((await list(owner, '?year=2025')).total).toBe(0);
  });

  it('requires a measure first, and a deadline for 责令改正', async () => {
    const early = await call('POST', `/api/v1/followups/${secondId}/progress`, owner, { on: '2026-03-02', note: '已电话通知' });
    expect(early.status, early.body).toBe(409);
    expect(early.json().detail).toContain('请先确定处置措施');
    const noDeadline = await call('POST', `/api/v1/followups/${secondId}/measure`, owner, { measure: 'order_correction' });
    expect(noDeadline.status).toBe(400);
    expect(noDeadline.json().detail).toContain('改正期限');
  });

  it('counts a 责令改正 past its deadline as overdue until it is closed', async () => {
    const set = await call('POST', `/api/v1/followups/${secondId}/measure`, owner, { measure: 'order_correction', dueOn: '2026-02-27', note: '责令 3 日内整改' });
    expect(set.status, set.body).toBe(200);
    expect(set.json()).toMatchObject({ measure: 'order_correction', dueOn: '2026-02-27', overdue: true, status: 'open' });
    const all = await list(owner);
    expect(all.overdue).toBe(1);
    expect((await list(owner, '?overdue=true')).items.map((i) => i.id)).toEqual([secondId]);
    expect((await list(owner, '?overdue=false')).items.map((i) => i.id)).toEqual([firstId]);
    // The measure can still change while nothing has been done; after progress it cannot.
    expect((await call('POST', `/api/v1/followups/${secondId}/measure`, owner, { measure: 'order_correction', dueOn: '2026-03-20' })).json().overdue).toBe(false);
    expect((await list(owner)).overdue).toBe(0);
    expect((await call('POST', `/api/v1/followups/${secondId}/measure`, owner, { measure: 'order_correction', dueOn: '2026-02-27' })).status).toBe(200);
    const progress = await call('POST', `/api/v1/followups/${secondId}/progress`, owner, { on: '2026-03-02', note: '企业已提交整改计划' });
    expect(progress.status, progress.body).toBe(200);
    expect(progress.json().status).toBe('in_progress');
    expect((await call('POST', `/api/v1/followups/${secondId}/measure`, owner, { measure: 'other' })).status).toBe(409);
    expect((await list(owner, '?status=in_progress')).items.map((i) => i.id)).toEqual([secondId]);
    const closed = await call('POST', `/api/v1/followups/${secondId}/close`, owner, { closedOn: '2026-03-02', outcome: '已整改完毕' });
    expect(closed.status, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', statusLabel: '已完结', overdue: false, closedLoop: true });
    expect((await list(owner)).overdue).toBe(0);
    expect(await publicStatus(second.object.key)).toBe('后续处置已完结（已闭环）');
  });

  it('refuses to close a 移送 before the transfer, and a transfer to an outside body without its document', async () => {
    expect((await call('POST', `/api/v1/followups/${firstId}/measure`, owner, { measure: 'transfer_case', note: '涉嫌非法营运' })).status).toBe(200);
    const tooEarly = await call('POST', `/api/v1/followups/${firstId}/close`, owner, { closedOn: '2026-03-02', outcome: '已移送' });
    expect(tooEarly.status, tooEarly.body).toBe(409);
    expect(tooEarly.json().detail).toContain('须先登记移送对象');
    const noDocument = await call('POST', `/api/v1/followups/${firstId}/transfer`, owner, {
      on: '2026-03-02', target: { kind: 'external', body: '县公安局', documentNo: ' ', documentDate: '2026-03-02' },
    });
    expect(noDocument.status, noDocument.body).toBe(400);
    expect(noDocument.json().detail).toContain('文书编号');
    const unknownDepartment = await call('POST', `/api/v1/followups/${firstId}/transfer`, owner, {
      on: '2026-03-02', target: { kind: 'department', departmentId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknownDepartment.status).toBe(400);
  });

  it('transfers to an outside body, adds a second measure transferred to a platform department, and closes the loop only when both are closed', async () => {
    const transferred = await call('POST', `/api/v1/followups/${firstId}/transfer`, owner, {
      on: '2026-03-02', target: { kind: 'external', body: '县公安局交警大队', documentNo: '交移〔2026〕3号', documentDate: '2026-03-02' },
    });
    expect(transferred.status, transferred.body).toBe(200);
    expect(transferred.json()).toMatchObject({
      status: 'in_progress', transfer: { kind: 'external', body: '县公安局交警大队', documentNo: '交移〔2026〕3号', documentDate: '2026-03-02' },
    });
    expect(await publicStatus(first.object.key)).toBe('后续处置中');

    // A later measure is later in time: siblings are listed in the order they were opened.
    t.clock.advance(60_000);
    const added = await call('POST', `/api/v1/followups/${firstId}/measures`, owner, { measure: 'notify_department', note: '抄告大队' });
    expect(added.status, added.body).toBe(201);
    const extra = added.json() as unknown as FollowUpDetail;
    expect(extra.inspectionId).toBe(first.id);
    expect(extra.siblings.map((s) => s.id)).toEqual([firstId, extra.id]);
    expect((await call('POST', `/api/v1/followups/${extra.id}/transfer`, owner, { on: '2026-03-02', target: { kind: 'department', departmentId: fx.brigade.id } })).status).toBe(200);

    // The brigade sees what was transferred to it, records progress and closes, but does not transfer it on.
    expect((await list(brigadeAdmin)).items.map((i) => i.id)).toEqual([extra.id]);
    expect((await call('GET', `/api/v1/followups/${firstId}`, brigadeAdmin)).status).toBe(404);
    expect((await call('POST', `/api/v1/followups/${extra.id}/transfer`, brigadeAdmin, { on: '2026-03-02', target: { kind: 'department', departmentId: fx.transport.id } })).status).toBe(403);
    expect((await call('POST', `/api/v1/followups/${extra.id}/progress`, brigadeAdmin, { on: '2026-03-02', note: '已约谈企业负责人' })).status).toBe(200);

    expect((await call('POST', `/api/v1/followups/${firstId}/close`, owner, { closedOn: '2026-03-02', outcome: '' })).status).toBe(400);
    const closedFirst = await call('POST', `/api/v1/followups/${firstId}/close`, owner, { closedOn: '2026-03-02', outcome: '公安机关已立案' });
    expect(closedFirst.status, closedFirst.body).toBe(200);
    expect(closedFirst.json().closedLoop).toBe(false);
    // One of two closed: not yet closed-loop, on the inspection and on the portal.
    expect(((await call('GET', `/api/v1/inspections/${first.id}`, owner)).json() as unknown as Inspection).followUp).toEqual({ id: firstId, status: 'in_progress' });
    expect(await publicStatus(first.object.key)).toBe('后续处置中');

    const closedExtra = await call('POST', `/api/v1/followups/${extra.id}/close`, brigadeAdmin, { closedOn: '2026-03-02', outcome: '大队已处理' });
    expect(closedExtra.status, closedExtra.body).toBe(200);
    expect(closedExtra.json().closedLoop).toBe(true);
    expect(((await call('GET', `/api/v1/inspections/${first.id}`, owner)).json() as unknown as Inspection).followUp).toEqual({ id: firstId, status: 'closed' });
    expect(await publicStatus(first.object.key)).toBe('后续处置已完结（已闭环）');

    // After closure: no more changes (409).
    for (const [path, body] of [
      ['progress', { on: '2026-03-02', note: '补充' }], ['close', { closedOn: '2026-03-02', outcome: '再次完结' }],
      ['transfer', { on: '2026-03-02', target: { kind: 'department', departmentId: fx.brigade.id } }], ['measure', { measure: 'other' }],
    ] as const) {
      const res = await call('POST', `/api/v1/followups/${firstId}/${path}`, owner, body);
      expect(res.status, `${path}: ${res.body}`).toBe(409);
    }
    expect((await list(owner, '?status=closed')).total).toBe(3);
  });

  it('keeps the timeline, append-only, and audits every change', async () => {
    const detail = (await call('GET', `/api/v1/followups/${firstId}`, oversight)).json() as unknown as FollowUpDetail;
    expect(detail.events.map((e) => e.type)).toEqual(['measure', 'transfer', 'close']);
    expect(detail.events[1]?.data).toMatchObject({ target: { kind: 'external', documentNo: '交移〔2026〕3号' } });
    expect(detail.events.every((e) => e.actorName === '运输科管理员')).toBe(true);
    expect(detail.canManage).toBe(false);
    expect(await auditActions(firstId)).toEqual(['followup.measure_set', 'followup.transferred', 'followup.closed']);
    const extraId = detail.siblings[1]?.id ?? '';
    expect(await auditActions(extraId)).toEqual(['followup.added', 'followup.transferred', 'followup.progress_recorded', 'followup.closed']);
    const db = t.database.db;
    await expect(db.update(followUpEvents).set({ note: '改写' }).where(eq(followUpEvents.followUpId, firstId))).rejects.toThrow();
    await expect(db.execute(sql`delete from follow_up_events where follow_up_id = ${firstId}`)).rejects.toThrow();
  });
});
