import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveCheck } from '../../../contracts/archives.ts';
import type { Inspection, InspectionList } from '../../../contracts/inspections.ts';
import type { Draw } from '../../../contracts/tasks.ts';
import { runCli } from '../../../cli/run-cli.ts';
import { readArchiveZip, verifyArchiveZip } from '../../archive/archive-zip.ts';
import { auditEvents } from '../../db/schema.ts';
import { officers } from '../../db/schema-directory.ts';
import { followUps, inspections } from '../../db/schema-inspections.ts';
import { tasks } from '../../db/schema-plans.ts';
import { taskArchives } from '../../db/schema-archives.ts';
import { makeDepartment, makeSession, makeUser, type TestSession } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { makeDrawFixture, type DrawFixture, seedAndRunDraw } from '../draws/draw-fixtures.ts';

let closedFollowUpId = '';
let t: TestApp;
let fx: DrawFixture;
let admin: TestSession;
let reviewer: TestSession;
let oversight: TestSession;
let strangerAdmin: TestSession;
let officerOnly: TestSession;
const officerSessions = new Map<string, TestSession>();
let taskId: string;
let planId: string;
let draw: Draw;
const dir = mkdtempSync(join(tmpdir(), 'suiji-archive-route-'));

type Json = Record<string, unknown>;
async function call(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, session: TestSession | null, payload?: unknown) {
  const res = await t.app.inject({ method, url, headers: session?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as Json }) });
  return { status: res.statusCode, body: res.body, json: () => res.json() as Json, headers: res.headers, raw: res.rawPayload };
}
async function upload(id: string, session: TestSession, bytes: Uint8Array, contentType: string, fileName: string) {
  const res = await t.app.inject({
    method: 'POST', url: `/api/v1/inspections/${id}/evidence`, payload: Buffer.from(bytes),
    headers: { ...session.headers, 'content-type': contentType, 'x-file-name': encodeURIComponent(fileName) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}
function sessionOf(key: string): TestSession {
  const session = officerSessions.get(key);
  if (!session) throw new Error(`no session for ${key}`);
  return session;
}
const check = async (session: TestSession = reviewer) => {
  const res = await call('GET', `/api/v1/tasks/${taskId}/archive/check`, session);
  expect(res.status, res.body).toBe(200);
  return res.json() as unknown as ArchiveCheck;
};

const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]).toString('base64');

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  fx = await makeDrawFixture(db);
  admin = await makeSession(db, await makeUser(db, { roles: ['system_admin'], displayName: '系统管理员' }), t.clock.now());
  reviewer = await makeSession(db, await makeUser(db, { roles: ['department_admin'], departmentId: fx.transport.id, displayName: '运输科审核人' }), t.clock.now());
  oversight = await makeSession(db, await makeUser(db, { roles: ['oversight'], displayName: '政策法规科' }), t.clock.now());
  const elsewhere = await makeDepartment(db, { name: '无关科室' });
  strangerAdmin = await makeSession(db, await makeUser(db, { roles: ['department_admin'], departmentId: elsewhere.id }), t.clock.now());
  officerOnly = await makeSession(db, await makeUser(db, { roles: ['officer'], departmentId: fx.transport.id }), t.clock.now());
  for (const key of [...fx.officerKeys.transport, ...fx.officerKeys.brigade]) {
    const user = await makeUser(db, { roles: ['officer'], displayName: `用户${key}` });
    await db.update(officers).set({ userId: user.id }).where(eq(officers.key, key));
    officerSessions.set(key, await makeSession(db, user, t.clock.now()));
  }
  // The task carries out a published annual plan: the archive holds that plan version.
  const leader = await makeSession(db, await makeUser(db, { roles: ['leader'], displayName: '局长' }), t.clock.now());
  const plan = await call('POST', '/api/v1/plans', reviewer, {
    departmentId: fx.transport.id, year: 2026, title: '运输管理科 2026 年度双随机抽查计划',
    lines: [{ name: '道路货运企业抽查', itemIds: [fx.itemIds.claimed], scope: { industries: ['道路货物运输'] }, ratioBp: 500, periodFrom: '2026-03-01', periodTo: '2026-06-30' }],
  });
  expect(plan.status, plan.body).toBe(201);
  planId = String(plan.json().id);
  expect((await call('POST', `/api/v1/plans/${planId}/submit`, reviewer)).status).toBe(200);
  expect((await call('POST', `/api/v1/plans/${planId}/approve`, leader)).status).toBe(200);
  expect((await call('POST', `/api/v1/plans/${planId}/publish`, reviewer)).status).toBe(200);
  const task = await call('POST', '/api/v1/tasks', admin, {
    planId,
    code: 'QXJT-2026-201', name: '2026 年道路运输企业联合抽查（归档）', organizerDepartmentId: fx.transport.id,
    participatingDepartmentIds: [fx.transport.id, fx.brigade.id], itemIds: [fx.itemIds.claimed],
    scope: { industries: ['道路货物运输'] }, strata: { kind: 'single', quota: { count: 2 } },
    exclusions: { excludedStatuses: ['deregistered', 'revoked'] },
    team: { teamSize: 2, requiredDepartmentIds: [fx.transport.id, fx.brigade.id] },
    periodFrom: '2026-03-10', periodTo: '2026-06-30',
  });
  expect(task.status, task.body).toBe(201);
  taskId = String(task.json().id);
}, 120_000);
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The team member's whole entry of one inspection, up to submission. */
async function enter(inspection: Inspection, codes: string[]) {
  const member = sessionOf(inspection.team[0]?.key ?? '');
  const itemId = inspection.checklist[0]?.itemId ?? '';
  const draft = await call('PUT', `/api/v1/inspections/${inspection.id}/draft`, member, {
    answers: [{ itemId, checkpoint: '1', answer: 'yes' }, { itemId, checkpoint: '2', answer: codes.includes('1') ? 'yes' : 'no' }],
    startedOn: '2026-02-25', endedOn: '2026-02-26', verificationMethods: ['on_site'], codes,
    findings: codes.includes('1') ? '' : '一辆车未年审', remarks: '',
  });
  expect(draft.status, draft.body).toBe(200);
  await upload(inspection.id, member, jpeg, 'image/jpeg', '现场照片.jpg');
  for (const m of inspection.team) {
    const signed = await call('POST', `/api/v1/inspections/${inspection.id}/signatures`, member, { signer: 'officer', officerKey: m.key, imagePng: png });
    expect(signed.status, signed.body).toBe(201);
  }
  expect((await call('POST', `/api/v1/inspections/${inspection.id}/signatures`, member, { signer: 'representative', name: '李四', imagePng: png })).status).toBe(201);
  const submitted = await call('POST', `/api/v1/inspections/${inspection.id}/submit`, member);
  expect(submitted.status, submitted.body).toBe(200);
}
async function approveAndPublish(id: string) {
  expect((await call('POST', `/api/v1/inspections/${id}/review`, reviewer, { decision: 'approve' })).status).toBe(200);
  const published = await call('POST', `/api/v1/inspections/${id}/publish`, reviewer);
  expect(published.status, published.body).toBe(200);
}

