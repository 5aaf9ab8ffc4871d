import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../cli/main.ts';
import { parseDrawRecord } from '../../../contracts/draw.ts';
import type { z } from 'zod';
import type { Draw, jointRecordFormSchema, publicTaskDetailSchema, Task } from '../../../contracts/tasks.ts';
import { normaliseSeed } from '../../../domain/draw/seed.ts';
import { verifyRecord } from '../../../domain/draw/verify-record.ts';
import { nextEligibleOfficer } from '../../../domain/task/replacement.ts';
import { rowsOf } from '../../db/database.ts';
import { auditEvents } from '../../db/schema.ts';
import { draws } from '../../db/schema-plans.ts';
import { drawTicketSql } from '../../draw/ticket-sql.ts';
import { makeSession, makeUser, type TestSession } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { makeDrawFixture, type DrawFixture } from './draw-fixtures.ts';

const execFileAsync = promisify(execFile);

let t: TestApp;
let fx: DrawFixture;
let admin: TestSession;
let transportAdmin: TestSession;
let adminUser: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  fx = await makeDrawFixture(t.database.db);
  adminUser = await makeUser(t.database.db, { roles: ['system_admin'], displayName: '系统管理员' });
  admin = await makeSession(t.database.db, adminUser, t.clock.now());
  transportAdmin = await makeSession(t.database.db, await makeUser(t.database.db, { roles: ['department_admin'], departmentId: fx.transport.id }), t.clock.now());
}, 60_000);
afterAll(async () => {
  await t.close();
});

type Json = Record<string, unknown>;
async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, session: TestSession | null = admin) {
  const res = await t.app.inject({ method, url, headers: session?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as Json }) });
  return { status: res.statusCode, body: res.body, json: () => res.json() as Json, headers: res.headers };
}

async function auditActions(subjectId: string): Promise<string[]> {
  const rows = await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, subjectId)).orderBy(auditEvents.seq);
  return rows.map((r) => r.action);
}

