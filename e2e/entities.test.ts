import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { makeUscc } from '../src/domain/uscc/uscc.ts';
import { launchBrowser, seriousAxeViolations } from './harness.ts';
import { login, newPage, screenshot, skipReason } from './pages.ts';

describe.skipIf(skipReason !== '')('检查对象名录', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    dir = mkdtempSync(path.join(tmpdir(), 'suiji-e2e-entities-'));
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets the administrator filter by risk class D and open a detail drawer', async () => {
    const { context, page } = await newPage(browser);
    await login(page, 'admin');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '检查对象名录' }).click();
    await page.getByRole('heading', { name: '检查对象名录' }).waitFor();
    await page.getByRole('row').nth(1).waitFor();

    const list = page.waitForResponse((r) => r.url().includes('/api/v1/entities?') && r.url().includes('riskClass=D'), { timeout: 30_000 });
    // The options are A, B, C, D, 未分类: the fourth is D (antd renders the list without option roles).
    await page.getByRole('combobox', { name: '信用风险分类' }).click();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect((await list).status()).toBe(200);
    await page.getByText(/^共 \d+ 个$/).waitFor();
    const riskCells = page.getByRole('row').locator('td').filter({ hasText: /^(A 类|B 类|C 类|D 类|未分类)$/ });
    await expect.poll(() => riskCells.count()).toBeGreaterThan(0);
    const texts = await riskCells.allInnerTexts();
    expect(new Set(texts.map((t) => t.trim()))).toEqual(new Set(['D 类']));
    await screenshot(page, 'entities-risk-d');
    expect(await seriousAxeViolations(page)).toEqual([]);

    const firstName = (await page.getByRole('row').nth(1).getByRole('button').first().innerText()).trim();
    await page.getByRole('row').nth(1).getByRole('button', { name: firstName }).click();
    const drawer = page.getByRole('dialog', { name: firstName });
    await drawer.getByText('信用风险分类记录').waitFor();
    await drawer.getByText('D 类（信用风险高）').first().waitFor();
    await drawer.getByText('回避关系').waitFor();
    await screenshot(page, 'entity-drawer');
    await context.close();
  });

  it('imports a small xlsx through the dialog and shows the summary', async () => {
    const file = path.join(dir, '新设主体.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('主体');
    const uscc = makeUscc({ subject: 88000000 + (Date.now() % 999_999) });
    sheet.addRow(['统一社会信用代码', '名称', '行业类别', '重点领域']);
    sheet.addRow([uscc, '示例县浏览器测试物流有限公司', '道路货运', '安全生产']);
    sheet.addRow(['91130227ABCDEFGHIJ', '代码有误的公司', '道路货运', '']);
    await workbook.xlsx.writeFile(file);

    const { context, page } = await newPage(browser);
    await login(page, 'admin');
    await page.goto('/directories/entities');
    await page.getByRole('heading', { name: '检查对象名录' }).waitFor();
    await page.getByRole('button', { name: /导\s*入/ }).click();
    const dialog = page.getByRole('dialog', { name: '导入检查对象名录' });
    await dialog.getByRole('link', { name: /下载导入模板/ }).waitFor();
    await dialog.locator('input[type=file]').setInputFiles(file);
    await dialog.getByRole('button', { name: '开始校验' }).click();
    await dialog.getByRole('button', { name: '确认导入' }).waitFor({ timeout: 30_000 });
    await dialog.getByText('1 行未通过校验，确认导入时将跳过这些行。').waitFor();
    await dialog.getByRole('cell', { name: '统一社会信用代码' }).first().waitFor();
    await dialog.getByRole('link', { name: /下载未通过的行/ }).waitFor();
    await screenshot(page, 'import-preview');
    await dialog.getByRole('button', { name: '确认导入' }).click();
    await dialog.getByText('导入完成').waitFor({ timeout: 30_000 });
    const summary = dialog.getByRole('row').filter({ hasText: '新增' });
    expect((await summary.innerText()).replace(/\s+/g, ' ')).toMatch(/新增 1 更新 0 未变 0/);
    await screenshot(page, 'import-summary');
    await dialog.getByRole('button', { name: /完\s*成/ }).click();

    await page.getByRole('searchbox', { name: '搜索检查对象' }).fill(uscc);
    await page.getByRole('button', { name: /搜\s*索/ }).click();
    await page.getByRole('button', { name: '示例县浏览器测试物流有限公司' }).waitFor();
    await context.close();
  });
});
