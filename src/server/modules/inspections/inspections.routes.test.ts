import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicResultFields, type Inspection, type InspectionList, type PublicResult } from '../../../contracts/inspections.ts';
import type { Draw } from '../../../contracts/tasks.ts';
import { auditEvents } from '../../db/schema.ts';
import { officers } from '../../db/schema-directory.ts';
import { evidenceFiles, evidenceThumbnails, followUps, inspectionAnswers, inspectionResults } from '../../db/schema-inspections.ts';
import { makeDepartment, makeSession, makeUser, type TestSession } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { makeDrawFixture, type DrawFixture, seedAndRunDraw } from '../draws/draw-fixtures.ts';

let t: TestApp;
let fx: DrawFixture;
let admin: TestSession;
let reviewer: TestSession;
let strangerAdmin: TestSession;
/** A session per officer key: every officer of the fixture has a user account. */
const officerSessions = new Map<string, TestSession>();
let outsider: TestSession;
let draw: Draw;

type Json = Record<string, unknown>;
async function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, session: TestSession | null, payload?: unknown) {
  const res = await t.app.inject({ method, url, headers: session?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as Json }) });
  return { status: res.statusCode, body: res.body, json: () => res.json() as Json, headers: res.headers, raw: res.rawPayload };
}
async function upload(id: string, session: TestSession, bytes: Uint8Array, contentType: string, fileName = '现场照片.jpg') {
  const res = await t.app.inject({
    method: 'POST', url: `/api/v1/inspections/${id}/evidence`, payload: Buffer.from(bytes),
    headers: { ...session.headers, 'content-type': contentType, 'x-file-name': encodeURIComponent(fileName) },
  });
  return { status: res.statusCode, body: res.body, json: () => res.json() as Json };
}
async function auditActions(subjectId: string): Promise<string[]> {
  const rows = await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, subjectId)).orderBy(auditEvents.seq);
  return rows.map((r) => r.action);
}

const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
const pdf = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> endobj\n%%EOF\n');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]).toString('base64');

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  fx = await makeDrawFixture(db);
  admin = await makeSession(db, await makeUser(db, { roles: ['system_admin'], displayName: '系统管理员' }), t.clock.now());
  reviewer = await makeSession(db, await makeUser(db, { roles: ['department_admin'], departmentId: fx.transport.id, displayName: '运输科审核人' }), t.clock.now());
  const elsewhere = await makeDepartment(db, { name: '无关科室' });
  strangerAdmin = await makeSession(db, await makeUser(db, { roles: ['department_admin'], departmentId: elsewhere.id }), t.clock.now());
  for (const key of [...fx.officerKeys.transport, ...fx.officerKeys.brigade]) {
    const user = await makeUser(db, { roles: ['officer'], displayName: `用户${key}` });
    await db.update(officers).set({ userId: user.id }).where(eq(officers.key, key));
    officerSessions.set(key, await makeSession(db, user, t.clock.now()));
  }
  // An officer with an account in the same department, on no team of this draw.
  outsider = await makeSession(db, await makeUser(db, { roles: ['officer'], departmentId: fx.transport.id, displayName: '组外执法员' }), t.clock.now());

  const task = await call('POST', '/api/v1/tasks', admin, {
    code: 'QXJT-2026-101', name: '2026 年道路运输企业联合抽查', organizerDepartmentId: fx.transport.id,
    participatingDepartmentIds: [fx.transport.id, fx.brigade.id], itemIds: [fx.itemIds.claimed, fx.itemIds.claimed2],
    scope: { industries: ['道路货物运输', '道路旅客运输'] },
    strata: { kind: 'by_risk_class', quotas: { A: { count: 2 }, B: { count: 2 }, C: { count: 1 }, D: { count: 1 }, U: { count: 1 } } },
    exclusions: { excludedStatuses: ['deregistered', 'revoked'] },
    team: { teamSize: 3, requiredDepartmentIds: [fx.transport.id, fx.brigade.id] },
    periodFrom: '2026-03-10', periodTo: '2026-06-30',
  });
  expect(task.status, task.body).toBe(201);
  const frozen = await call('POST', `/api/v1/tasks/${String(task.json().id)}/freeze`, admin);
  expect(frozen.status, frozen.body).toBe(201);
  const drawRowId = String(frozen.json().id);
  draw = await seedAndRunDraw(t.app, admin.headers, drawRowId, '31415926535897932384');
  expect(draw.status).toBe('completed');
}, 120_000);
afterAll(async () => {
  await t.close();
});

