import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, seriousAxeViolations } from './harness.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../src/cli/run-cli.ts';
import { login, newPage, screenshot, skipReason } from './pages.ts';

/**
 * 后续处置 in the staff app: a problem found → follow-up transferred → closed. 运输管理科's
 * admin (yunguan, also an officer) creates a task, draws it, is linked to a drawn officer,
 * enters a result with 发现问题待后续处理, reviews and publishes it — all through the API in
 * the browser's session (one login) — then in the browser decides 移送, transfers to an
 * outside body with a document number, closes, and sees 已完结 in the list; then the task is
 * archived from its page and the downloaded archive verifies with `suiji archive verify`.
 */

interface ItemRow { id: string; claimedByDepartmentId: string | null; usableInTask: boolean }
interface OfficerRow { id: string; key: string; eligible: boolean; userId: string | null }
interface Session { user: { id: string; departmentId: string | null }; csrfToken: string }
interface DrawRow { status: string; output: { assignments: { object: string; officers: string[] }[] } | null }
interface InspectionRow { id: string; object: { key: string; name: string } }
interface Checklist { checklist: { itemId: string; checkpoints: { code: string }[] }[] }

async function api<T>(context: BrowserContext, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, data?: unknown, expected = [200, 201, 202]): Promise<T> {
  const session = method === 'GET' ? null : ((await (await context.request.get('/api/v1/session')).json()) as Session);
  const res = await context.request.fetch(url, { method, ...(data === undefined ? {} : { data }), headers: session ? { 'x-csrf-token': session.csrfToken } : {} });
  expect(expected, `${method} ${url}: ${res.status()} ${await res.text()}`).toContain(res.status());
  return (await res.json()) as T;
}