async function waitForDraw(id: string): Promise<Draw> {
  for (let i = 0; i < 200; i++) {
    const res = await call('GET', `/api/v1/draws/${id}`);
    const draw = res.json() as unknown as Draw;
    if (draw.status !== 'running') return draw;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('draw did not finish');
}

function taskBody(code: string, over: Json = {}): Json {
  return {
    code, name: '2026 年道路运输企业联合抽查', organizerDepartmentId: fx.transport.id,
    participatingDepartmentIds: [fx.transport.id, fx.brigade.id], itemIds: [fx.itemIds.claimed, fx.itemIds.claimed2],
    scope: { industries: ['道路货物运输', '道路旅客运输'] },
    strata: { kind: 'by_risk_class', quotas: { A: { ratioBp: 1000 }, B: { ratioBp: 3000 }, C: { count: 3 }, D: { ratioBp: 10000 }, U: { ratioBp: 2000 } } },
    exclusions: { excludedStatuses: ['deregistered', 'revoked'] },
    team: { teamSize: 3, requiredDepartmentIds: [fx.transport.id, fx.brigade.id] },
    periodFrom: '2026-03-10', periodTo: '2026-06-30',
    ...over,
  };
}

describe('task → freeze → seed → draw → record', () => {
  let task: Task;
  let draw: Draw;

  it('refuses items that are not claimed or not active, with a Chinese message', async () => {
    const res = await call('POST', '/api/v1/tasks', taskBody('QXJT-2026-001', { itemIds: [fx.itemIds.claimed, fx.itemIds.unclaimed, fx.itemIds.retired] }));
    expect(res.status, res.body).toBe(400);
    expect(res.json().detail).toMatch(/尚未认领.*已停用|已停用|尚未认领/);
    expect(res.body).toContain('尚未认领，认领后才能使用');
    expect(res.body).toContain('已停用，不能使用');
  });

  it('creates a joint task', async () => {
    const res = await call('POST', '/api/v1/tasks', taskBody('QXJT-2026-001'));
    expect(res.status, res.body).toBe(201);
    task = res.json() as unknown as Task;
    expect(task).toMatchObject({ code: 'QXJT-2026-001', joint: true, targeted: true, status: 'draft', source: 'ad_hoc' });
    expect(await auditActions(task.id)).toEqual(['task.created']);
    const duplicate = await call('POST', '/api/v1/tasks', taskBody('QXJT-2026-001'));
    expect(duplicate.status).toBe(409);
  });

  it('refuses a seed and a draw before the freeze (409, audited)', async () => {
    const seed = await call('POST', `/api/v1/tasks/${task.id}/seed`, { method: 'dice', digits: '12345678901234567890', witnesses: ['监督员'] });
    expect(seed.status, seed.body).toBe(409);
    expect(seed.json().detail).toContain('尚未冻结');
    const run = await call('POST', `/api/v1/tasks/${task.id}/draw`);
    expect(run.status).toBe(409);
    expect(await auditActions(task.id)).toEqual(['task.created', 'draw.seed_refused', 'draw.run_refused']);
  });

  it('freezes: candidates in scope with the class in force, exclusions, eligible officers, recusals', async () => {
    t.clock.advance(60_000);
    const res = await call('POST', `/api/v1/tasks/${task.id}/freeze`);
    expect(res.status, res.body).toBe(201);
    draw = res.json() as unknown as Draw;
    expect(draw.drawId).toBe('QXJT-2026-001');
    expect(draw.status).toBe('frozen');
    // Entities 20, 40, 60 are deregistered: excluded (and counted) in their stratum.
    expect(draw.exclusions.reduce((n, e) => n + e.count, 0)).toBe(3);
    expect(draw.exclusions.every((e) => e.reason.length > 0)).toBe(true);
    const n = draw.strata.reduce((sum, s) => sum + s.n, 0);
    expect(n).toBe(57);
    // Even entities have a B snapshot in force (the 2027 D snapshot is not yet); odd ones have no
    // snapshot and keep entities.risk_class (i % 5 → A B C D U): 6 each, and B = 6 + 30 − 3 excluded.
    expect(Object.fromEntries(draw.strata.map((s) => [s.name, s.n]))).toEqual({ A: 6, B: 33, C: 6, D: 6, U: 6 });
    expect(draw.exclusions).toEqual([{ stratum: 'B', reason: '注销、吊销、迁出、停业等状态', count: 3 }]);
    expect(draw.strata.every((s) => /^[0-9a-f]{64}$/.test(s.listHash))).toBe(true);
    // 8 officers eligible (an expert and an expired certificate are not), one recusal.
    expect(draw.officerPoolSize).toBe(8);
    expect(draw.recusalCount).toBe(1);
    expect(draw.requiredDepartments).toEqual([fx.brigade.name, fx.transport.name].sort((a, b) => (a < b ? -1 : 1)));
    expect(await auditActions(draw.id)).toEqual(['draw.frozen']);
  });

  it('refuses to change or re-freeze a frozen task (409, Chinese, audited)', async () => {
    const patch = await call('PATCH', `/api/v1/tasks/${task.id}`, { name: '改名' });
    expect(patch.status).toBe(409);
    expect(patch.json().detail).toContain('已冻结');
    const again = await call('POST', `/api/v1/tasks/${task.id}/freeze`);
    expect(again.status).toBe(409);
    expect((await auditActions(task.id)).filter((a) => a === 'task.change_refused')).toHaveLength(2);
  });

  it('refuses to draw without a seed, and a seed shorter than 20 digits', async () => {
    const run = await call('POST', `/api/v1/draws/${draw.id}/run`);
    expect(run.status).toBe(409);
    expect(run.json().detail).toContain('尚未产生随机种子');
    const short = await call('POST', `/api/v1/draws/${draw.id}/seed`, { method: 'dice', digits: '1234 5678 9012 3456 789', witnesses: ['监督员'] });
    expect(short.status).toBe(400);
    expect(short.json().detail).toContain('至少需要 20 位数字');
    expect((await auditActions(draw.id)).filter((a) => a === 'draw.seed_refused')).toHaveLength(1);
    expect(await auditActions(draw.id)).toContain('draw.run_refused');
  });

  it('takes the departments\' digits in code point order of their names, once', async () => {
    t.clock.advance(60_000);
    const res = await call('POST', `/api/v1/draws/${draw.id}/seed`, {
      method: 'departments', witnesses: ['迁西县司法局 监督员', '企业代表'],
      contributions: [{ departmentId: fx.transport.id, digits: '2222 2222 2222' }, { departmentId: fx.brigade.id, digits: '1111 1111 1111' }],
    });
    expect(res.status, res.body).toBe(200);
    const seeded = res.json() as unknown as Draw;
    // 综 (U+7EFC) sorts before 运 (U+8FD0): the brigade's digits come first.
    expect(seeded.seed).toBe('111111111111222222222222');
    expect(seeded.seedContributions?.map((c) => c.department)).toEqual([fx.brigade.name, fx.transport.name]);
    const again = await call('POST', `/api/v1/draws/${draw.id}/seed`, { method: 'system' });
    expect(again.status).toBe(409);
    expect(again.json().detail).toContain('不能更改');
    expect((await auditActions(draw.id)).filter((a) => a === 'draw.seed_refused')).toHaveLength(2);
    expect(await auditActions(draw.id)).toContain('draw.seed_set');
  });

  it('draws as a job (202), stores a record that verifies, and refuses a second draw', async () => {
    t.clock.advance(60_000);
    const res = await call('POST', `/api/v1/draws/${draw.id}/run`);
    expect(res.status, res.body).toBe(202);
    expect((res.json() as unknown as Draw).status).toBe('running');
    draw = await waitForDraw(draw.id);
    expect(draw.status, JSON.stringify(draw.failure)).toBe('completed');
    expect(draw.output?.order.length).toBeGreaterThan(0);
    expect(draw.teams.every((team) => team.officers.length === 3 && team.officers.every((o) => o.name.startsWith('执法员')))).toBe(true);
    // The conflicted officer never inspects the entity they are recused from.
    const recusedTeam = draw.teams.find((team) => team.object === fx.conflict[1]);
    expect(recusedTeam?.officers.map((o) => o.key) ?? []).not.toContain(fx.conflict[0]);

    const second = await call('POST', `/api/v1/draws/${draw.id}/run`);
    expect(second.status).toBe(409);
    expect(second.json().detail).toContain('只能执行一次');
    expect(await auditActions(draw.id)).toEqual(expect.arrayContaining(['draw.started', 'draw.completed', 'draw.run_refused']));
    const taskNow = (await call('GET', `/api/v1/tasks/${task.id}`)).json() as unknown as Task;
    expect(taskNow.status).toBe('drawn');
  });

  it('publishes the record: verifyRecord and `suiji verify` accept it', { timeout: 60_000 }, async () => {
    const res = await call('GET', `/api/v1/public/draws/${draw.drawId}?download=1`, undefined, null);
    expect(res.status, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const parsed = parseDrawRecord(JSON.parse(res.body));
    if (!parsed.ok) throw new Error(parsed.issues.join('\n'));
    const record = parsed.value;
    expect(Object.keys(record)).toEqual(['standard', 'drawId', 'seed', 'seedMethod', 'seedContributions', 'witnesses', 'frozenAt', 'drawnAt', 'strata', 'exclusions', 'matching', 'output']);
    expect(verifyRecord(record)).toEqual({ ok: true, differences: [], notes: [] });
    for (const name of fx.officerNames) expect(res.body).not.toContain(name);

    const dir = await mkdtemp(path.join(tmpdir(), 'suiji-record-'));
    try {
      const file = path.join(dir, 'record.json');
      await writeFile(file, res.body);
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(['verify', file], { out: (s) => out.push(s), err: (s) => err.push(s) });
      expect(err.join('')).toBe('');
      expect(code).toBe(0);
      expect(out.join('').trim()).toBe('OK');
      // And the installed command, as a citizen would run it: node bin/suiji.mjs verify <file>.
      const cli = await execFileAsync(process.execPath, [fileURLToPath(new URL('../../../../bin/suiji.mjs', import.meta.url)), 'verify', file]);
      expect(cli.stdout.trim()).toBe('OK');
      // A tampered record fails.
      const tampered = { ...record, output: { ...record.output, order: [...record.output.order].reverse() } };
      await writeFile(file, JSON.stringify(tampered));
      expect(await main(['verify', file], { out: () => undefined, err: () => undefined })).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('answers any key with its ticket, stratum and cutoff, and the ticket agrees with SQL', async () => {
    const selected = draw.output?.order[0] ?? '';
    const res = await call('GET', `/api/v1/public/draws/${draw.drawId}/tickets/${selected}`, undefined, null);
    expect(res.status, res.body).toBe(200);
    const ticket = res.json();
    expect(ticket.drawn).toBe(true);
    expect(String(ticket.ticket) <= String(ticket.cutoffTicket)).toBe(true);
    const seed = normaliseSeed(draw.seed ?? '');
    if (!seed.ok) throw new Error('bad seed');
    const rows = rowsOf<{ ticket: string }>(await t.database.db.execute(sql.raw(`select ${drawTicketSql(`'${seed.value}'`, `'${draw.drawId}'`, `'${selected}'`)} as ticket`)));
    expect(rows[0]?.ticket).toBe(ticket.ticket);

    const all = draw.strata.find((s) => s.n > (draw.output?.strata.find((o) => o.name === s.name)?.quota ?? 0));
    const record = parseDrawRecord((await call('GET', `/api/v1/public/draws/${draw.drawId}`, undefined, null)).json());
    if (!record.ok || !all) throw new Error('no record');
    const notDrawn = record.value.strata.find((s) => s.name === all.name)?.candidates.find((k) => !draw.output?.order.includes(k)) ?? '';
    const other = (await call('GET', `/api/v1/public/draws/${draw.drawId}/tickets/${notDrawn}`, undefined, null)).json();
    expect(other.drawn).toBe(false);
    expect(String(other.ticket) > String(other.cutoffTicket)).toBe(true);
    expect((await call('GET', `/api/v1/public/draws/${draw.drawId}/tickets/NOT-A-CANDIDATE`, undefined, null)).status).toBe(404);
  });

  it('replaces an officer by the next eligible one in the standard order, recorded and published', async () => {
    const team = draw.teams[0];
    if (!team || !draw.output?.assignments) throw new Error('no team');
    const officer = team.officers[2]?.key ?? '';
    const seed = normaliseSeed(draw.seed ?? '');
    if (!seed.ok) throw new Error('bad seed');
    const record = parseDrawRecord((await call('GET', `/api/v1/public/draws/${draw.drawId}`, undefined, null)).json());
    if (!record.ok || !record.value.matching) throw new Error('no record');
    const expected = nextEligibleOfficer({ seed: seed.value, drawId: draw.drawId, matching: record.value.matching, assignments: draw.output.assignments, object: team.object, officer });
    if (!expected.ok) throw new Error('no replacement possible');

    const res = await call('POST', `/api/v1/draws/${draw.id}/replacements`, { object: team.object, officer, reason: '因病不能参加' });
    expect(res.status, res.body).toBe(201);
    const after = res.json() as unknown as Draw;
    expect(after.replacements).toEqual([expect.objectContaining({ seq: 1, object: team.object, replaced: officer, replacement: expected.value.replacement })]);
    expect(after.teams[0]?.officers.map((o) => o.key)).toEqual(expected.value.team);
    expect(await auditActions(draw.id)).toContain('draw.officer_replaced');
    const unknown = await call('POST', `/api/v1/draws/${draw.id}/replacements`, { object: team.object, officer: 'NOBODY', reason: '测试' });
    expect(unknown.status).toBe(400);
    expect(unknown.json().detail).toContain('不在检查对象');
  });

  it('public presenters name no officer (announcement, record, tickets, tasks, plans)', async () => {
    const bodies = await Promise.all([
      call('GET', '/api/v1/public/tasks', undefined, null),
      call('GET', `/api/v1/public/tasks/${task.code}`, undefined, null),
      call('GET', `/api/v1/public/draws/${draw.drawId}`, undefined, null),
    ]);
    for (const res of bodies) {
      expect(res.status, res.body).toBe(200);
      for (const name of fx.officerNames) expect(res.body).not.toContain(name);
    }
    const detail = bodies[1]?.json() as Json;
    const announcements = detail.draws as Json[];
    expect(announcements[0]).toMatchObject({ drawId: task.code, status: 'completed' });
    expect((announcements[0]?.replacements as Json[]).length).toBe(1);
  });

  it('gives the 一企一表 data: object, items with checkpoints, team with names and certificate numbers', async () => {
    const object = draw.teams[0]?.object ?? '';
    const res = await call('GET', `/api/v1/draws/${draw.id}/forms/${object}`);
    expect(res.status, res.body).toBe(200);
    const form = res.json() as unknown as z.infer<typeof jointRecordFormSchema>;
    expect(form.object.key).toBe(object);
    expect(form.items).toHaveLength(2);
    expect(form.items[0]?.checkpoints).toEqual([{ code: '1', text: '是否取得道路运输经营许可证' }, { code: '2', text: '车辆是否按规定年审' }]);
    expect(form.team).toHaveLength(3);
    expect(form.team.every((m) => m.name.startsWith('执法员') && m.certificateNo === m.key)).toBe(true);
  });

  it('dispatch: each department confirms within 2 working days; overdue is flagged', async () => {
    const before = (await call('GET', `/api/v1/draws/${draw.id}`)).json() as unknown as Draw;
    expect(before.dispatch?.allConfirmed).toBe(false);
    // 2026-03-02 (Mon) + 2 working days = 2026-03-04.
    expect(before.dispatch?.deadline).toBe('2026-03-04');
    const res = await call('POST', `/api/v1/draws/${draw.id}/confirm`, {}, transportAdmin);
    expect(res.status, res.body).toBe(200);
    const twice = await call('POST', `/api/v1/draws/${draw.id}/confirm`, {}, transportAdmin);
    expect(twice.status).toBe(409);
    t.clock.advance(4 * 86_400_000);
    admin = await makeSession(t.database.db, adminUser, t.clock.now());
    const later = (await call('GET', `/api/v1/draws/${draw.id}`)).json() as unknown as Draw;
    const byName = new Map(later.dispatch?.departments.map((d) => [d.departmentName, d]));
    expect(byName.get(fx.transport.name)?.overdue).toBe(false);
    expect(byName.get(fx.brigade.name)?.overdue).toBe(true);
    expect(later.dispatch?.anyOverdue).toBe(true);
  });

  it('never deletes or edits a draw: no route, a refused abandon, and the database refuses', async () => {
    const deleted = await call('DELETE', `/api/v1/draws/${draw.id}`);
    expect(deleted.status).toBe(409);
    expect(deleted.json().detail).toContain('不能删除');
    const edited = await call('PATCH', `/api/v1/draws/${draw.id}`, { seed: '1'.repeat(20) });
    expect(edited.status).toBe(409);
    expect(edited.json().detail).toContain('不能修改');
    expect((await auditActions(draw.id)).filter((a) => a === 'draw.change_refused')).toHaveLength(2);
    const abandon = await call('POST', `/api/v1/draws/${draw.id}/abandon`, { reason: '想重新抽一次' });
    expect(abandon.status).toBe(409);
    expect(abandon.json().detail).toContain('不能作废');
    expect((await auditActions(draw.id)).filter((a) => a === 'draw.change_refused')).toHaveLength(3);
    await expect(t.database.db.update(draws).set({ output: null }).where(eq(draws.id, draw.id))).rejects.toThrow();
    await expect(t.database.db.update(draws).set({ seed: '99999999999999999999' }).where(eq(draws.id, draw.id))).rejects.toThrow();
    await expect(t.database.db.delete(draws).where(eq(draws.id, draw.id))).rejects.toThrow();
    const still = (await call('GET', `/api/v1/draws/${draw.id}`)).json() as unknown as Draw;
    expect(still.status).toBe('completed');
  });
});

describe('abandon, a new drawId, and a failed draw', () => {
  it('abandons a frozen draw (still published with its reason); the next freeze gets a suffixed drawId', async () => {
    const created = await call('POST', '/api/v1/tasks', taskBody('QXJT-2026-002', { strata: { kind: 'single', quota: { ratioBp: 1000 } } }));
    expect(created.status, created.body).toBe(201);
    const task = created.json() as unknown as Task;
    const first = (await call('POST', `/api/v1/tasks/${task.id}/freeze`)).json() as unknown as Draw;
    const abandoned = await call('POST', `/api/v1/draws/${first.id}/abandon`, { reason: '抽查范围遗漏客运站，需重新冻结' });
    expect(abandoned.status, abandoned.body).toBe(200);
    expect((abandoned.json() as unknown as Draw).status).toBe('abandoned');
    const edited = await call('PATCH', `/api/v1/tasks/${task.id}`, { scope: { industries: ['道路旅客运输'] } });
    expect(edited.status, edited.body).toBe(200);
    const second = await call('POST', `/api/v1/tasks/${task.id}/freeze`);
    expect(second.status, second.body).toBe(201);
    expect((second.json() as unknown as Draw).drawId).toBe('QXJT-2026-002-2');
    const published = (await call('GET', '/api/v1/public/tasks/QXJT-2026-002', undefined, null)).json() as unknown as z.infer<typeof publicTaskDetailSchema>;
    expect(published.draws.map((d) => [d.drawId, d.status, d.abandonReason])).toEqual([
      ['QXJT-2026-002', 'abandoned', '抽查范围遗漏客运站，需重新冻结'],
      ['QXJT-2026-002-2', 'frozen', null],
    ]);
    expect(published.scheme.scope.industries).toEqual(['道路旅客运输']);
  });

  it('stores a draw whose slot has no eligible officer as failed, with the reason, visible', async () => {
    const created = await call('POST', '/api/v1/tasks', taskBody('QXJT-2026-003', {
      strata: { kind: 'single', quota: { count: 2 } }, team: { teamSize: 2, requiredTags: ['危险货物运输'] },
    }));
    const task = created.json() as unknown as Task;
    const frozen = (await call('POST', `/api/v1/tasks/${task.id}/freeze`)).json() as unknown as Draw;
    t.clock.advance(1000);
    const seeded = await call('POST', `/api/v1/draws/${frozen.id}/seed`, { method: 'system' });
    expect(seeded.status, seeded.body).toBe(200);
    expect((seeded.json() as unknown as Draw).seed).toMatch(/^[0-9]{24}$/);
    t.clock.advance(1000);
    expect((await call('POST', `/api/v1/tasks/${task.id}/draw`)).status).toBe(202);
    const failed = await waitForDraw(frozen.id);
    expect(failed.status).toBe('failed');
    expect(failed.failure?.code).toBe('NO_ELIGIBLE_OFFICER');
    expect(failed.failure?.message).toMatch(/席位/);
    const announcement = (await call('GET', '/api/v1/public/tasks/QXJT-2026-003', undefined, null)).json() as unknown as z.infer<typeof publicTaskDetailSchema>;
    expect(announcement.draws[0]?.failure?.code).toBe('NO_ELIGIBLE_OFFICER');
    expect(await auditActions(frozen.id)).toContain('draw.failed');
    // A failed draw can only be abandoned; the database refuses to rewrite its outcome.
    await expect(t.database.db.update(draws).set({ status: 'completed' }).where(eq(draws.id, frozen.id))).rejects.toThrow();
    expect((await call('POST', `/api/v1/draws/${frozen.id}/abandon`, { reason: '无符合资质的执法人员，调整规则后重新抽取' })).status).toBe(200);
  });
});
