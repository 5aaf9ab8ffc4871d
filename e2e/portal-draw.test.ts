// The public portal on the demo data (issue #5.4–5, #4, #5.1): the task announcement, the draw
// record verified in the browser with the domain code, the ticket check, plans with every
// version, the items list — no login, and axe-core on every page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { generateDemoDirectory } from '../src/server/demo/directory/generate-demo-directory.ts';
import { launchBrowser, seriousAxeViolations } from './harness.ts';
import { baseUrl, newPage, screenshot, skipReason } from './pages.ts';

interface Announcement { drawId: string; status: string; abandonReason: string | null; strata: { name: string; n: number; listHash: string }[] }
interface TaskDetail { code: string; name: string; status: string; draws: Announcement[] }
interface RecordJson { strata: { name: string; candidates: string[] }[]; output: { order: string[]; strata: { name: string; cutoffTicket: string | null }[] } }

async function json<T>(path: string): Promise<T> {
  const res = await fetch(`${baseUrl()}${path}`);
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return await res.json() as T;
}

/** The text of the first element matching the test id, once it has some. */
async function textOf(page: Page, testId: string): Promise<string> {
  const node = page.getByTestId(testId);
  await node.filter({ hasText: /\S/ }).first().waitFor();
  return (await node.innerText()).trim();
}

