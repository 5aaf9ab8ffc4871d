import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chinaDate } from '../src/domain/task/china-time.ts';
import { launchBrowser, seriousAxeViolations } from './harness.ts';
import { baseUrl, login, newPage, screenshot, skipReason } from './pages.ts';

/**
 * The annual plan journey: 运输管理科's admin drafts next year's plan (the demo seeds this
 * year's) with one task line, watches the coverage follow the ratio, submits; the leader
 * approves; the department publishes; the portal lists it; then a revision (计划调整) and its diff.
 * Two logins only (the login rate limit is shared by every browser test).
 */
describe.skipIf(skipReason !== '')('年度抽查计划', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  const year = Number(chinaDate(new Date()).slice(0, 4)) + 1;
  const lineName = '浏览器测试道路运输企业抽查';

  /** Confirms the antd confirm dialog of a transition (two-character buttons get a space: 报 审). */
  async function transition(page: Page, verb: RegExp) {
    await page.getByRole('main').getByRole('button', { name: verb }).click();
    await page.getByRole('dialog').getByRole('button', { name: verb }).click();
  }

  async function ratio(page: Page, percent: string) {
    const input = page.getByLabel('抽查比例（%）');
    await input.fill(percent);
    await input.blur();
  }

  const coverage = (page: Page) => page.getByRole('region', { name: '覆盖率测算' });

  it('plan → approve → publish, shown on the portal, then revised with a diff', async () => {
    const dept = await newPage(browser);
    const page = dept.page;
    await login(page, 'yunguan');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '年度抽查计划' }).click();
    await page.getByRole('heading', { name: '年度抽查计划', level: 1 }).waitFor();
    await page.goto(`/plans?year=${year}`);
    await page.getByText(`${year} 年度还没有部门编制计划`).waitFor();

    await page.getByRole('button', { name: '编制计划' }).click();
    const create = page.getByRole('dialog', { name: '编制年度抽查计划' });
    await expect.poll(() => create.getByLabel('计划标题').inputValue()).toBe(`运输管理科 ${year} 年度双随机抽查计划`);
    await create.getByRole('button', { name: /创\s*建/ }).click();
    await page.getByRole('heading', { name: `运输管理科 ${year} 年度双随机抽查计划`, level: 1 }).waitFor();
    const planId = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(planId).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByText('未到期', { exact: true }).waitFor();

    // One line: a name, the first usable item, 1 % of every directory entity — below the 3 % target.
    await page.getByRole('button', { name: '添加抽查任务' }).click();
    await page.getByLabel('抽查任务名称').fill(lineName);
    await page.getByRole('combobox', { name: '抽查事项' }).click();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await ratio(page, '1');
    await page.getByRole('status').getByText('已自动保存，覆盖率已更新').waitFor({ timeout: 20_000 });
    await coverage(page).getByText(/^低于目标比例 3\.00%/).waitFor();
    await coverage(page).getByRole('cell', { name: lineName }).waitFor();
    expect(await coverage(page).getByText(/^\d+\.\d\d%（计划 \d+ 户 \/ 名录 \d+ 户）$/).count()).toBe(1);

    // Raising the ratio to 5 % meets the target: the panel follows without a reload.
    await ratio(page, '5');
    await coverage(page).getByText('达到目标比例 3.00%').waitFor({ timeout: 20_000 });
    await screenshot(page, 'plan-editor');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await transition(page, /报\s*审/);
    await page.getByText('第 1 版 · 已报审').waitFor();
    expect(await page.getByRole('button', { name: /批\s*准/ }).count()).toBe(0);
    await page.getByRole('table', { name: '第 1 版的抽查任务' }).getByRole('cell', { name: lineName }).waitFor();

    // The leader approves (in a second browser context, so the department's session stays).
    const lead = await newPage(browser);
    await login(lead.page, 'lingdao');
    await lead.page.goto(`/plans/${planId}`);
    await transition(lead.page, /批\s*准/);
    await lead.page.getByText('第 1 版 · 已批准').waitFor();
    expect(await lead.page.getByRole('button', { name: /公\s*开/ }).count()).toBe(0);
    await lead.context.close();

    await page.reload();
    await transition(page, /公\s*开/);
    await page.getByText('第 1 版 · 已公开').waitFor();
    await page.getByText('按时公开', { exact: true }).waitFor();

    const portal = await (await fetch(`${baseUrl()}/api/v1/public/plans?year=${year}`)).json() as {
      items: Array<{ id: string; version: number; department: string; superseded: boolean; lines: Array<{ name: string }> }>;
    };
    expect(portal.items.filter((p) => p.id === planId)).toMatchObject([{ version: 1, department: '运输管理科', superseded: false, lines: [{ name: lineName }] }]);

    const exported = await page.request.get(await page.getByRole('link', { name: /导出 xlsx/ }).getAttribute('href') ?? '');
    expect(exported.status()).toBe(200);
    expect(exported.headers()['content-type']).toContain('spreadsheetml');

    // The bureau overview lists the department's published plan for the year.
    await page.goto(`/plans?year=${year}`);
    const overview = page.getByRole('region', { name: '全局计划汇总' });
    const row = overview.getByRole('row').filter({ hasText: '运输管理科' });
    await row.getByText('已公开（第 1 版）').waitFor();
    await row.getByText('按时公开').waitFor();
    await screenshot(page, 'plans-overview');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A second plan for the same department and year: the server's refusal is shown in Chinese.
    await page.getByRole('button', { name: '编制计划' }).click();
    const again = page.getByRole('dialog', { name: '编制年度抽查计划' });
    await again.getByRole('button', { name: /创\s*建/ }).click();
    await page.getByText(`运输管理科 ${year} 年度抽查计划已存在；已公开的计划请通过“计划调整”修改`, { exact: false }).waitFor();
    await again.getByRole('button', { name: /取\s*消/ }).click();

    // 计划调整: a second version with a reason; raising the ratio shows in the diff.
    await row.getByRole('button', { name: '运输管理科' }).click();
    await page.getByRole('button', { name: '计划调整' }).click();
    const revise = page.getByRole('dialog', { name: '计划调整' });
    await revise.getByLabel('调整原因').fill('上级要求提高抽查比例');
    await revise.getByRole('button', { name: '发起调整' }).click();
    await page.getByText('第 2 版 · 编制中').waitFor();
    await ratio(page, '10');
    await page.getByRole('status').getByText('已自动保存，覆盖率已更新').waitFor({ timeout: 20_000 });
    await page.getByRole('tab', { name: /版本历史/ }).click();
    await page.getByRole('button', { name: '与上一版比较' }).click();
    const diff = page.getByRole('dialog', { name: '第 1 版 → 第 2 版的变化' });
    await diff.getByText('调整原因：上级要求提高抽查比例').waitFor();
    const changed = diff.getByRole('row').filter({ hasText: '抽查比例' });
    expect((await changed.innerText()).replace(/\s+/g, ' ')).toContain(`修改 ${lineName} 抽查比例 5.00% 10.00%`);
    await screenshot(page, 'plan-diff');
    await dept.context.close();
  });
});
