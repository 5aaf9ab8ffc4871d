import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, seriousAxeViolations } from './harness.ts';
import { login, newPage, screenshot, skipReason } from './pages.ts';

/**
 * 回访: the oversight officer (fagui, 政策法规科) records a call to an inspected entity in
 * which the officers did not show their certificates; the list and the year's summary show
 * it as needing attention.
 */
describe.skipIf(skipReason !== '')('callbacks (回访)', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('records a callback and counts it in the summary', async () => {
    const { context, page } = await newPage(browser);
    await login(page, 'fagui');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '回访记录' }).click();
    await page.getByRole('heading', { name: '回访记录' }).waitFor();
    const total = page.getByText('回访次数').locator('..').locator('..');
    const before = Number((await total.innerText()).replace(/\D+/gu, ''));

    await page.getByRole('button', { name: '记录回访' }).click();
    const dialog = page.getByRole('dialog', { name: '记录回访' });
    const entity = dialog.getByLabel('被回访的检查对象');
    await entity.click();
    // The directory search matches the start of the name (or a code): the demo firms are 示例县….
    await entity.fill('示例县');
    // The first match becomes the active option; Enter picks it (antd's visible options carry no role).
    const option = page.getByRole('option').first();
    await option.waitFor({ state: 'attached' });
    const entityLabel = ((await option.getAttribute('aria-label')) ?? '').replace(/（[^（]*$/u, '');
    await entity.press('Enter');
    await dialog.getByLabel('受访人').fill('王经理');
    await dialog.getByRole('switch', { name: '执法人员是否出示证件' }).click();
    await dialog.getByRole('radio', { name: '不满意' }).check();
    await dialog.getByLabel('情况摘要').fill('执法人员未出示执法证件');
    await dialog.getByRole('button', { name: /保\s*存/u }).click();
    await page.getByText('回访已记录').waitFor();

    const row = page.getByRole('row', { name: new RegExp(entityLabel.slice(0, 6), 'u') }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain('执法人员未出示执法证件');
    await expect.poll(async () => Number((await total.innerText()).replace(/\D+/gu, ''))).toBe(before + 1);
    await page.getByRole('checkbox', { name: '只看需关注的回访' }).check();
    await page.getByRole('row', { name: new RegExp(entityLabel.slice(0, 6), 'u') }).first().waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'callbacks-fagui');
    await context.close();
  });
});
