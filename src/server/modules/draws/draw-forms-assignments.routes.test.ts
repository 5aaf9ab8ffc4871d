import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Draw, MyAssignments, Task } from '../../../contracts/tasks.ts';
import { officers } from '../../db/schema-directory.ts';
import { makeSession, makeUser, type TestSession } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { makeDrawFixture, type DrawFixture } from './draw-fixtures.ts';

/** 一企一表 as xlsx, and 我的检查任务 (GET /me/assignments), on one completed joint draw. */

let t: TestApp;
let fx: DrawFixture;
let admin: TestSession;
let draw: Draw;

type Json = Record<string, unknown>;
async function call(method: 'GET' | 'POST', url: string, session: TestSession, payload?: Json) {
  const res = await t.app.inject({ method, url, headers: session.headers, ...(payload === undefined ? {} : { payload }) });
  return { status: res.statusCode, body: res.body, raw: res.rawPayload, headers: res.headers, json: <T>() => res.json() as T };
}

beforeAll(async () => {
  t = await createTestApp();
  fx = await makeDrawFixture(t.database.db);
  admin = await makeSession(t.database.db, await makeUser(t.database.db, { roles: ['system_admin'] }), t.clock.now());
  const created = await call('POST', '/api/v1/tasks', admin, {
    code: 'YQYB-2026-001', name: '2026 年道路运输联合抽查', organizerDepartmentId: fx.transport.id,
    participatingDepartmentIds: [fx.transport.id, fx.brigade.id], itemIds: [fx.itemIds.claimed, fx.itemIds.claimed2],
    strata: { kind: 'single', quota: { count: 4 } },
    team: { teamSize: 2, requiredDepartmentIds: [fx.transport.id, fx.brigade.id] },
    periodFrom: '2026-03-10', periodTo: '2026-06-30',
  });
  expect(created.status, created.body).toBe(201);
  const task = created.json<Task>();
  expect((await call('POST', `/api/v1/tasks/${task.id}/freeze`, admin)).status).toBe(201);
  expect((await call('POST', `/api/v1/tasks/${task.id}/seed`, admin, { method: 'dice', digits: '3141 5926 5358 9793 2384 6', witnesses: ['监督员甲'] })).status).toBe(200);
  const run = await call('POST', `/api/v1/tasks/${task.id}/draw`, admin);
  expect(run.status, run.body).toBe(202);
  draw = run.json<Draw>();
  for (let i = 0; i < 200 && draw.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 20));
    draw = (await call('GET', `/api/v1/draws/${draw.id}`, admin)).json<Draw>();
  }
  expect(draw.status).toBe('completed');
}, 60_000);
afterAll(async () => { await t.close(); });

describe('draw presentation', () => {
  it('gives the ticket of every selected object, and the last one of the stratum is its cutoff', () => {
    const stratum = draw.output?.strata[0];
    expect(stratum?.selected).toHaveLength(4);
    expect(draw.selectedTickets.map((s) => s.key)).toEqual(draw.output?.order);
    const tickets = new Map(draw.selectedTickets.map((s) => [s.key, s.ticket]));
    const last = stratum?.selected.at(-1);
    expect(last && tickets.get(last)).toBe(stratum?.cutoffTicket);
    expect(draw.selectedTickets.every((s) => /^[0-9a-f]{64}$/.test(s.ticket))).toBe(true);
  });
});

describe('GET /draws/:id/forms/:object/export.xlsx', () => {
  it('exports the joint record form: object, every checkpoint with answer boxes, the team with certificate numbers', async () => {
    const team = draw.teams[0];
    if (!team) throw new Error('no team');
    const res = await call('GET', `/api/v1/draws/${draw.id}/forms/${team.object}/export.xlsx`, admin);
    expect(res.status, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent(`一企一表-${draw.drawId}-${team.object}.xlsx`));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.raw as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('一企一表');
    if (!sheet) throw new Error('no sheet');
    const rows: string[][] = [];
    sheet.eachRow((row) => { rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))); });
    // Merged cells read back with the master cell's value in each: compare the first columns.
    const valueOf = (label: string) => rows.find((r) => r[0] === label)?.[1];
    expect(valueOf('统一社会信用代码/编码')).toBe(team.object);
    expect(valueOf('检查对象')).toBe(team.objectName);
    expect(valueOf('抽取编号')).toBe(draw.drawId);
    // A single stratum ALL is not a class: the form shows the directory's class (fixture: i % 5 → A B C D U).
    expect(valueOf('信用风险分类')).toBe(['A', 'B', 'C', 'D', 'U'][Number(team.object.slice(13, 17)) % 5]);
    // The team, each with the certificate number (the fixture's certificate number equals its key).
    for (const member of team.officers) {
      expect(rows.some((r) => r[1] === member.name && r[2] === member.key && r[4] === member.department)).toBe(true);
    }
    // Both items; the guideline's two checkpoints of the first, with the four answer boxes.
    expect(rows.find((r) => r[1] === '是否取得道路运输经营许可证')?.slice(2, 6)).toEqual(['□', '□', '□', '□']);
    expect(rows.some((r) => r[1] === '车辆是否按规定年审')).toBe(true);
    expect(rows.some((r) => r[1]?.startsWith('道路运输车辆技术状况检查'))).toBe(true);
    expect(rows).toContainEqual(['要点编号', '检查要点', '是', '否', '未检查', '合理缺项', '备注']);
    expect(rows.some((r) => r[0] === '检查人员签名')).toBe(true);
  });

  it('answers 404 for an object not in the draw', async () => {
    const res = await call('GET', `/api/v1/draws/${draw.id}/forms/NOT-DRAWN/export.xlsx`, admin);
    expect(res.status).toBe(404);
    expect(res.json<{ detail: string }>().detail).toContain('不在抽取');
  });
});

