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

  it('shows the sections not built yet as 建设中', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/portal/');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '抽查结果' }).click();
    await page.getByRole('heading', { name: '抽查结果', level: 1 }).waitFor();
    expect(await page.getByText('建设中', { exact: true }).isVisible()).toBe(true);
    // The sections that are built no longer say so.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '抽查事项清单' }).click();
    await page.getByRole('heading', { name: '抽查事项清单', level: 1 }).waitFor();
    await page.getByLabel('搜索事项').waitFor();
    expect(await page.getByText('建设中', { exact: true }).count()).toBe(0);
    await context.close();
  });
});
