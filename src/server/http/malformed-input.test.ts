import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema } from '../../contracts/common.ts';
import { makeDepartment, makeSession, makeUser, type TestSession } from '../test/factories.ts';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import type { RegisteredRoute } from './fastify-types.ts';

/**
 * Walks every /api route with broken input — malformed JSON, wrong content types,
 * oversized bodies, unknown fields, wrong types — as a system admin (who passes every
 * access check), and asserts a 4xx application/problem+json, never a 500.
 */
let t: TestApp;
let session: TestSession;
let userId: string;
let departmentId: string;

beforeAll(async () => {
  t = await createTestApp();
  const department = await makeDepartment(t.database.db);
  departmentId = department.id;
  const admin = await makeUser(t.database.db, { roles: ['system_admin'], departmentId });
  userId = (await makeUser(t.database.db, { departmentId })).id;
  session = await makeSession(t.database.db, admin, t.clock.now());
});
afterAll(async () => {
  await t.close();
});

function routes(): RegisteredRoute[] {
  return t.app.suijiRoutes.filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD');
}

function concrete(url: string): string {
  return url.replace('/users/:id', `/users/${userId}`).replace('/organizations/:id', `/organizations/${departmentId}`)
    .replace(':id', '00000000-0000-4000-8000-000000000000')
    // Routes with a second parameter (e.g. /officers/:id/conflicts/:conflictId/end): a well-formed id too.
    .replace(/:[A-Za-z]+Id\b/g, '00000000-0000-4000-8000-000000000000');
}

async function expectProblem(res: Awaited<ReturnType<TestApp['app']['inject']>>, label: string, status?: number) {
  expect(res.statusCode, `${label}: ${res.body}`).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, `${label}: ${res.body}`).toBeLessThan(500);
  if (status !== undefined) expect(res.statusCode, `${label}: ${res.body}`).toBe(status);
  expect(res.headers['content-type'], label).toMatch(/^application\/problem\+json/);
  const problem = problemSchema.parse(res.json());
  expect(problem.status).toBe(res.statusCode);
  expect(problem.requestId).toBe(res.headers['x-request-id']);
  return problem;
}

describe('broken input on every route', () => {
  it('covers the body routes', () => {
    expect(routes().filter((r) => r.schema?.body).length).toBeGreaterThanOrEqual(7);
  });

  it('answers malformed JSON, wrong content types and oversized bodies with 400/415/413', async () => {
    for (const route of routes().filter((r) => r.method !== 'GET')) {
      const url = concrete(route.url);
      const label = `${route.method} ${route.url}`;
      const method = route.method as 'POST';
      const headers = { ...session.headers, 'content-type': 'application/json' };
      await expectProblem(await t.app.inject({ method, url, headers, payload: '{"username": ' }), `${label} malformed`, 400);
      await expectProblem(await t.app.inject({ method, url, headers: { ...session.headers, 'content-type': 'text/plain' }, payload: 'hello' }), `${label} text/plain`, 415);
      await expectProblem(await t.app.inject({ method, url, headers: { ...session.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1' }), `${label} form`, 415);
      const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) });
      await expectProblem(await t.app.inject({ method, url, headers, payload: big }), `${label} oversized`, 413);
    }
  });

  it('answers unknown fields, wrong types and non-objects with 400 and Chinese field errors', async () => {
    for (const route of routes().filter((r) => r.schema?.body instanceof z.ZodObject)) {
      const url = concrete(route.url);
      const label = `${route.method} ${route.url}`;
      const method = route.method as 'POST';
      const shape = (route.schema?.body as z.ZodObject).shape;
      const unknown = await expectProblem(await t.app.inject({ method, url, headers: session.headers, payload: { unexpectedField: 1 } }), `${label} unknown`, 400);
      expect(unknown.errors?.some((e) => e.path === 'body.unexpectedField'), `${label}: ${JSON.stringify(unknown.errors)}`).toBe(true);
      const wrongTypes = Object.fromEntries(Object.keys(shape).map((k) => [k, { wrong: true }]));
      const wrong = await expectProblem(await t.app.inject({ method, url, headers: session.headers, payload: wrongTypes }), `${label} wrong types`, 400);
      expect(wrong.errors?.length, label).toBeGreaterThan(0);
      expect(wrong.errors?.every((e) => /[\u4e00-\u9fff]/.test(e.message)), JSON.stringify(wrong.errors)).toBe(true);
      for (const body of ['[]', '42', '"text"', 'null']) {
        await expectProblem(await t.app.inject({ method, url, headers: { ...session.headers, 'content-type': 'application/json' }, payload: body }), `${label} ${body}`, 400);
      }
    }
  });

  it('answers bad query strings and path ids with 400', async () => {
    for (const route of routes().filter((r) => r.method === 'GET' && r.schema?.querystring)) {
      await expectProblem(await t.app.inject({ method: 'GET', url: `${route.url}?page=abc`, headers: session.headers }), `${route.url} page`, 400);
      await expectProblem(await t.app.inject({ method: 'GET', url: `${route.url}?nonsense=1`, headers: session.headers }), `${route.url} unknown`, 400);
    }
    for (const route of routes().filter((r) => r.url.includes(':id'))) {
      const url = route.url.replace(':id', 'not-a-uuid');
      await expectProblem(await t.app.inject({ method: route.method as 'GET', url, headers: session.headers, ...(route.schema?.body ? { payload: {} } : {}) }), `${route.method} ${url}`, 400);
    }
  });

  it('answers unknown /api routes with 404 problem', async () => {
    const problem = await expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' }), 'unknown', 404);
    expect(problem.title).toBe('资源不存在');
    await expectProblem(await t.app.inject({ method: 'POST', url: '/api/nothing', payload: {} }), 'unknown post', 404);
  });
});
