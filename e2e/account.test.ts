import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './harness.ts';
import { baseUrl, login, newPage, skipReason } from './pages.ts';

describe.skipIf(skipReason !== '')('personal settings', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('creates an API token shown once, which works until it is revoked; then logs out', async () => {
    const { context, page } = await newPage(browser);
    await login(page, 'zhifa1');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: 'API 令牌' }).click();
    await page.getByRole('heading', { name: 'API 令牌' }).waitFor();
    await page.getByRole('button', { name: /新建令牌/ }).click();
    const form = page.getByRole('dialog', { name: '新建 API 令牌' });
    await form.getByLabel('名称').fill('报送脚本');
    await form.getByRole('button', { name: /创\s*建/ }).click();
    const shown = page.getByRole('dialog', { name: '令牌已创建' });
    const token = (await shown.getByTestId('created-token').innerText()).trim();
    expect(token.length).toBeGreaterThan(20);
    expect(await shown.getByRole('button', { name: /复制/ }).count()).toBe(1);
    await shown.getByRole('button', { name: '我已妥善保存' }).click();

    const withToken = () => fetch(`${baseUrl()}/api/v1/tokens`, { headers: { authorization: `Bearer ${token}` } });
    expect((await withToken()).status).toBe(200);

    const row = page.getByRole('row').filter({ hasText: '报送脚本' });
    await row.getByRole('button', { name: /吊\s*销/ }).click();
    await page.getByRole('tooltip').getByRole('button', { name: /吊\s*销/ }).click();
    await row.getByText('已吊销').waitFor();
    // The secret is gone from the page once the dialog is closed.
    expect(await page.getByText(token).count()).toBe(0);
    expect((await withToken()).status).toBe(401);

    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.waitForURL('**/login');
    await page.goto('/account/tokens');
    await page.waitForURL('**/login');
    await context.close();
  });
});
