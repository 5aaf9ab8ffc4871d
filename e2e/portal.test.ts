import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, seriousAxeViolations } from './harness.ts';
import { baseUrl, newPage, screenshot, skipReason } from './pages.ts';

describe.skipIf(skipReason !== '')('public portal', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('renders the home page without login, with the bureau and the public counts', async () => {
    const home = await (await fetch(`${baseUrl()}/api/v1/public/home`)).json() as { bureauName: string; counts: Record<string, number> };
    const { context, page } = await newPage(browser);
    await page.goto('/portal/');
    await page.getByRole('heading', { name: '什么是“双随机、一公开”' }).waitFor();
    await page.getByTestId('count-items').waitFor();
    expect((await page.getByTestId('bureau-name').innerText()).trim()).toBe(home.bureauName);
    expect(await page.getByTestId('count-tasks').innerText()).toBe(String(home.counts.tasks));
    expect(await page.getByRole('main').isVisible()).toBe(true);
    expect(await page.getByRole('navigation', { name: '主导航' }).isVisible()).toBe(true);
    expect(await page.getByRole('contentinfo').isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByRole('link', { name: '工作人员登录' }).getAttribute('href')).toBe('/login');
    await screenshot(page, 'portal');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it('has every section built: none says 建设中, and 抽查结果 offers the search', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/portal/');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '抽查结果' }).click();
    await page.getByRole('heading', { name: '抽查结果', level: 1 }).waitFor();
    await page.getByLabel('企业名称或统一社会信用代码').waitFor();
    expect(await page.getByText('建设中', { exact: true }).count()).toBe(0);
    // A query of one character is refused with a clear message, without asking the server.
    await page.getByLabel('企业名称或统一社会信用代码').fill('示');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('alert').getByText(/请至少输入 2 个字/u).waitFor();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '抽查事项清单' }).click();
    await page.getByRole('heading', { name: '抽查事项清单', level: 1 }).waitFor();
    await page.getByLabel('搜索事项').waitFor();
    expect(await page.getByText('建设中', { exact: true }).count()).toBe(0);
    await context.close();
  });
});