/** A published result with 发现问题待后续处理 of a fresh task of 运输管理科; answers the entity's name. */
async function publishProblem(context: BrowserContext): Promise<{ inspectionId: string; entityName: string; taskId: string; taskCode: string; drawRowId: string }> {
  const me = await api<Session>(context, 'GET', '/api/v1/session');
  const department = me.user.departmentId ?? '';
  const items = (await api<{ items: ItemRow[] }>(context, 'GET', '/api/v1/items?status=active&claimed=claimed&pageSize=200')).items;
  const item = items.find((i) => i.usableInTask && i.claimedByDepartmentId === department);
  if (!item) throw new Error('运输管理科 has no usable claimed item in the demo');
  const officers = (await api<{ items: OfficerRow[] }>(context, 'GET', `/api/v1/officers?departmentId=${department}&category=officer&pageSize=200`)).items;
  const year = new Date().getFullYear();
  const code = `E2E-FU-${Date.now().toString(36).toUpperCase()}`;
  const task = await api<{ id: string }>(context, 'POST', '/api/v1/tasks', {
    code, name: `后续处置浏览器测试 ${code}`, organizerDepartmentId: department, participatingDepartmentIds: [department],
    itemIds: [item.id], strata: { kind: 'single', quota: { count: 1 } }, team: { teamSize: 2 },
    periodFrom: `${year}-01-01`, periodTo: `${year}-12-31`,
  });
  const frozen = await api<{ id: string }>(context, 'POST', `/api/v1/tasks/${task.id}/freeze`);
  await api(context, 'POST', `/api/v1/draws/${frozen.id}/seed`, { method: 'dice', digits: '16180339887498948482', witnesses: ['监督员'] });
  await api(context, 'POST', `/api/v1/draws/${frozen.id}/run`);
  let draw: DrawRow = { status: 'running', output: null };
  for (let i = 0; i < 300 && draw.status !== 'completed'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    draw = await api<DrawRow>(context, 'GET', `/api/v1/draws/${frozen.id}`);
  }
  const assignment = draw.output?.assignments[0];
  const officer = officers.find((o) => o.key === assignment?.officers[0]);
  if (!assignment || !officer) throw new Error(`the draw did not complete with a team (${draw.status})`);
  // 谁检查、谁录入: yunguan enters the result as the drawn officer linked to the account.
  await api(context, 'PATCH', `/api/v1/officers/${officer.id}`, { userId: me.user.id });

  const mine = (await api<{ items: InspectionRow[] }>(context, 'GET', '/api/v1/inspections?scope=mine&pageSize=500')).items;
  const inspection = mine.find((i) => i.object.key === assignment.object);
  if (!inspection) throw new Error('the inspection is not in the work list');
  const detail = await api<Checklist>(context, 'GET', `/api/v1/inspections/${inspection.id}`);
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await api(context, 'PUT', `/api/v1/inspections/${inspection.id}/draft`, {
    answers: detail.checklist.flatMap((c) => c.checkpoints.map((p) => ({ itemId: c.itemId, checkpoint: p.code, answer: 'no' }))),
    startedOn: today, endedOn: today, verificationMethods: ['on_site'], codes: ['A', '5'], findings: '发现线索：涉嫌非法营运', remarks: '',
  });
  const session = (await (await context.request.get('/api/v1/session')).json()) as Session;
  const upload = await context.request.post(`/api/v1/inspections/${inspection.id}/evidence`, {
    data: Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n'),
    headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('签字表.pdf'), 'x-csrf-token': session.csrfToken },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  const evidence = (await upload.json()) as { id: string };
  await api(context, 'POST', `/api/v1/inspections/${inspection.id}/signatures`, { signer: 'paper_form', evidenceId: evidence.id });
  await api(context, 'POST', `/api/v1/inspections/${inspection.id}/submit`);
  await api(context, 'POST', `/api/v1/inspections/${inspection.id}/review`, { decision: 'approve' });
  await api(context, 'POST', `/api/v1/inspections/${inspection.id}/publish`);
  return { inspectionId: inspection.id, entityName: inspection.object.name, taskId: task.id, taskCode: code, drawRowId: frozen.id };
}

describe.skipIf(skipReason !== '')('follow-up journey: problem found → transferred → closed → archived', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let published: Awaited<ReturnType<typeof publishProblem>>;

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser));
    await login(page, 'yunguan');
    published = await publishProblem(context);
  }, 120_000);
  afterAll(async () => { await browser?.close(); });

  it('lists the follow-up the publication opened', async () => {
    await page.goto('/followups');
    await page.getByRole('heading', { name: '后续处置' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: published.entityName });
    await row.getByText('待处置').waitFor();
    await row.getByText('待确定').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await row.getByRole('link', { name: published.entityName }).click();
    await page.getByRole('heading', { name: `后续处置：${published.entityName}` }).waitFor();
  });

  it('decides 移送, transfers to an outside body with its document number, and closes', async () => {
    const measure = page.locator('form#measure');
    await measure.getByLabel('处置措施').click();
    await page.locator('.ant-select-dropdown:visible').getByText('发现案件线索，移送办案机构依法处理', { exact: true }).click();
    await measure.getByRole('button', { name: '保存措施' }).click();
    await page.getByText('处置措施已保存').waitFor();

    const transfer = page.locator('form#transfer');
    await transfer.getByLabel('接收机关').fill('县公安局交警大队');
    await transfer.getByLabel('文书编号').fill('交运移〔2026〕8号');
    await transfer.getByRole('button', { name: '登记移送' }).click();
    await page.getByText('移送已登记').waitFor();
    await page.getByText(/移送 县公安局交警大队（交运移〔2026〕8号，/).first().waitFor();

    const progress = page.locator('form#progress');
    await progress.getByLabel('进展情况').fill('已电话确认公安机关收到移送材料');
    await progress.getByRole('button', { name: '登记进展' }).click();
    await page.getByText('进展已登记').waitFor();
    await page.getByText(/已电话确认公安机关收到移送材料/).first().waitFor();

    const close = page.locator('form#close');
    await close.getByLabel('处置结果').fill('公安机关已受理立案');
    await close.getByRole('button', { name: /完\s*结/ }).click();
    await page.getByText('后续处置已完结').waitFor();
    await page.getByText('已闭环').waitFor();
    // The timeline: measure, transfer, close, each with who recorded it.
    for (const label of ['确定措施', '移送', '处置进展', '完结']) await page.getByText(new RegExp(`\\d{4}-\\d{2}-\\d{2} ${label}$`)).waitFor();
    expect(await page.locator('form#close').count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'followup-detail');
  });

  it('shows 已完结 in the list, and the inspection as closed-loop', async () => {
    await page.goto('/followups');
    const row = page.getByRole('row').filter({ hasText: published.entityName });
    await row.getByText('已完结').waitFor();
    await row.getByText('移送 县公安局交警大队（交运移〔2026〕8号', { exact: false }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    const inspection = await api<{ followUp: { status: string } | null }>(context, 'GET', `/api/v1/inspections/${published.inspectionId}`);
    expect(inspection.followUp?.status).toBe('closed');
  });

  it('archives the task once everything is closed, and the archive verifies with suiji archive verify', async () => {
    // The department confirms its list (派发确认); then nothing is missing.
    await api(context, 'POST', `/api/v1/draws/${published.drawRowId}/confirm`, {});
    await page.goto(`/tasks/${published.taskId}`);
    const card = page.getByRole('button', { name: /^归\s*档$/u });
    await expect.poll(() => card.isEnabled(), { timeout: 15_000 }).toBe(true);
    await card.click();
    await page.getByRole('tooltip').getByRole('button', { name: /^归\s*档$/u }).click();
    await page.getByText(`已归档抽查任务 ${published.taskCode}`).waitFor();
    await page.getByText(/^[0-9a-f]{64}$/u).first().waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    const zip = await context.request.get(`/api/v1/tasks/${published.taskId}/archive.zip`);
    expect(zip.status()).toBe(200);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'suiji-e2e-archive-')), 'archive.zip');
    writeFileSync(file, await zip.body());
    const verified = await runCli(['archive', 'verify', file]);
    expect(verified.code, verified.out + verified.err).toBe(0);
    expect(verified.out).toContain(`OK `);
    // Archived means read-only.
    const refused = await context.request.post(`/api/v1/draws/${published.drawRowId}/abandon`, {
      data: { reason: '归档后尝试作废' }, headers: { 'x-csrf-token': ((await (await context.request.get('/api/v1/session')).json()) as Session).csrfToken },
    });
    expect(refused.status()).toBe(409);
  });
});