const teams = () => draw.output?.assignments ?? [];
function sessionOf(key: string): TestSession {
  const session = officerSessions.get(key);
  if (!session) throw new Error(`no session for ${key}`);
  return session;
}

describe('inspections: entry by the drawn team, review, publication, correction, portal', () => {
  let first: { object: string; officers: string[] };
  let inspection: Inspection;
  let member: TestSession;

  it('opens one inspection per drawn object and lists the officer\'s own in the work list', async () => {
    const assignment = teams()[0];
    if (!assignment) throw new Error('no team');
    first = assignment;
    member = sessionOf(first.officers[0] ?? '');
    const list = await call('GET', '/api/v1/inspections', member);
    expect(list.status, list.body).toBe(200);
    const mine = list.json() as unknown as InspectionList;
    const expected = teams().filter((a) => a.officers.includes(first.officers[0] ?? '')).map((a) => a.object).sort();
    expect(mine.items.map((i) => i.object.key).sort()).toEqual(expected);
    expect(mine.items.every((i) => i.onTeam && i.status === 'draft' && i.deadline === null)).toBe(true);
    const all = (await call('GET', '/api/v1/inspections?scope=review', reviewer)).json() as unknown as InspectionList;
    expect(all.total).toBe(draw.output?.order.length);
    const item = mine.items.find((i) => i.object.key === first.object);
    const detail = await call('GET', `/api/v1/inspections/${item?.id ?? ''}`, member);
    expect(detail.status, detail.body).toBe(200);
    inspection = detail.json() as unknown as Inspection;
    expect(inspection.onTeam).toBe(true);
    expect(inspection.team.map((m) => m.key)).toEqual(first.officers);
    // The 一企一表: the item with a guideline keeps its version and checkpoints; the other has none.
    expect(inspection.checklist.map((c) => [c.code, c.guidelineVersion, c.checkpoints.map((p) => p.code)])).toEqual([['JT-001', 1, ['1', '2']], ['JT-002', null, []]]);
  });

  it('refuses a second officer not on the team with 403 (and records the attempt); an officer cannot list for review', async () => {
    const res = await call('PUT', `/api/v1/inspections/${inspection.id}/draft`, outsider, { findings: '组外录入' });
    expect(res.status, res.body).toBe(403);
    expect(res.json().detail).toContain('谁检查、谁录入');
    expect((await upload(inspection.id, outsider, jpeg, 'image/jpeg')).status).toBe(403);
    expect((await call('GET', `/api/v1/inspections/${inspection.id}`, outsider)).status).toBe(403);
    // Not even a system admin enters a result for the team.
    expect((await call('PUT', `/api/v1/inspections/${inspection.id}/draft`, admin, { findings: 'x' })).status).toBe(403);
    expect((await auditActions(inspection.id)).filter((a) => a === 'inspection.entry_refused')).toHaveLength(3);
    expect((await call('GET', '/api/v1/inspections?scope=review', outsider)).status).toBe(403);
  });

  it('validates answers against the frozen checklist, codes and dates', async () => {
    const [item] = inspection.checklist;
    const bad = await call('PUT', `/api/v1/inspections/${inspection.id}/draft`, member, {
      answers: [{ itemId: item?.itemId, checkpoint: '9', answer: 'yes' }, { itemId: fx.itemIds.unclaimed, checkpoint: '1', answer: 'no' }],
      codes: ['Z'], startedOn: '2024-09-28', endedOn: '2024-09-27',
    });
    expect(bad.status, bad.body).toBe(400);
    const paths = (bad.json().errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(['body.answers.0.checkpoint', 'body.answers.1.itemId', 'body.codes.0', 'body.endedOn']);
    expect(bad.body).toContain('未知的检查结果代码');
    const wrongAnswer = await call('PUT', `/api/v1/inspections/${inspection.id}/draft`, member, { answers: [{ itemId: item?.itemId, checkpoint: '1', answer: 'maybe' }] });
    expect(wrongAnswer.status).toBe(400);
  });

  it('saves drafts automatically (暂存): each PUT keeps what earlier ones saved, with the guideline version', async () => {
    const itemId = inspection.checklist[0]?.itemId ?? '';
    const one = await call('PUT', `/api/v1/inspections/${inspection.id}/draft`, member, { answers: [{ itemId, checkpoint: '1', answer: 'yes' }], startedOn: '2024-09-23' });
    expect(one.status, one.body).toBe(200);
    t.clock.advance(5_000);
    const two = await call('PUT', `/api/v1/inspections/${inspection.id}/draft`, member, {
      answers: [{ itemId, checkpoint: '2', answer: 'no', note: '车辆未按期年审' }], endedOn: '2024-09-27', verificationMethods: ['on_site', 'documents'],
      findings: '一辆车未年审', remarks: '已责令限期整改',
    });
    expect(two.status, two.body).toBe(200);
    const saved = two.json() as unknown as Inspection;
    expect(saved.checklist[0]?.checkpoints.map((c) => [c.answer, c.note])).toEqual([['yes', ''], ['no', '车辆未按期年审']]);
    expect([saved.startedOn, saved.endedOn, saved.verificationMethods]).toEqual(['2024-09-23', '2024-09-27', ['on_site', 'documents']]);
    expect(saved.draftSavedAt).not.toBeNull();
    // The publication deadline: 2024-09-27 + 20 official working days (the National Day week does not count).
    expect(saved.deadline).toMatchObject({ deadline: '2024-10-30', provisional: false, state: 'overdue' });
    const rows = await t.database.db.select().from(inspectionAnswers).where(eq(inspectionAnswers.inspectionId, inspection.id));
    expect(rows.map((r) => r.guidelineVersion)).toEqual([1, 1]);
    expect(await auditActions(inspection.id)).toContain('inspection.draft_saved');
  });

  it('refuses evidence that lies about its type, is empty, unknown or too large; stores the SHA-256 of what it accepts', async () => {
    const lying = await upload(inspection.id, member, pdf, 'image/jpeg', '伪装成照片.jpg');
    expect(lying.status, lying.body).toBe(415);
    expect(lying.json().detail).toContain('实际内容是 application/pdf');
    const empty = await upload(inspection.id, member, new Uint8Array(), 'image/png', '空.png');
    expect(empty.status).toBe(400);
    expect(empty.json().detail).toContain('文件是空的');
    const unknown = await upload(inspection.id, member, new TextEncoder().encode('GIF89a-not-accepted'), 'application/octet-stream', 'a.gif');
    expect(unknown.status).toBe(415);
    const big = new Uint8Array(11 * 1024 * 1024);
    big.set(jpeg);
    const tooLarge = await upload(inspection.id, member, big, 'image/jpeg', '大照片.jpg');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json().detail).toContain('不能超过 10 MB');
    const hugePdf = new Uint8Array(21 * 1024 * 1024);
    hugePdf.set(pdf);
    const tooLargePdf = await upload(inspection.id, member, hugePdf, 'application/pdf', '扫描件.pdf');
    expect(tooLargePdf.status).toBe(413);
    expect(tooLargePdf.json().detail).toContain('文件过大（21.0 MB），不能超过 20 MB');
    expect(await t.database.db.select({ id: evidenceFiles.id }).from(evidenceFiles)).toEqual([]);

    const photo = await upload(inspection.id, member, jpeg, 'image/jpeg', '现场照片.jpg');
    expect(photo.status, photo.body).toBe(201);
    const sha = createHash('sha256').update(jpeg).digest('hex');
    expect(photo.json()).toMatchObject({ fileName: '现场照片.jpg', kind: 'jpeg', mime: 'image/jpeg', size: jpeg.length, sha256: sha });
    const [row] = await t.database.db.select().from(evidenceFiles).where(eq(evidenceFiles.id, String(photo.json().id)));
    expect(row?.sha256).toBe(sha);
    expect(Buffer.from(row?.content ?? new Uint8Array()).equals(Buffer.from(jpeg))).toBe(true);
    const download = await call('GET', `/api/v1/inspections/${inspection.id}/evidence/${String(photo.json().id)}`, reviewer);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.raw.equals(Buffer.from(jpeg))).toBe(true);
    // A PDF sent as octet-stream is recognised by its content.
    expect((await upload(inspection.id, member, pdf, 'application/octet-stream', '询问笔录.pdf')).json()).toMatchObject({ kind: 'pdf', mime: 'application/pdf' });
  });

  it('thumbnails photos for whoever may read the file (ETag = SHA-256); none for a PDF or an undecodable photo, which is kept', async () => {
    const bytes = new Uint8Array(await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#336699' } }).jpeg().toBuffer());
    const photo = await upload(inspection.id, member, bytes, 'image/jpeg', '货车照片.jpg');
    expect(photo.status, photo.body).toBe(201);
    const photoId = String(photo.json().id);
    const url = (evidenceId: string) => `/api/v1/inspections/${inspection.id}/evidence/${evidenceId}/thumbnail`;
    const thumb = await call('GET', url(photoId), member);
    expect(thumb.status, thumb.body).toBe(200);
    const etag = `"${createHash('sha256').update(bytes).digest('hex')}"`;
    expect([thumb.headers['content-type'], thumb.headers.etag, thumb.headers['cache-control']]).toEqual(['image/webp', etag, 'private, no-cache']);
    const meta = await sharp(thumb.raw).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 320, 240]);
    const revalidated = await t.app.inject({ method: 'GET', url: url(photoId), headers: { ...member.headers, 'if-none-match': etag } });
    expect([revalidated.statusCode, revalidated.body]).toEqual([304, '']);
    // The same readers as the file itself: the reviewing department yes, others 403, unknown ids 404.
    expect((await call('GET', url(photoId), reviewer)).status).toBe(200);
    expect((await call('GET', url(photoId), outsider)).status).toBe(403);
    expect((await call('GET', url(photoId), strangerAdmin)).status).toBe(403);
    expect((await call('GET', url(inspection.id), member)).status).toBe(404);
    expect((await call('GET', `/api/v1/inspections/${inspection.id}/evidence/${photoId}`, outsider)).status).toBe(403);

    const detail = (await call('GET', `/api/v1/inspections/${inspection.id}`, member)).json() as unknown as Inspection;
    const pdfId = detail.evidence.find((e) => e.kind === 'pdf')?.id ?? '';
    const forPdf = await call('GET', url(pdfId), member);
    expect([forPdf.status, forPdf.json().detail]).toEqual([404, 'PDF 文件没有缩略图，请打开原文件查看']);
    // The 22-byte "JPEG" passed the content check but libvips cannot decode it: kept, no thumbnail, not retried.
    const brokenId = detail.evidence.find((e) => e.fileName === '现场照片.jpg')?.id ?? '';
    const broken = await call('GET', url(brokenId), member);
    expect([broken.status, broken.json().detail]).toEqual([404, '该照片无法解码，没有缩略图，请打开原文件查看']);
    const rows = await t.database.db.select().from(evidenceThumbnails).where(inArray(evidenceThumbnails.evidenceId, [photoId, brokenId, pdfId]));
    expect(rows.map((r) => [r.evidenceId, r.content === null]).sort()).toEqual([[photoId, false], [brokenId, true]].sort());

    // Tapping the thumbnail shows the photo itself in the browser (sandboxed); a PDF is always downloaded.
    const file = `/api/v1/inspections/${inspection.id}/evidence`;
    const shown = await call('GET', `${file}/${photoId}?inline=1`, member);
    expect([shown.status, shown.headers['content-type'], shown.headers['x-content-type-options']]).toEqual([200, 'image/jpeg', 'nosniff']);
    expect(shown.headers['content-disposition']).toMatch(/^inline;/);
    expect(shown.headers['content-security-policy']).toMatch(/^sandbox;/);
    expect((await call('GET', `${file}/${photoId}`, member)).headers['content-disposition']).toMatch(/^attachment;/);
    const pdfInline = await call('GET', `${file}/${pdfId}?inline=1`, member);
    expect([pdfInline.status, String(pdfInline.headers['content-disposition']).split(';')[0]]).toEqual([200, 'attachment']);
    expect((await call('GET', `${file}/${photoId}?inline=1`, outsider)).status).toBe(403);
    expect((await call('GET', `${file}/${photoId}?inline=yes`, member)).status).toBe(400);

    // Evidence from before thumbnails gets one on first request.
    await t.database.db.delete(evidenceThumbnails).where(eq(evidenceThumbnails.evidenceId, photoId));
    expect((await call('GET', url(photoId), reviewer)).raw.equals(thumb.raw)).toBe(true);
    expect(await t.database.db.select({ id: evidenceThumbnails.evidenceId }).from(evidenceThumbnails).where(eq(evidenceThumbnails.evidenceId, photoId))).toHaveLength(1);
  });

  it('applies the result-code rules on submit: 未发现问题 alone, 发现问题待后续处理 with a subtype', async () => {
    await call('PUT', `/api/v1/inspections/${inspection.id}/draft`, member, { codes: ['1', 'E'] });
    const exclusive = await call('POST', `/api/v1/inspections/${inspection.id}/submit`, member);
    expect(exclusive.status, exclusive.body).toBe(400);
    expect(exclusive.json().detail).toContain('“未发现问题”不能与其他检查结果同时选择');
    await call('PUT', `/api/v1/inspections/${inspection.id}/draft`, member, { codes: ['A'] });
    const subtype = await call('POST', `/api/v1/inspections/${inspection.id}/submit`, member);
    expect(subtype.status).toBe(400);
    expect(subtype.json().detail).toContain('须至少选择一项问题类型');
    await call('PUT', `/api/v1/inspections/${inspection.id}/draft`, member, { codes: ['A', 'D'] });
  });

  it('refuses to submit until every team member and the representative have signed (签字完整)', async () => {
    const unsigned = await call('POST', `/api/v1/inspections/${inspection.id}/submit`, member);
    expect(unsigned.status, unsigned.body).toBe(409);
    expect(unsigned.json().detail).toContain('签字不完整');
    expect(unsigned.json().detail).toContain('被检查对象代表');
    const stranger = await call('POST', `/api/v1/inspections/${inspection.id}/signatures`, member, { signer: 'officer', officerKey: fx.officerKeys.transport.find((k) => !first.officers.includes(k)) ?? 'X', imagePng: png });
    expect(stranger.status).toBe(400);
    const notPng = await call('POST', `/api/v1/inspections/${inspection.id}/signatures`, member, { signer: 'representative', name: '张三', imagePng: Buffer.from('not a png image at all').toString('base64') });
    expect(notPng.status).toBe(400);
    for (const key of first.officers.slice(0, -1)) {
      expect((await call('POST', `/api/v1/inspections/${inspection.id}/signatures`, member, { signer: 'officer', officerKey: key, imagePng: `data:image/png;base64,${png}` })).status).toBe(201);
    }
    const signed = await call('POST', `/api/v1/inspections/${inspection.id}/signatures`, member, { signer: 'representative', name: '张三', imagePng: png });
    expect(signed.status, signed.body).toBe(201);
    const partial = signed.json() as unknown as Inspection;
    expect(partial.signatures.complete).toBe(false);
    expect(partial.signatures.missing).toHaveLength(1);
    expect((await call('POST', `/api/v1/inspections/${inspection.id}/submit`, member)).status).toBe(409);
    const last = first.officers[first.officers.length - 1] ?? '';
    const complete = await call('POST', `/api/v1/inspections/${inspection.id}/signatures`, sessionOf(last), { signer: 'officer', officerKey: last, imagePng: png });
    expect((complete.json() as unknown as Inspection).signatures.complete).toBe(true);
    const submitted = await call('POST', `/api/v1/inspections/${inspection.id}/submit`, member);
    expect(submitted.status, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    // Submitted: the team can no longer change it.
    expect((await call('PUT', `/api/v1/inspections/${inspection.id}/draft`, member, { remarks: '改' })).status).toBe(409);
  });

  it('lets the department review: return with comments, re-submit, approve; others are refused', async () => {
    expect((await call('POST', `/api/v1/inspections/${inspection.id}/review`, strangerAdmin, { decision: 'approve' })).status).toBe(403);
    expect((await call('POST', `/api/v1/inspections/${inspection.id}/review`, member, { decision: 'approve' })).status).toBe(403);
    expect((await call('POST', `/api/v1/inspections/${inspection.id}/review`, reviewer, { decision: 'return' })).status).toBe(400);
    const returned = await call('POST', `/api/v1/inspections/${inspection.id}/review`, reviewer, { decision: 'return', comment: '请补充整改期限' });
    expect(returned.status, returned.body).toBe(200);
    expect(returned.json().status).toBe('returned');
    expect((await call('POST', `/api/v1/inspections/${inspection.id}/publish`, reviewer)).status).toBe(409);
    expect((await call('PUT', `/api/v1/inspections/${inspection.id}/draft`, member, { remarks: '责令 15 日内整改' })).status).toBe(200);
    expect((await call('POST', `/api/v1/inspections/${inspection.id}/submit`, member)).status).toBe(200);
    const approved = await call('POST', `/api/v1/inspections/${inspection.id}/review`, reviewer, { decision: 'approve' });
    expect(approved.status).toBe(200);
    const body = approved.json() as unknown as Inspection;
    expect(body.reviews.map((r) => [r.action, r.comment])).toEqual([
      ['submitted', ''], ['returned', '请补充整改期限'], ['submitted', ''], ['approved', ''],
    ]);
  });

  it('publishes: version 1, judged against the deadline on the official calendar, opens a follow-up for 发现问题待后续处理', async () => {
    const published = await call('POST', `/api/v1/inspections/${inspection.id}/publish`, reviewer);
    expect(published.status, published.body).toBe(200);
    const body = published.json() as unknown as Inspection;
    expect(body.status).toBe('published');
    expect(body.versions).toEqual([{ version: 1, codes: ['A', 'D'], findings: '一辆车未年审', remarks: '责令 15 日内整改', publishedOn: '2026-03-02', reason: null }]);
    expect(body.deadline).toMatchObject({ deadline: '2024-10-30', state: 'published_late' });
    expect(body.followUp?.status).toBe('open');
    const [row] = await t.database.db.select().from(inspectionResults).where(eq(inspectionResults.inspectionId, inspection.id));
    expect(row).toMatchObject({ deadline: '2024-10-30', deadlineProvisional: false, itemResults: [{ code: 'JT-001', result: '发现问题' }, { code: 'JT-002', result: '发现问题待后续处理；违反其他行政管理规定' }] });
    expect(await t.database.db.select({ status: followUps.status }).from(followUps).where(eq(followUps.inspectionId, inspection.id))).toEqual([{ status: 'open' }]);
    expect(await auditActions(inspection.id)).toEqual(expect.arrayContaining(['inspection.submitted', 'inspection.returned', 'inspection.approved', 'inspection.published']));
  });

  it('keeps a published result immutable, in the API and in the database', async () => {
    expect((await call('PUT', `/api/v1/inspections/${inspection.id}/draft`, member, { remarks: '偷偷修改' })).status).toBe(409);
    const db = t.database.db;
    await expect(db.update(inspectionResults).set({ remarks: '偷偷修改' }).where(eq(inspectionResults.inspectionId, inspection.id))).rejects.toThrow();
    await expect(db.delete(inspectionResults).where(eq(inspectionResults.inspectionId, inspection.id))).rejects.toThrow();
    await expect(db.delete(evidenceFiles).where(eq(evidenceFiles.inspectionId, inspection.id))).rejects.toThrow();
    await expect(db.execute(sql`update evidence_files set file_name = 'x' where inspection_id = ${inspection.id}`)).rejects.toThrow();
  });

  it('corrects (更正) as a new version with a reason; the first version stays', async () => {
    expect((await call('POST', `/api/v1/inspections/${inspection.id}/corrections`, reviewer, { codes: ['E'] })).status).toBe(400);
    expect((await call('POST', `/api/v1/inspections/${inspection.id}/corrections`, reviewer, { reason: '代码错误', codes: ['1', 'E'] })).status).toBe(400);
    expect((await call('POST', `/api/v1/inspections/${inspection.id}/corrections`, member, { reason: '代码错误', codes: ['E'] })).status).toBe(403);
    const corrected = await call('POST', `/api/v1/inspections/${inspection.id}/corrections`, reviewer, { reason: '现场已整改完毕，结果应为发现问题已责令改正', codes: ['E'], remarks: '已整改' });
    expect(corrected.status, corrected.body).toBe(201);
    const body = corrected.json() as unknown as Inspection;
    expect(body.versions.map((v) => [v.version, v.codes, v.reason])).toEqual([[1, ['A', 'D'], null], [2, ['E'], '现场已整改完毕，结果应为发现问题已责令改正']]);
    const [v1] = await t.database.db.select().from(inspectionResults).where(and(eq(inspectionResults.inspectionId, inspection.id), eq(inspectionResults.version, 1)));
    expect(v1?.codes).toEqual(['A', 'D']);
    expect(await auditActions(inspection.id)).toContain('inspection.corrected');
  });

  it('shows the public result with exactly the listed fields, no officer or representative, with its history', async () => {
    const entityName = (await call('GET', `/api/v1/inspections/${inspection.id}`, reviewer)).json().object as { name: string };
    const search = await call('GET', `/api/v1/public/results?q=${encodeURIComponent(entityName.name)}`, null);
    expect(search.status, search.body).toBe(200);
    expect(search.headers['x-ratelimit-limit']).toBe('120');
    const items = search.json().items as PublicResult[];
    expect(items).toHaveLength(1);
    const result = items[0];
    expect(Object.keys(result ?? {})).toEqual([...publicResultFields]);
    expect(result).toMatchObject({
      entityKey: first.object, taskCode: 'QXJT-2026-101', inspectionType: '定向抽查', inspectingBody: `${fx.transport.name}、${fx.brigade.name}`,
      completedOn: '2024-09-27', result: '发现问题已责令改正', resultCodes: ['E'], remarks: '已整改', version: 2, followUpStatus: '后续处置中',
      corrections: [{ version: 1, publishedOn: '2026-03-02', result: '发现问题待后续处理；违反其他行政管理规定', reason: '现场已整改完毕，结果应为发现问题已责令改正' }],
    });
    for (const secret of [...fx.officerNames, '张三', '一辆车未年审', '用户']) expect(search.body).not.toContain(secret);

    const entity = await call('GET', `/api/v1/public/results/${encodeURIComponent(first.object)}`, null);
    expect(entity.status).toBe(200);
    expect((entity.json().results as PublicResult[]).map((r) => r.taskCode)).toEqual(['QXJT-2026-101']);
    const csv = await call('GET', `/api/v1/public/results/${encodeURIComponent(first.object)}?format=csv`, null);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]?.split(',')).toHaveLength(publicResultFields.length);
    expect(lines[0]).toContain('统一社会信用代码');
    expect(lines[1]).toContain('QXJT-2026-101');
    const none = await call('GET', '/api/v1/public/results?q=不存在的企业名称', null);
    expect(none.json()).toMatchObject({ items: [], total: 0 });
  });

  it('flags and counts unpublished inspections past their deadline', async () => {
    const other = teams().find((a) => a.object !== first.object);
    if (!other) throw new Error('no second team');
    const session = sessionOf(other.officers[0] ?? '');
    const list = (await call('GET', '/api/v1/inspections', session)).json() as unknown as InspectionList;
    const id = list.items.find((i) => i.object.key === other.object)?.id ?? '';
    expect((await call('PUT', `/api/v1/inspections/${id}/draft`, session, { startedOn: '2024-09-27', endedOn: '2024-09-27' })).status).toBe(200);
    const review = (await call('GET', '/api/v1/inspections?scope=review', reviewer)).json() as unknown as InspectionList;
    expect(review.overdue).toBe(1);
    expect(review.items.find((i) => i.id === id)?.deadline).toMatchObject({ deadline: '2024-10-30', state: 'overdue' });
    expect(review.items.find((i) => i.id === inspection.id)?.deadline?.state).toBe('published_late');
  });

  it('accepts an uploaded signed paper form instead of on-screen signatures; evidence can be removed before submission', async () => {
    const other = teams().find((a) => a.object !== first.object);
    if (!other) throw new Error('no second team');
    const session = sessionOf(other.officers[1] ?? '');
    const list = (await call('GET', '/api/v1/inspections', session)).json() as unknown as InspectionList;
    const id = list.items.find((i) => i.object.key === other.object)?.id ?? '';
    const photo = await upload(id, session, jpeg, 'image/jpeg', '多余的照片.jpg');
    const removed = await call('DELETE', `/api/v1/inspections/${id}/evidence/${String(photo.json().id)}`, session);
    expect(removed.status, removed.body).toBe(200);
    expect((removed.json() as unknown as Inspection).evidence).toEqual([]);
    // Its thumbnail row (here: "none can be made") goes with it.
    expect(await t.database.db.select().from(evidenceThumbnails).where(eq(evidenceThumbnails.evidenceId, String(photo.json().id)))).toEqual([]);
    const form = await upload(id, session, pdf, 'application/pdf', '签字检查表.pdf');
    expect(form.status).toBe(201);
    const signed = await call('POST', `/api/v1/inspections/${id}/signatures`, session, { signer: 'paper_form', evidenceId: form.json().id });
    expect(signed.status, signed.body).toBe(201);
    expect((signed.json() as unknown as Inspection).signatures).toMatchObject({ complete: true, missing: [] });
    // The registered paper form cannot be deleted while it stands for the signatures.
    expect((await call('DELETE', `/api/v1/inspections/${id}/evidence/${String(form.json().id)}`, session)).status).toBe(409);
    expect(await auditActions(id)).toEqual(expect.arrayContaining(['inspection.evidence_added', 'inspection.evidence_removed', 'inspection.signed']));
  });
});
