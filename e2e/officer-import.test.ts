import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, seriousAxeViolations } from './harness.ts';
import { login, newPage, screenshot, skipReason } from './pages.ts';

/**
 * A department administrator (gongcheng, 工程质量监督站) imports an officers xlsx through the
 * 导入 dialog of 执法人员名录: the row of their own department goes in, the row of another
 * department is listed as rejected with the reason, and the new officer shows in the list.
 * One login.
 */
describe.skipIf(skipReason !== '')('officers import by a department admin', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    dir = mkdtempSync(path.join(tmpdir(), 'suiji-e2e-officers-'));
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the own department’s row and rejects the other department’s', async () => {
    // Unique per run: the demo database is reused between runs.
    const stamp = String(Date.now() % 100_000_000).padStart(8, '0');
    const ownName = `导入测试${stamp.slice(-4)}`;
    const file = path.join(dir, '执法人员.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('执法检查人员名录');
    sheet.addRow(['姓名', '执法证号', '执法证件类型', '证件有效期起', '证件有效期止', '所属部门', '执法资质及业务专长']);
    sheet.addRow([ownName, `E2EIMP${stamp}1`, '交通运输行政执法证', '2024-01-01', '2028-12-31', '工程质量监督站', '工程质量']);
    sheet.addRow(['外科人员', `E2EIMP${stamp}2`, '交通运输行政执法证', '2024-01-01', '2028-12-31', '综合执法大队', '道路运输']);
    await workbook.xlsx.writeFile(file);

    const { context, page } = await newPage(browser);
    await login(page, 'gongcheng');
    await page.goto('/directories/officers');
    await page.getByRole('heading', { name: '执法人员名录' }).waitFor();
    await page.getByRole('button', { name: /导\s*入/ }).click();
    const dialog = page.getByRole('dialog', { name: '导入执法检查人员名录' });
    await dialog.getByRole('link', { name: /下载导入模板/ }).waitFor();
    await dialog.getByText(/只能导入“工程质量监督站”的人员/).waitFor();
    await dialog.locator('input[type=file]').setInputFiles(file);
    await dialog.getByRole('button', { name: '开始校验' }).click();
    await dialog.getByRole('button', { name: '确认导入' }).waitFor({ timeout: 30_000 });
    await dialog.getByText('1 行未通过校验，确认导入时将跳过这些行。').waitFor();
    const rejected = dialog.getByRole('row').filter({ hasText: '所属部门' });
    expect((await rejected.innerText()).replace(/\s+/g, ' ')).toMatch(/^3 所属部门 机构管理员只能导入本机构的人员：“外科人员”的所属部门“综合执法大队”不是本机构$/);
    await dialog.getByRole('link', { name: /下载未通过的行/ }).waitFor();
    await screenshot(page, 'officer-import-preview');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: '确认导入' }).click();
    await dialog.getByText('导入完成').waitFor({ timeout: 30_000 });
    const summary = dialog.getByRole('row').filter({ hasText: '新增' });
    expect((await summary.innerText()).replace(/\s+/g, ' ')).toMatch(/新增 1 更新 0 未变 0/);
    await dialog.getByRole('button', { name: /完\s*成/ }).click();

    await page.getByRole('searchbox', { name: '搜索执法人员' }).fill(ownName);
    await page.getByRole('button', { name: /搜\s*索/ }).first().click();
    await page.getByRole('button', { name: ownName }).waitFor();
    await context.close();
  });
});
