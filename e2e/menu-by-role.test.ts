import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { roleLabels } from '../src/contracts/roles.ts';
import { visibleMenuLabels } from '../src/web/app/menu.ts';
import { launchBrowser } from './harness.ts';
import { demoAccounts, login, menuLabels, newPage, skipReason } from './pages.ts';

describe.skipIf(skipReason !== '')('side menu by role', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  for (const account of demoAccounts) {
    it(`shows ${account.username} (${account.roles.join(', ')}) exactly the entries menu.ts gives their roles`, async () => {
      const { context, page } = await newPage(browser);
      await login(page, account.username);
      expect(await menuLabels(page)).toEqual(visibleMenuLabels(account.roles));
      const roleTags = page.getByRole('banner').getByTestId('current-roles');
      expect((await roleTags.innerText()).split(/\s+/).filter(Boolean)).toEqual(account.roles.map((role) => roleLabels[role]));
      if (account.department) {
        expect(await page.getByRole('banner').getByTestId('current-department').innerText()).toBe(account.department);
      }
      await context.close();
    });
  }

  it('shows the 403 page when an officer opens user management by address', async () => {
    const { context, page } = await newPage(browser);
    await login(page, 'zhifa1');
    await page.goto('/admin/users');
    await page.getByText('无权访问').waitFor();
    await context.close();
  });

  it('shows 建设中 with what will be there for pages not built yet', async () => {
    const { context, page } = await newPage(browser);
    await login(page, 'lingdao');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '年度抽查计划' }).click();
    await page.getByText('年度抽查计划（建设中）').waitFor();
    expect(await page.getByText(/覆盖率/).isVisible()).toBe(true);
    await context.close();
  });
});