describe('archives (归档): completeness check, the zip, read-only afterwards', () => {
  let inspectionsByKey: Map<string, Inspection>;
  let zip: Buffer;

  it('refuses a task that is not drawn yet, and refuses readers outside the task', async () => {
    const before = await check();
    expect(before).toMatchObject({ complete: false, archive: null, missing: [{ kind: 'draw_not_completed', objectKey: null }] });
    const refused = await call('POST', `/api/v1/tasks/${taskId}/archive`, reviewer);
    expect(refused.status, refused.body).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().errors).toEqual([{ path: 'task', message: '任务尚无抽取：须冻结并完成抽取后才能归档' }]);
    expect((await call('GET', `/api/v1/tasks/${taskId}/archive/check`, strangerAdmin)).status).toBe(403);
    expect((await call('GET', `/api/v1/tasks/${taskId}/archive/check`, officerOnly)).status).toBe(403);
    expect((await call('POST', `/api/v1/tasks/${taskId}/archive`, oversight)).status).toBe(403);
    expect((await call('POST', `/api/v1/tasks/${taskId}/archive`, strangerAdmin)).status).toBe(403);
    expect((await call('GET', `/api/v1/tasks/${taskId}/archive.zip`, reviewer)).status).toBe(404);
  });

  it('after the draw, lists the unconfirmed lists and the objects without inspections, and blocks', async () => {
    const frozen = await call('POST', `/api/v1/tasks/${taskId}/freeze`, admin);
    expect(frozen.status, frozen.body).toBe(201);
    const drawRowId = String(frozen.json().id);
    draw = await seedAndRunDraw(t.app, admin.headers, drawRowId, '27182818284590452353');
    expect(draw.status).toBe('completed');
    const objects = draw.output?.order ?? [];
    expect(objects).toHaveLength(2);

    const result = await check();
    expect(result.complete).toBe(false);
    expect(result.missing.map((m) => [m.kind, m.objectKey])).toEqual([
      ['dispatch_unconfirmed', null], ['dispatch_unconfirmed', null],
      ...objects.map((key) => ['inspection_missing', key]),
    ]);
    expect(result.missing[0]?.message).toBe(`${fx.transport.name} 尚未确认抽取 ${draw.drawId} 派发的名单`);
    const name = draw.teams.find((x) => x.object === objects[0])?.objectName ?? '';
    expect(result.missing[2]?.message).toBe(`检查对象 ${name}（${objects[0] ?? ''}）：尚未开展检查（无检查记录）`);
    // Oversight reads the check of any task.
    expect((await check(oversight)).missing).toEqual(result.missing);
    const refused = await call('POST', `/api/v1/tasks/${taskId}/archive`, reviewer);
    expect(refused.status).toBe(409);
    expect(refused.json().detail).toBe('抽查任务 QXJT-2026-201 尚不完整，不能归档：4 项待补齐');
    expect((refused.json().errors as { message: string }[]).map((e) => e.message)).toEqual(result.missing.map((m) => m.message));
  });

  it('names what each object still lacks: publication, signatures, evidence, open follow-ups', async () => {
    const list = (await call('GET', '/api/v1/inspections?scope=review', reviewer)).json() as unknown as InspectionList;
    inspectionsByKey = new Map();
    for (const item of list.items.filter((i) => i.task.id === taskId)) {
      inspectionsByKey.set(item.object.key, (await call('GET', `/api/v1/inspections/${item.id}`, reviewer)).json() as unknown as Inspection);
    }
    const [first, second] = draw.output?.order ?? [];
    const one = inspectionsByKey.get(first ?? '');
    const two = inspectionsByKey.get(second ?? '');
    if (!one || !two) throw new Error('inspections not opened');
    // The first: complete and published with 未发现问题. The second: only a draft.
    await enter(one, ['1']);
    await approveAndPublish(one.id);
    const draftOnly = await call('PUT', `/api/v1/inspections/${two.id}/draft`, sessionOf(two.team[0]?.key ?? ''), { findings: '草稿' });
    expect(draftOnly.status).toBe(200);
    expect((await call('POST', `/api/v1/draws/${draw.id}/confirm`, admin, { departmentId: fx.transport.id })).status).toBe(200);

    const result = await check();
    const label = `检查对象 ${two.object.name}（${two.object.key}）`;
    const memberNames = two.team.map((m) => `检查人员 ${m.name}`);
    expect(result.missing.map((m) => m.message)).toEqual([
      `${fx.brigade.name} 尚未确认抽取 ${draw.drawId} 派发的名单`,
      `${label}：检查结果尚未公示（当前为“录入中”）`,
      `${label}：签字不完整，缺少${[...memberNames, '被检查对象代表'].join('、')}的签字`,
      `${label}：没有检查证据（至少一份照片、笔录或签字检查表）`,
    ]);

    // The second is published with a problem (发现问题待后续处理): its follow-up is open.
    await enter(two, ['A', 'D']);
    await approveAndPublish(two.id);
    expect((await call('POST', `/api/v1/draws/${draw.id}/confirm`, admin, { departmentId: fx.brigade.id })).status).toBe(200);
    const open = await check();
    expect(open.missing).toEqual([{ kind: 'follow_up_open', objectKey: two.object.key, message: `${label}：有 1 项后续处置尚未完结` }]);
    expect((await call('POST', `/api/v1/tasks/${taskId}/archive`, reviewer)).status).toBe(409);

    // Closing the follow-up (its own module's API) completes the task.
    const [followUp] = await t.database.db.select({ id: followUps.id }).from(followUps).where(eq(followUps.inspectionId, two.id));
    closedFollowUpId = followUp?.id ?? '';
    const measure = await call('POST', `/api/v1/followups/${followUp?.id ?? ''}/measure`, reviewer, { measure: 'hand_to_daily_supervision', note: '纳入日常监管' });
    expect(measure.status, measure.body).toBe(200);
    const closed = await call('POST', `/api/v1/followups/${followUp?.id ?? ''}/close`, reviewer, { closedOn: '2026-03-02', outcome: '已整改到位' });
    expect(closed.status, closed.body).toBe(200);
    expect(await check()).toMatchObject({ complete: true, missing: [], archive: null });
  });

  it('archives the complete task: a zip with every file, the manifest hash in the audit log', async () => {
    t.clock.advance(60_000);
    const res = await call('POST', `/api/v1/tasks/${taskId}/archive`, reviewer);
    expect(res.status, res.body).toBe(201);
    const archived = res.json() as unknown as ArchiveCheck;
    expect(archived.archive).toMatchObject({ fileName: '归档-QXJT-2026-201.zip', createdBy: '运输科审核人' });
    const download = await call('GET', `/api/v1/tasks/${taskId}/archive.zip`, oversight);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    zip = download.raw;
    expect(zip.length).toBe(archived.archive?.size);

    const verification = verifyArchiveZip(zip);
    expect(verification.problems).toEqual([]);
    expect(verification.ok).toBe(true);
    expect(verification.manifestSha256).toBe(archived.archive?.manifestSha256);
    expect(verification.manifest?.subject).toEqual({ kind: 'task', code: 'QXJT-2026-201', name: '2026 年道路运输企业联合抽查（归档）' });

    const files = readArchiveZip(zip);
    const expected = ['draw/announcement.json', 'draw/record.json', 'followups.json', 'manifest.json', 'plan/plan-v1.json', 'task/scheme.json'];
    for (const key of draw.output?.order ?? []) {
      expected.push(`objects/${key}/evidence/01-现场照片.jpg`, `objects/${key}/form.xlsx`, `objects/${key}/result.json`);
      // Two officers and the representative signed on screen.
      expected.push(`objects/${key}/signatures/1.png`, `objects/${key}/signatures/2.png`, `objects/${key}/signatures/3.png`);
    }
    expect([...files.keys()].sort()).toEqual(expected.sort());
    expect(archived.archive?.fileCount).toBe(expected.length - 1);

    // The draw record is byte for byte what the public route lets anyone download.
    const publicRecord = await call('GET', `/api/v1/public/draws/${draw.drawId}?download=1`, null);
    expect(Buffer.from(files.get('draw/record.json') ?? new Uint8Array()).toString('utf8')).toBe(publicRecord.body);
    const [firstKey] = draw.output?.order ?? [];
    const result = JSON.parse(Buffer.from(files.get(`objects/${firstKey ?? ''}/result.json`) ?? new Uint8Array()).toString('utf8')) as Inspection;
    expect(result.versions.map((v) => v.version)).toEqual([1]);
    expect(result.reviews.map((r) => r.action)).toEqual(['submitted', 'approved', 'published']);
    expect(result.codes).toEqual(['1']);
    expect(Buffer.from(files.get(`objects/${firstKey ?? ''}/evidence/01-现场照片.jpg`) ?? new Uint8Array()).equals(Buffer.from(jpeg))).toBe(true);
    expect(Buffer.from(files.get(`objects/${firstKey ?? ''}/form.xlsx`) ?? new Uint8Array()).subarray(0, 2).toString()).toBe('PK');
    const planJson = JSON.parse(Buffer.from(files.get('plan/plan-v1.json') ?? new Uint8Array()).toString('utf8')) as { version: number; status: string; title: string };
    expect(planJson).toMatchObject({ version: 1, status: 'published', title: '运输管理科 2026 年度双随机抽查计划' });
    expect(planId).not.toBe('');
    const followUpsJson = JSON.parse(Buffer.from(files.get('followups.json') ?? new Uint8Array()).toString('utf8')) as { status: string }[];
    expect(followUpsJson.map((f) => f.status)).toEqual(['closed']);

    const [event] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'task.archived'));
    expect(event?.subjectId).toBe(taskId);
    expect((event?.changes as { manifestSha256: string }).manifestSha256).toBe(archived.archive?.manifestSha256);
    const again = await check(reviewer);
    expect(again).toMatchObject({ complete: true, missing: [], archive: archived.archive });
  });

  it('verifies with `suiji archive verify`, and tampering with one file fails naming it', async () => {
    const path = join(dir, 'task.zip');
    writeFileSync(path, zip);
    const ok = await runCli(['archive', 'verify', path]);
    expect(ok.code, ok.out).toBe(0);
    const manifestSha256 = verifyArchiveZip(zip).manifestSha256 ?? '';
    expect(ok.out).toContain(`manifest.json SHA-256 ${manifestSha256}`);

    const unpacked = unzipSync(zip);
    const [firstKey] = draw.output?.order ?? [];
    const target = `objects/${firstKey ?? ''}/result.json`;
    const text = Buffer.from(unpacked[target] ?? new Uint8Array()).toString('utf8');
    unpacked[target] = new TextEncoder().encode(text.replace('"codes": [\n    "1"\n  ]', '"codes": [\n    "A"\n  ]'));
    expect(Buffer.from(unpacked[target] ?? new Uint8Array()).toString('utf8')).not.toBe(text);
    const tamperedPath = join(dir, 'tampered.zip');
    writeFileSync(tamperedPath, zipSync(unpacked));
    const failed = await runCli(['archive', 'verify', tamperedPath]);
    expect(failed.code).toBe(1);
    const failures = failed.outLines.filter((line) => line.startsWith('FAIL'));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain(`FAIL ${target}：内容被改动`);
  });

  it('makes the archived task read-only: changes of the task, its draw, its inspections are refused with 409', async () => {
    const [firstKey, secondKey] = draw.output?.order ?? [];
    const one = inspectionsByKey.get(firstKey ?? '');
    const two = inspectionsByKey.get(secondKey ?? '');
    if (!one || !two) throw new Error('no inspections');
    const archivedMessage = '抽查任务 QXJT-2026-201 已归档，任务、抽取、检查结果及后续处置均为只读，不能修改';
    const attempts = [
      await call('PATCH', `/api/v1/tasks/${taskId}`, admin, { description: '改' }),
      await call('POST', `/api/v1/tasks/${taskId}/freeze`, admin),
      await call('POST', `/api/v1/draws/${draw.id}/replacements`, admin, { object: firstKey, officer: one.team[0]?.key, reason: '因病' }),
      await call('POST', `/api/v1/draws/${draw.id}/abandon`, admin, { reason: '作废' }),
      await call('POST', `/api/v1/inspections/${one.id}/corrections`, reviewer, { reason: '更正', codes: ['A', 'D'], findings: '补记', remarks: '' }),
      await call('POST', `/api/v1/inspections/${one.id}/review`, reviewer, { decision: 'approve' }),
      await call('POST', `/api/v1/inspections/${one.id}/publish`, reviewer),
      await call('PUT', `/api/v1/inspections/${one.id}/draft`, sessionOf(one.team[0]?.key ?? ''), { remarks: '改' }),
      // Follow-ups of the archived task: a new measure, or progress on the closed one.
      await call('POST', `/api/v1/followups/${closedFollowUpId}/measures`, reviewer, { measure: 'order_correction', dueOn: '2026-04-01', note: '再次整改' }),
      await call('POST', `/api/v1/followups/${closedFollowUpId}/progress`, reviewer, { on: '2026-03-02', note: '回访' }),
    ];
    for (const attempt of attempts) {
      expect(attempt.status, attempt.body).toBe(409);
      expect(attempt.json().detail).toBe(archivedMessage);
    }
    const twice = await call('POST', `/api/v1/tasks/${taskId}/archive`, admin);
    expect(twice.status).toBe(409);
    expect(twice.json().detail).toBe('抽查任务 QXJT-2026-201 已归档');
    // Reading stays open.
    expect((await call('GET', `/api/v1/inspections/${one.id}`, reviewer)).status).toBe(200);
    expect((await call('GET', `/api/v1/tasks/${taskId}`, reviewer)).status).toBe(200);
  });

  it('is enforced by the database too: rows of an archived task and the archive itself cannot change', async () => {
    const db = t.database.db;
    /** The database's own message (drizzle wraps it as the cause). */
    const refusal = async (query: PromiseLike<unknown>) => {
      try {
        await query;
      } catch (error) {
        return error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      }
      return 'not refused';
    };
    const [secondKey] = (draw.output?.order ?? []).slice(1);
    const two = inspectionsByKey.get(secondKey ?? '');
    expect(await refusal(db.update(tasks).set({ description: '改' }).where(eq(tasks.id, taskId)))).toMatch(/archived task/u);
    expect(await refusal(db.update(inspections).set({ remarks: '改' }).where(eq(inspections.taskId, taskId)))).toMatch(/archived task/u);
    expect(await refusal(db.update(followUps).set({ outcome: '改' }).where(eq(followUps.inspectionId, two?.id ?? '')))).toMatch(/archived task/u);
    expect(await refusal(db.delete(taskArchives).where(eq(taskArchives.taskId, taskId)))).toMatch(/append-only/u);
    expect(await refusal(db.update(taskArchives).set({ fileName: 'x.zip' }).where(eq(taskArchives.taskId, taskId)))).toMatch(/append-only/u);
  });
});
