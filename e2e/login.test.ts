import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, seriousAxeViolations } from './harness.ts';
import { newPage, skipReason } from './pages.ts';

describe.skipIf(skipReason !== '')('login', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('shows the branded login page to an anonymous visitor of /', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/');
    await page.waitForURL('**/login');
    await expect.poll(() => page.getByRole('heading', { name: '随机 Suiji' }).isVisible()).toBe(true);
    expect(await page.getByText('双随机、一公开监管平台').first().isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: /登\s*录/ }).isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await context.close();
  });

  it('tells in Chinese that the password is wrong', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/login');
    await page.getByLabel('用户名').fill('zhifa2');
    await page.getByLabel('密码', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const alert = page.getByRole('alert').filter({ hasText: '用户名或密码错误' });
    await alert.waitFor();
    expect(page.url()).toMatch(/\/login$/);
    await context.close();
  });

  it('asks for both fields before sending', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/login');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('请输入用户名').waitFor();
    await page.getByText('请输入密码').waitFor();
    await context.close();
  });

  it('has no serious or critical accessibility violations', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/login');
    await page.getByRole('button', { name: /登\s*录/ }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });
});
