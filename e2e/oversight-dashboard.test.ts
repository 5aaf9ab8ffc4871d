import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { demoStoryYear } from '../src/server/demo/demo-story.ts';
import { launchBrowser, seriousAxeViolations } from './harness.ts';
import { login, newPage, screenshot, skipReason } from './pages.ts';

/**
 * 督导看板: the oversight officer (fagui) opens the dashboard for the demo year, sees the
 * indicator cards and the ECharts charts, marks an anomaly flag reviewed with a note, looks
 * at the period report, and opens the printable year-end assessment.
 */
describe.skipIf(skipReason !== '')('oversight dashboard (督导看板)', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('shows the indicators and charts, reviews a flag and prints the assessment', async () => {
    const year = demoStoryYear(new Date());
    const { context, page } = await newPage(browser);
    await login(page, 'fagui');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '督导看板' }).click();
    await page.getByRole('heading', { name: '督导看板' }).waitFor();
    await page.getByText(`${year} 年`, { exact: true }).click();

    await page.getByText('20 个工作日内公示率').first().waitFor();
    await page.getByRole('img', { name: '各部门抽查覆盖率柱状图' }).locator('canvas').waitFor();
    await page.getByRole('cell', { name: '全局合计' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'oversight-dashboard-fagui');

    await page.getByRole('tab', { name: /异常提示/u }).click();
    const reviewButton = page.getByRole('button', { name: '标记已核查' }).first();
    await reviewButton.waitFor();
    await reviewButton.click();
    const dialog = page.getByRole('dialog', { name: '标记已核查' });
    await dialog.getByLabel('核查说明').fill('已调阅检查记录，情况属实');
    await dialog.getByRole('button', { name: /保\s*存/u }).click();
    await page.getByText('已标记为已核查').waitFor();
    await page.getByText('已调阅检查记录，情况属实').first().waitFor();

    // Each flag links to its records: the inspection opens for oversight (read-only).
    const record = page.getByRole('tabpanel').getByRole('link').first();
    const entityName = (await record.innerText()).replace(/（.*$/u, '');
    await record.click();
    await page.getByRole('heading', { name: entityName }).waitFor();
    expect(await page.getByText('无权访问').count()).toBe(0);
    await page.goBack();
    await page.getByRole('heading', { name: '督导看板' }).waitFor();

    await page.getByRole('tab', { name: '信息报送' }).click();
    await page.getByText(/统计期 \d{4}-\d{2}-\d{2} 至/u).waitFor();

    await page.goto(new URL(`/oversight/assessment/${year}`, page.url()).toString());
    await page.getByRole('heading', { name: `${year} 年度“双随机、一公开”监管工作考核表` }).waitFor();
    expect(await page.getByRole('columnheader', { name: '全局合计' }).count()).toBe(1);
    await screenshot(page, 'oversight-assessment-print');
    await context.close();
  });
});
