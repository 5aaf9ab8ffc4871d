import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, seriousAxeViolations } from './harness.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../src/cli/run-cli.ts';
import { baseUrl, login, newPage, screenshot, skipReason } from './pages.ts';

/**
 * The draw in the staff app, as the system administrator: a task (created through the API) →
 * freeze → seed ceremony (a 19-digit seed refused, then 24 dice digits with two witnesses) →
 * the draw job → the matched teams → 一企一表 print page. One login.
 */

interface Named { id: string; name: string }
interface ItemRow { id: string; claimedByDepartmentId: string | null; usableInTask: boolean }
interface OfficerRow { eligible: boolean }

async function csrf(context: BrowserContext): Promise<string> {
  return ((await (await context.request.get('/api/v1/session')).json()) as { csrfToken: string }).csrfToken;
}

async function getJson<T>(context: BrowserContext, url: string): Promise<T> {
  const res = await context.request.get(url);
  expect(res.status(), `${url}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

/** A demo department with a usable claimed item and at least two officers who can be drawn. */
async function createTask(context: BrowserContext): Promise<{ id: string; code: string }> {
  const departments = (await getJson<{ items: Named[] }>(context, '/api/v1/organizations')).items;
  const items = (await getJson<{ items: ItemRow[] }>(context, '/api/v1/items?status=active&claimed=claimed&pageSize=200')).items;
  const year = new Date().getFullYear();
  for (const department of departments) {
    const item = items.find((i) => i.usableInTask && i.claimedByDepartmentId === department.id);
    if (!item) continue;
    const officers = (await getJson<{ items: OfficerRow[] }>(context, `/api/v1/officers?departmentId=${department.id}&category=officer&pageSize=200`)).items;
    // Three or more, so that a team member can be replaced by the next one in the standard's order.
    if (officers.filter((o) => o.eligible).length < 3) continue;
    const code = `E2E-DRAW-${Date.now().toString(36).toUpperCase()}`;
    const res = await context.request.post('/api/v1/tasks', {
      headers: { 'x-csrf-token': await csrf(context) },
      data: {
        code, name: `浏览器测试抽查任务 ${code}`, organizerDepartmentId: department.id, participatingDepartmentIds: [department.id],
        itemIds: [item.id], strata: { kind: 'single', quota: { count: 3 } }, team: { teamSize: 2 },
        periodFrom: `${year}-01-01`, periodTo: `${year}-12-31`,
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    return { id: ((await res.json()) as { id: string }).id, code };
  }
  throw new Error('no demo department has a usable item and three eligible officers');
}

describe.skipIf(skipReason !== '')('draw journey: task → freeze → seed ceremony → draw → teams', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let task: { id: string; code: string };

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser));
    await login(page, 'admin');
    task = await createTask(context);
  });
  afterAll(async () => { await browser?.close(); });

  it('freezes with a confirmation and shows the announcement', async () => {
    await page.goto(`/tasks/${task.id}`);
    const panel = page.getByRole('region', { name: '抽取', exact: true });
    await panel.getByRole('button', { name: '冻结并公布' }).click();
    await page.getByRole('dialog').getByRole('button', { name: /冻\s*结/ }).click();
    await panel.getByRole('heading', { name: /抽取公告/ }).waitFor();
    await panel.getByText('已冻结，待产生种子').waitFor();
    // One stratum ALL with its list hash.
    expect(await panel.getByRole('cell', { name: /^[0-9a-f]{64}$/ }).count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('refuses a 19-digit seed in the ceremony dialog and on the server', async () => {
    const panel = page.getByRole('region', { name: '抽取', exact: true });
    await panel.getByRole('button', { name: '产生随机种子' }).click();
    const dialog = page.getByRole('dialog', { name: /随机种子仪式/ });
    await dialog.getByLabel(/骰子数字/).fill('1234 5678 9012 3456 789');
    await dialog.getByLabel(/见证人姓名/).fill('张见证、李监督');
    await dialog.getByRole('button', { name: '确认种子' }).click();
    await dialog.getByRole('alert').getByText('随机种子至少需要 20 位数字，当前只有 19 位').waitFor();
    await screenshot(page, 'draw-seed-ceremony');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The server refuses too (400, Chinese problem), whatever the client does.
    const drawId = (await getJson<{ draws: { id: string; status: string }[] }>(context, `/api/v1/tasks/${task.id}`)).draws.find((d) => d.status === 'frozen')?.id;
    const res = await context.request.post(`/api/v1/draws/${drawId ?? ''}/seed`, {
      headers: { 'x-csrf-token': await csrf(context) }, data: { method: 'dice', digits: '1234567890123456789', witnesses: ['张见证'] },
    });
    expect(res.status()).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toContain('至少需要 20 位数字');
  });

  it('takes 24 dice digits with two witnesses, draws as a job and shows the matched teams', async () => {
    const dialog = page.getByRole('dialog', { name: /随机种子仪式/ });
    await dialog.getByLabel(/骰子数字/).fill('3141 5926 5358 9793 2384 6264');
    await expect.poll(() => dialog.getByTestId('seed-preview').innerText()).toBe('3141 5926 5358 9793 2384 6264');
    await dialog.getByRole('button', { name: '确认种子' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const panel = page.getByRole('region', { name: '抽取', exact: true });
    await expect.poll(() => panel.getByTestId('draw-seed').innerText()).toBe('3141 5926 5358 9793 2384 6264');
    await panel.getByText('张见证、李监督').waitFor();

    await panel.getByRole('button', { name: '开始抽取' }).click();
    const teams = panel.getByRole('table', { name: '检查组' });
    await teams.waitFor({ timeout: 60_000 });
    await panel.getByText('已完成', { exact: true }).waitFor();
    // Three objects, each with a team of two named officers and their certificate numbers.
    const rows = teams.getByRole('row');
    await expect.poll(() => rows.count()).toBe(4);
    for (let i = 1; i <= 3; i += 1) {
      expect(await rows.nth(i).getByRole('listitem').count()).toBe(2);
    }
    // Tickets and the cutoff per stratum.
    await panel.getByText('截止签号：').waitFor();
    expect(await panel.getByRole('cell', { name: /^[0-9a-f]{64}$/ }).count()).toBeGreaterThanOrEqual(4);
    // Dispatch: the department's confirmation with its deadline.
    await panel.getByRole('table', { name: '派发确认' }).getByText(/待确认，期限 \d{4}-\d{2}-\d{2}/).waitFor();
    await screenshot(page, 'draw-teams');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('replaces a member with a reason (recorded) and confirms the department\'s list', async () => {
    const panel = page.getByRole('region', { name: '抽取', exact: true });
    const firstTeam = panel.getByRole('table', { name: '检查组' }).getByRole('row').nth(1);
    const leaving = (await firstTeam.getByRole('listitem').first().innerText()).split(' / ')[0]?.trim() ?? '';
    await firstTeam.getByRole('button', { name: /替换人员/ }).click();
    const dialog = page.getByRole('dialog', { name: /替换人员/ });
    await dialog.getByRole('combobox', { name: '不能参加的人员' }).click();
    // The visible option carries the label as its title (the role=option list is antd's hidden one for screen readers).
    await page.getByTitle(new RegExp(`^${leaving}（`)).click();
    await dialog.getByLabel('替换原因').fill('因病不能参加');
    await dialog.getByRole('button', { name: /替\s*换/ }).click();
    const record = panel.getByRole('table', { name: '人员替换记录' });
    await record.getByRole('cell', { name: '因病不能参加' }).waitFor();
    await expect.poll(() => firstTeam.getByRole('listitem').allInnerTexts()).not.toContainEqual(expect.stringContaining(`${leaving} /`));
    await firstTeam.getByText('替换', { exact: true }).waitFor();

    const dispatch = panel.getByRole('table', { name: '派发确认' });
    await dispatch.getByRole('button', { name: '确认名单' }).click();
    await dispatch.getByText(/^已确认（\d{4}-\d{2}-\d{2}）$/).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('opens the 一企一表 print page of an object without the app chrome', async () => {
    const panel = page.getByRole('region', { name: '抽取', exact: true });
    const firstTeam = panel.getByRole('table', { name: '检查组' }).getByRole('row').nth(1);
    const names = (await firstTeam.getByRole('listitem').allInnerTexts()).map((t) => t.split(' / ')[0]?.trim() ?? '');
    await firstTeam.getByRole('link', { name: '一企一表' }).click();
    await page.getByRole('heading', { name: `浏览器测试抽查任务 ${task.code}` }).waitFor();
    expect(await page.getByRole('navigation', { name: '主菜单' }).count()).toBe(0);
    const team = page.getByRole('table', { name: '检查组' });
    for (const name of names) await team.getByRole('cell', { name, exact: true }).waitFor();
    await page.getByRole('table', { name: '检查要点' }).getByRole('columnheader', { name: '合理缺项' }).waitFor();
    await page.getByRole('button', { name: '打印 / 另存为 PDF' }).waitFor();
    await page.getByText('检查人员（签名）：').waitFor();
    await screenshot(page, 'draw-joint-record');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('is published on the portal, where the record verifies in the page and downloads for suiji verify', async () => {
    // A visitor without a login, as the public would.
    const visitor = await browser.newContext({ baseURL: baseUrl(), locale: 'zh-CN' });
    const portal = await visitor.newPage();
    portal.setDefaultTimeout(15_000);
    await portal.goto(`/portal/#/tasks/${encodeURIComponent(task.code)}`);
    await portal.getByRole('heading', { name: new RegExp(task.code, 'u') }).first().waitFor();
    await portal.getByRole('button', { name: '在浏览器中验证' }).click();
    const result = portal.getByTestId('verify-result');
    await result.filter({ hasText: /验证(通过|未通过)/u }).first().waitFor();
    expect(await result.innerText()).toContain('验证通过');
    const record = await visitor.request.get(`/api/v1/public/draws/${encodeURIComponent(task.code)}?download=1`);
    expect(record.status()).toBe(200);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'suiji-e2e-record-')), 'record.json');
    writeFileSync(file, await record.body());
    const verified = await runCli(['verify', file]);
    expect(verified.code, verified.out + verified.err).toBe(0);
    expect(await seriousAxeViolations(portal)).toEqual([]);
    await visitor.close();
  });
});
