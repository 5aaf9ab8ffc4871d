import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed-demo.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

/** Every public listing downloads as CSV too (open data), on the demo bureau's data. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database.db, t.clock.now());
}, 120_000);
afterAll(async () => {
  await t.close();
});

async function csv(url: string): Promise<string[][]> {
  const res = await t.app.inject({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="open-data\.csv"; filename\*=UTF-8''/u);
  expect(res.body.startsWith('\uFEFF')).toBe(true);
  // No cell of the demo data contains a comma or a line break inside quotes except where quoted: split simply on CRLF.
  return res.body.slice(1).trimEnd().split('\r\n').map((line) => line.split(','));
}

async function json<T>(url: string): Promise<T> {
  return (await t.app.inject({ method: 'GET', url })).json() as T;
}

describe('open data', () => {
  it('lists the items, plans and tasks as CSV with the same rows as the JSON', async () => {
    const items = await csv('/api/v1/public/items?format=csv');
    expect(items[0]?.slice(0, 3)).toEqual(['事项编码', '抽查事项名称', '抽查类别']);
    expect(items.length - 1).toBe((await json<{ total: number }>('/api/v1/public/items?pageSize=1')).total);

    const plans = await csv('/api/v1/public/plans?format=csv');
    const planJson = await json<{ items: { lines: unknown[] }[] }>('/api/v1/public/plans');
    expect(plans[0]?.[0]).toBe('部门');
    expect(plans.length - 1).toBe(planJson.items.reduce((n, p) => n + p.lines.length, 0));

    const tasks = await csv('/api/v1/public/tasks?format=csv');
    const taskJson = await json<{ total: number; items: { code: string }[] }>('/api/v1/public/tasks');
    expect(tasks.length - 1).toBe(taskJson.total);
    expect(tasks.slice(1).map((row) => row[0]).sort()).toEqual(taskJson.items.map((i) => i.code).sort());
  });

  it('keeps JSON the default and refuses an unknown format', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/tasks' })).headers['content-type']).toMatch(/^application\/json/u);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/items?format=xml' })).statusCode).toBe(400);
  });
});
