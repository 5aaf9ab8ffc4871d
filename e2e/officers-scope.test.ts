import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, seriousAxeViolations } from './harness.ts';
import { login, newPage, screenshot, skipReason } from './pages.ts';

/**
 * A department administrator (gongcheng, 工程质量监督站) sees only their own department's
 * officers in 执法人员名录, and the API does not even confirm that another department's
 * officer exists. Uses the demo officers; if the demo has none for a department, the test
 * registers one through the API as the system administrator first.
 */
const ownDepartment = '工程质量监督站';
const otherDepartment = '综合执法大队';

interface OfficerRow { id: string; name: string; departmentName: string }
interface DepartmentRow { id: string; name: string }

async function csrf(context: BrowserContext): Promise<string> {
  return ((await (await context.request.get('/api/v1/session')).json()) as { csrfToken: string }).csrfToken;
}

async function ensureOfficer(context: BrowserContext, department: DepartmentRow, certificateNo: string): Promise<OfficerRow> {
  const page = (await (await context.request.get(`/api/v1/officers?departmentId=${department.id}&pageSize=1`)).json()) as { items: OfficerRow[] };
  const existing = page.items[0];
  if (existing) return existing;
  const created = await context.request.post('/api/v1/officers', {
    headers: { 'x-csrf-token': await csrf(context) },
    data: {
      name: `测试${department.name.slice(0, 2)}`, certificateNo, certificateType: '交通运输行政执法证',
      validFrom: '2024-01-01', validTo: '2028-12-31', departmentId: department.id, tags: ['工程质量'],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  return (await created.json()) as OfficerRow;
}

describe.skipIf(skipReason !== '')('officer directory scoped to the department', () => {
  let browser: Browser;
  let foreignOfficerId = '';
  beforeAll(async () => {
    browser = await launchBrowser();
    const admin = await newPage(browser);
    await login(admin.page, 'admin');
    const departments = ((await (await admin.context.request.get('/api/v1/organizations')).json()) as { items: DepartmentRow[] }).items;
    const own = departments.find((d) => d.name === ownDepartment);
    const other = departments.find((d) => d.name === otherDepartment);
    if (!own || !other) throw new Error('demo departments missing');
    await ensureOfficer(admin.context, own, 'E2E0000000001');
    foreignOfficerId = (await ensureOfficer(admin.context, other, 'E2E0000000002')).id;
    await admin.context.close();
  });
  afterAll(async () => { await browser?.close(); });

  it('lists only 工程质量监督站 officers for gongcheng, with eligibility', async () => {
    const { context, page } = await newPage(browser);
    await login(page, 'gongcheng');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '执法人员名录' }).click();
    await page.getByRole('heading', { name: '执法人员名录' }).waitFor();
    await page.getByText(/共 \d+ 人/).waitFor();
    // No department filter for a department administrator.
    expect(await page.getByRole('combobox', { name: '按部门筛选' }).count()).toBe(0);
    const rows = page.getByRole('row');
    await rows.nth(1).getByRole('cell').nth(2).waitFor();
    const count = await rows.count();
    expect(count).toBeGreaterThan(1);
    for (let i = 1; i < count; i += 1) {
      expect(await rows.nth(i).getByRole('cell').nth(2).innerText()).toBe(ownDepartment);
      expect(await rows.nth(i).getByRole('cell').nth(3).innerText()).toMatch(/^(可抽取|不可抽取：.+)$/);
    }
    await screenshot(page, 'officers-gongcheng');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The API answers 404 for another department's officer, and 403 for filtering by it.
    expect((await context.request.get(`/api/v1/officers/${foreignOfficerId}`)).status()).toBe(404);
    const list = (await (await context.request.get('/api/v1/officers?pageSize=500')).json()) as { items: OfficerRow[] };
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((o) => o.departmentName === ownDepartment)).toBe(true);
    await context.close();
  });

  it('shows the item list with its history and the guideline checklist', async () => {
    const { context, page } = await newPage(browser);
    await login(page, 'gongcheng');
    const menu = page.getByRole('navigation', { name: '主菜单' });
    await menu.getByRole('link', { name: '抽查事项' }).click();
    await page.getByRole('heading', { name: '抽查事项' }).waitFor();
    await page.getByText(/共 \d+ 个事项/).waitFor();
    await page.getByRole('row').nth(1).getByRole('button', { name: '详情' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('可用于抽查任务').or(drawer.getByText(/不可用于抽查任务/)).first().waitFor();
    await drawer.getByRole('tab', { name: /版本历史/ }).click();
    await drawer.getByRole('cell', { name: '第 1 版', exact: true }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'items-gongcheng');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    await menu.getByRole('link', { name: '抽查工作指引' }).click();
    await page.getByRole('heading', { name: '抽查工作指引' }).waitFor();
    await page.getByText(/共 \d+ 个事项/).waitFor();
    await page.getByRole('row').nth(1).getByRole('button', { name: '查看/编辑' }).click();
    await page.getByRole('dialog').getByText(/检查要点（\d+ 条/).first().waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'guidelines-gongcheng');
    await context.close();
  });
});