describe.skipIf(skipReason !== '')('public portal: tasks, draw records, verification, ticket check', () => {
  let browser: Browser;
  let tasks: TaskDetail[];
  let completed: TaskDetail;
  let redrawn: TaskDetail;

  beforeAll(async () => {
    browser = await launchBrowser();
    const list = await json<{ items: { code: string }[] }>('/api/v1/public/tasks');
    tasks = await Promise.all(list.items.map((t) => json<TaskDetail>(`/api/v1/public/tasks/${t.code}`)));
    // The demo's tasks (QXJT-…): other browser tests on the same server add tasks of their own.
    const find = (ok: (t: TaskDetail) => boolean, what: string) => {
      const task = tasks.find((t) => t.code.startsWith('QXJT-') && ok(t));
      if (!task) throw new Error(`the demo has no ${what}`);
      return task;
    };
    completed = find((t) => t.draws.length === 1 && t.draws[0]?.status === 'completed', 'task drawn at the first attempt');
    redrawn = find((t) => t.draws.some((d) => d.status === 'abandoned'), 'abandoned draw');
  });
  afterAll(async () => { await browser?.close(); });

  it('lists the announced tasks and opens one: counts, list hashes and rules before the draw', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/portal/');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '抽查任务与抽取记录' }).click();
    await page.getByRole('heading', { name: '抽查任务与抽取记录', level: 1 }).waitFor();
    for (const task of tasks) await page.getByRole('link', { name: task.name }).first().waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: completed.name }).click();
    await page.getByRole('heading', { name: completed.name, level: 1 }).waitFor();
    expect(page.url()).toContain(`#/tasks/${completed.code}`);
    const draw = completed.draws[0];
    if (!draw) throw new Error('no draw');
    const section = page.getByTestId(`draw-${draw.drawId}`);
    for (const stratum of draw.strata) {
      const row = section.getByRole('row').filter({ hasText: stratum.listHash });
      expect(await row.count(), stratum.name).toBe(1);
      expect(await row.getByRole('cell').nth(2).innerText()).toBe(String(stratum.n));
    }
    expect(await page.getByText('抽取比例', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByText('检查组', { exact: true }).isVisible()).toBe(true);
    // A replacement of an officer is published (by certificate number, never by name).
    expect(await textOf(page, 'replacements')).toContain('替换');
    expect(await page.getByRole('link', { name: '下载抽取记录（JSON）' }).getAttribute('href')).toBe(`/api/v1/public/draws/${draw.drawId}?download=1`);
    await context.close();
  });

  it('verifies the downloaded record in the browser and shows every check passing', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`/portal/#/tasks/${completed.code}`);
    await page.getByRole('button', { name: '在浏览器中验证' }).click();
    const result = await textOf(page, 'verify-result');
    expect(result).toContain('验证通过');
    const checks = page.locator('.checks li');
    const texts = await checks.allInnerTexts();
    // The format, one list hash per stratum, the recomputation.
    expect(texts.length).toBe(2 + (completed.draws[0]?.strata.length ?? 0));
    expect(texts.every((t) => t.includes('✓ 通过'))).toBe(true);
    for (const stratum of completed.draws[0]?.strata ?? []) expect(texts.some((t) => t.includes(`重新计算 ${stratum.listHash}，与抽取前公告一致`))).toBe(true);
    // Teams and replacements name officers by certificate number only: no officer's name is shown.
    await page.locator('summary', { hasText: '检查组匹配结果' }).click();
    expect(await page.locator('details[open] tbody tr').count()).toBeGreaterThan(0);
    const text = await page.locator('body').innerText();
    for (const officer of generateDemoDirectory().officers) expect(text, officer.name).not.toContain(officer.name);
    await screenshot(page, 'portal-draw');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it('checks tickets: a drawn USCC, one not drawn, and an invalid USCC refused in Chinese', async () => {
    const drawId = completed.draws[0]?.drawId ?? '';
    const record = await json<RecordJson>(`/api/v1/public/draws/${drawId}`);
    const isUscc = (k: string) => /^[0-9A-Z]{18}$/.test(k);
    const drawnKey = record.output.order.find(isUscc);
    const notDrawnKey = record.strata.flatMap((s) => s.candidates).find((k) => isUscc(k) && !record.output.order.includes(k));
    if (!drawnKey || !notDrawnKey) throw new Error('the demo draw has no USCC drawn and not drawn');
    const stratumOf = (key: string) => record.strata.find((s) => s.candidates.includes(key))?.name;
    const cutoffOf = (key: string) => record.output.strata.find((s) => s.name === stratumOf(key))?.cutoffTicket ?? '';

    const { context, page } = await newPage(browser);
    await page.goto(`/portal/#/tasks/${completed.code}`);
    await page.getByRole('heading', { name: completed.name, level: 1 }).waitFor();
    const input = page.getByLabel('统一社会信用代码或对象编号');
    await input.waitFor({ timeout: 30_000 });
    const ask = async (key: string) => {
      await input.fill(key);
      await page.getByRole('button', { name: '查询' }).click();
    };
    await ask(drawnKey.toLowerCase());
    await page.getByTestId('ticket-result').getByText('已抽中').waitFor();
    expect(await textOf(page, 'ticket-result')).toContain(cutoffOf(drawnKey));

    await ask(notDrawnKey);
    await page.getByTestId('ticket-result').getByText('未抽中').waitFor();
    expect(await textOf(page, 'ticket-result')).toContain(cutoffOf(notDrawnKey));

    // The check character is wrong: refused before asking the server, with the reason.
    const last = drawnKey.at(-1) === '0' ? '1' : '0';
    await ask(`${drawnKey.slice(0, 17)}${last}`);
    await page.getByTestId('ticket-result').getByText(/统一社会信用代码无效/).waitFor();
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    await ask('123');
    await page.getByTestId('ticket-result').getByText(/不在抽取/).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows an abandoned draw with its reason, and the draw that replaced it', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`/portal/#/tasks/${redrawn.code}`);
    await page.getByRole('heading', { name: redrawn.name, level: 1 }).waitFor();
    const abandoned = redrawn.draws.find((d) => d.status === 'abandoned');
    const current = redrawn.draws.find((d) => d.status === 'completed');
    expect(await textOf(page, 'abandon-reason')).toContain(abandoned?.abandonReason ?? '(none)');
    expect(await page.getByRole('heading', { name: new RegExp(`抽取 ${current?.drawId ?? '(none)'} 已完成`) }).isVisible()).toBe(true);
    await page.getByRole('button', { name: '在浏览器中验证' }).click();
    expect(await textOf(page, 'verify-result')).toContain('验证通过');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows a frozen task waiting for its seed', async () => {
    const frozen = tasks.find((t) => t.code.startsWith('QXJT-') && t.status === 'frozen');
    if (!frozen) throw new Error('the demo has no frozen task');
    const { context, page } = await newPage(browser);
    await page.goto(`/portal/#/tasks/${frozen.code}`);
    await page.getByText('随机种子将在冻结之后当众产生').waitFor();
    expect(await page.getByRole('button', { name: '在浏览器中验证' }).count()).toBe(0);
    await context.close();
  });

  it('shows every version of the annual plan with the reason and what changed', async () => {
    const plans = await json<{ items: { id: string; version: number; reason: string | null; lines: { name: string }[] }[] }>('/api/v1/public/plans');
    const revision = plans.items.find((p) => p.version === 2);
    const original = plans.items.find((p) => p.id === revision?.id && p.version === 1);
    if (!revision || !original) throw new Error('the demo plan has no revision');
    const added = revision.lines.find((l) => !original.lines.some((o) => o.name === l.name));
    const { context, page } = await newPage(browser);
    await page.goto('/portal/#/plans');
    await page.getByRole('heading', { name: '抽查计划', level: 1 }).waitFor();
    const v2 = page.getByTestId(`plan-${revision.id}-v2`);
    await v2.waitFor();
    expect(await v2.innerText()).toContain(revision.reason ?? '(none)');
    expect(await v2.innerText()).toContain(`新增抽查任务“${added?.name ?? '(none)'}”`);
    expect(await page.getByTestId(`plan-${revision.id}-v1`).getByText('已被调整替代').isVisible()).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it('lists the items and searches them', async () => {
    const all = await json<{ total: number }>('/api/v1/public/items');
    const taxi = await json<{ total: number; items: { name: string }[] }>(`/api/v1/public/items?q=${encodeURIComponent('出租汽车')}`);
    expect(taxi.total).toBeGreaterThan(0);
    expect(taxi.total).toBeLessThan(all.total);
    const { context, page } = await newPage(browser);
    await page.goto('/portal/#/items');
    expect(await textOf(page, 'items-total')).toContain(`共 ${all.total} 项`);
    await page.getByLabel('搜索事项').fill('出租汽车');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.getByTestId('items-total').getByText(`共 ${taxi.total} 项`).waitFor();
    for (const item of taxi.items) expect(await page.getByRole('cell', { name: item.name }).count()).toBeGreaterThan(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    // Keyboard: the search field and button are reachable and submit with Enter.
    await page.getByLabel('搜索事项').fill('');
    await page.getByLabel('搜索事项').press('Enter');
    await page.getByTestId('items-total').getByText(`共 ${all.total} 项`).waitFor();
    await context.close();
  });
});
