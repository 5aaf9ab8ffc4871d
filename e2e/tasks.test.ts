import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, seriousAxeViolations } from './harness.ts';
import { login, newPage, screenshot, skipReason } from './pages.ts';

describe.skipIf(skipReason !== '')('抽查任务（实施方案）', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets a department admin build a joint task by risk class with 一业一查, refusing a team of 1, and reopen it unchanged', async () => {
    const { context, page } = await newPage(browser);
    // One login for the whole journey: the login rate limit is shared by all browser tests.
    await login(page, 'yunguan');
    await page.goto('/tasks');
    await page.getByRole('heading', { name: '抽查任务' }).waitFor();
    await page.getByRole('button', { name: /新建任务/ }).click();
    const editor = page.getByRole('dialog', { name: '新建抽查任务（实施方案）' });
    await editor.getByLabel('任务编号').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    const code = `E2E-${Date.now().toString(36).toUpperCase()}`;
    await editor.getByLabel('任务编号').fill(code);
    await editor.getByLabel('任务名称').fill('道路货运行业联合抽查（浏览器测试）');

    // 一业一查: the claimed items of 道路货运 from every department, as one joint task.
    await editor.getByRole('button', { name: '一业一查' }).click();
    const template = page.getByRole('dialog', { name: '一业一查：按行业生成联合抽查任务' });
    await template.getByRole('combobox', { name: '行业' }).fill('道路货运');
    await template.getByRole('button', { name: '查询事项' }).click();
    await template.getByText(/^“道路货运”共 \d+ 个事项，涉及 [2-9] 个部门$/).waitFor();
    await template.getByText(/综合执法大队（\d+ 项）/).waitFor();
    await template.getByRole('button', { name: '应用到任务' }).click();
    await template.waitFor({ state: 'hidden' });
    await editor.getByText('综合执法大队').first().waitFor();

    // Strata by risk class: A 2 %, B 4.5 %, D 25 %, U not drawn (C keeps its default 10 %).
    await editor.getByText('按信用风险分类（差异化）').click();
    await editor.getByRole('spinbutton', { name: 'A 类（信用风险低）' }).fill('2');
    await editor.getByRole('spinbutton', { name: 'B 类（信用风险一般）' }).fill('4.5');
    await editor.getByRole('spinbutton', { name: 'D 类（信用风险高）' }).fill('25');
    await editor.getByRole('checkbox', { name: '未分类参与抽取' }).uncheck();
    expect(await editor.getByRole('spinbutton', { name: '未分类', exact: true }).isDisabled()).toBe(true);
    await screenshot(page, 'task-editor');

    // A team of 1 is refused by the server, in Chinese, on the field.
    await editor.getByRole('spinbutton', { name: '每组人数' }).fill('1');
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/tasks') && r.request().method() === 'POST');
    await editor.getByRole('button', { name: /保\s*存/ }).click();
    expect((await refused).status()).toBe(400);
    await editor.getByText('检查组至少 2 名执法人员').first().waitFor();

    await editor.getByRole('spinbutton', { name: '每组人数' }).fill('2');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/tasks') && r.request().method() === 'POST');
    await editor.getByRole('button', { name: /保\s*存/ }).click();
    expect((await created).status()).toBe(201);
    await page.getByRole('heading', { name: new RegExp(code) }).waitFor();
    await page.getByText(/联合抽查（跨部门）/).waitFor();
    await page.getByText('A 类（信用风险低）：按 2.00% 的比例抽取').waitFor();
    await page.getByText('未分类：未设定，不参与抽取').waitFor();

    // Reopen from the server: the editor shows the same values.
    await page.reload();
    await page.getByRole('heading', { name: new RegExp(code) }).waitFor();
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    const again = page.getByRole('dialog', { name: `编辑抽查任务：${code}` });
    await again.getByRole('spinbutton', { name: 'A 类（信用风险低）' }).waitFor();
    expect(await again.getByLabel('任务编号').inputValue()).toBe(code);
    expect(await again.getByRole('spinbutton', { name: 'A 类（信用风险低）' }).inputValue()).toBe('2');
    expect(await again.getByRole('spinbutton', { name: 'B 类（信用风险一般）' }).inputValue()).toBe('4.5');
    expect(await again.getByRole('spinbutton', { name: 'C 类（信用风险较高）' }).inputValue()).toBe('10');
    expect(await again.getByRole('spinbutton', { name: 'D 类（信用风险高）' }).inputValue()).toBe('25');
    expect(await again.getByRole('checkbox', { name: '未分类参与抽取' }).isChecked()).toBe(false);
    expect(await again.getByRole('spinbutton', { name: '未分类', exact: true }).isDisabled()).toBe(true);
    expect(await again.getByRole('checkbox', { name: 'A 类（信用风险低）参与抽取' }).isChecked()).toBe(true);
    expect(await again.getByRole('spinbutton', { name: '每组人数' }).inputValue()).toBe('2');
    await again.getByText('综合执法大队').first().waitFor();
    await context.close();
  });
});
