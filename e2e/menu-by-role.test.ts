import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { roleLabels } from '../src/contracts/roles.ts';
import { visibleMenuLabels } from '../src/web/app/menu.ts';
import { launchBrowser } from './harness.ts';
import { demoAccounts, login, menuLabels, newPage, skipReason } from './pages.ts';

/**
 * Checks made while an account is signed in anyway: the server allows 20 logins a minute
 * from one address, so the suite logs in no more than it must.
 */
const extraChecks: Record<string, (page: Page) => Promise<void>> = {
  // An officer opening user management by its address sees the 403 page.
  zhifa1: async (page) => {
    await page.goto('/admin/users');
    await page.getByRole('heading', { name: '无权访问' }).waitFor();
  },
  // The leader reads the oversight dashboard.
  lingdao: async (page) => {
    await page.goto('/oversight');
    await page.getByRole('heading', { name: '督导看板' }).waitFor();
    expect(await page.getByText('建设中', { exact: true }).count()).toBe(0);
  },
};

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
      await extraChecks[account.username]?.(page);
      await context.close();
    });
  }
});
