/** Shared steps of the browser journeys: selecting by role and text, never by antd class. */
import { expect, inject } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Role } from '../src/contracts/roles.ts';
import { demoPassword } from './harness.ts';

export function baseUrl(): string {
  return inject('suijiBaseUrl');
}

export const skipReason = inject('suijiSkipReason');

/** The demo accounts `suiji demo` creates, with their roles. */
export const demoAccounts: ReadonlyArray<{ username: string; roles: Role[]; department?: string }> = [
  { username: 'admin', roles: ['system_admin'] },
  { username: 'fagui', roles: ['oversight'], department: '政策法规科' },
  { username: 'yunguan', roles: ['department_admin', 'officer'], department: '运输管理科' },
  { username: 'zhifa1', roles: ['officer'], department: '综合执法大队' },
  { username: 'zhifa2', roles: ['officer'], department: '综合执法大队' },
  { username: 'lingdao', roles: ['leader'] },
  { username: 'gongcheng', roles: ['department_admin'], department: '工程质量监督站' },
];

export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl(), locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 860 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** Logs in through the form and waits for the side menu. */
export async function login(page: Page, username: string, password: string = demoPassword): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('navigation', { name: '主菜单' }).waitFor();
}

/** The texts of the side menu's entries (groups and pages), in order. */
export async function menuLabels(page: Page): Promise<string[]> {
  const items = page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem');
  await expect.poll(() => items.count()).toBeGreaterThan(0);
  return (await items.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = `/tmp/suiji-${name}.png`;
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