describe('GET /me/assignments', () => {
  it('says when the account is not linked to an officer', async () => {
    const session = await makeSession(t.database.db, await makeUser(t.database.db, { roles: ['officer'] }), t.clock.now());
    const res = await call('GET', '/api/v1/me/assignments', session);
    expect(res.status, res.body).toBe(200);
    expect(res.json<MyAssignments>()).toEqual({ linked: false, items: [] });
  });

  it('lists the officer\'s teams with team-mates and the department\'s confirmation; follows replacements', async () => {
    const team = draw.teams[0];
    const member = team?.officers.find((o) => fx.officerKeys.transport.includes(o.key));
    if (!team || !member) throw new Error('no transport officer on the first team');
    const user = await makeUser(t.database.db, { roles: ['officer'], departmentId: fx.transport.id });
    await t.database.db.update(officers).set({ userId: user.id }).where(eq(officers.key, member.key));
    const session = await makeSession(t.database.db, user, t.clock.now());

    const res = await call('GET', '/api/v1/me/assignments', session);
    expect(res.status, res.body).toBe(200);
    const mine = res.json<MyAssignments>();
    expect(mine.linked).toBe(true);
    const expectedObjects = draw.teams.filter((x) => x.officers.some((o) => o.key === member.key)).map((x) => x.object).sort();
    expect(mine.items.map((i) => i.object).sort()).toEqual(expectedObjects);
    const first = mine.items.find((i) => i.object === team.object);
    expect(first).toMatchObject({ drawId: draw.drawId, drawRowId: draw.id, task: { code: 'YQYB-2026-001' }, objectName: team.objectName });
    expect(first?.team).toEqual(team.officers);
    expect(first?.confirmation).toMatchObject({ confirmedOn: null, overdue: false, deadline: draw.dispatch?.deadline });

    // The department confirms: the officer sees it.
    const departmentAdmin = await makeSession(t.database.db, await makeUser(t.database.db, { roles: ['department_admin'], departmentId: fx.transport.id }), t.clock.now());
    expect((await call('POST', `/api/v1/draws/${draw.id}/confirm`, departmentAdmin, {})).status).toBe(200);
    const confirmed = (await call('GET', '/api/v1/me/assignments', session)).json<MyAssignments>();
    expect(confirmed.items.find((i) => i.object === team.object)?.confirmation?.confirmedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Replaced out of that team: the object leaves the list, and the replacement sees it.
    const replaced = await call('POST', `/api/v1/draws/${draw.id}/replacements`, admin, { object: team.object, officer: member.key, reason: '因病不能参加' });
    expect(replaced.status, replaced.body).toBe(201);
    const after = (await call('GET', '/api/v1/me/assignments', session)).json<MyAssignments>();
    expect(after.items.map((i) => i.object)).not.toContain(team.object);
    const replacementKey = replaced.json<Draw>().replacements[0]?.replacement;
    if (!replacementKey) throw new Error('no replacement');
    const other = await makeUser(t.database.db, { roles: ['officer'], departmentId: fx.transport.id });
    await t.database.db.update(officers).set({ userId: other.id }).where(eq(officers.key, replacementKey));
    const otherSession = await makeSession(t.database.db, other, t.clock.now());
    const theirs = (await call('GET', '/api/v1/me/assignments', otherSession)).json<MyAssignments>();
    expect(theirs.items.map((i) => i.object)).toContain(team.object);
    // The inspection work list (我的检查) follows the replacement too.
    const workOf = async (s: TestSession) => ((await call('GET', '/api/v1/inspections?scope=mine&pageSize=100', s)).json() as { items: { object: { key: string } }[] }).items.map((i) => i.object.key);
    expect(await workOf(session)).not.toContain(team.object);
    expect(await workOf(otherSession)).toContain(team.object);
  });
});
