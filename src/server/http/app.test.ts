import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthSchema } from '../../contracts/health.ts';
import { problemSchema } from '../../contracts/common.ts';
import { createTestDatabase } from '../test/test-db.ts';
import { testConfig } from '../test/test-app.ts';
import type { Database } from '../db/database.ts';
import { repoRoot } from '../version.ts';
import { publicAccess } from './access.ts';
import { buildApp } from './app.ts';
import { generateOpenApi } from './openapi.ts';

let database: Database;
let webRoot: string;
beforeAll(async () => {
  database = await createTestDatabase();
  webRoot = mkdtempSync(path.join(os.tmpdir(), 'suiji-web-'));
  mkdirSync(path.join(webRoot, 'portal'));
  mkdirSync(path.join(webRoot, 'assets'));
  writeFileSync(path.join(webRoot, 'index.html'), '<html>staff app</html>');
  writeFileSync(path.join(webRoot, 'portal', 'index.html'), '<html>public portal</html>');
  writeFileSync(path.join(webRoot, 'assets', 'app.js'), 'console.log(1)');
});
afterAll(async () => {
  await database.close();
  rmSync(webRoot, { recursive: true, force: true });
});

describe('app', () => {
  it('reports health: engine, schema version and audit chain', async () => {
    const app = await buildApp({ config: testConfig, database, logger: false, webRoot: '/nonexistent' });
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const health = healthSchema.parse(res.json());
    expect(health.status).toBe('ok');
    expect(health.database.engine).toBe(database.engine);
    expect(health.database.schemaVersion).toMatch(/^\d{4}_/);
    expect(health.auditChain.ok).toBe(true);
    await app.close();
  });

  it('echoes a well-formed x-request-id and generates one otherwise', async () => {
    const app = await buildApp({ config: testConfig, database, logger: false, webRoot: '/nonexistent' });
    const echoed = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'req-42' } });
    expect(echoed.headers['x-request-id']).toBe('req-42');
    const generated = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    await app.close();
  });

  it('turns a thrown error into a logged 500 problem with the request id', async () => {
    const lines: string[] = [];
    const app = await buildApp({
      config: testConfig, database, webRoot: '/nonexistent',
      logger: { level: 'error', stream: { write: (line: string) => { lines.push(line); } } },
    });
    app.get('/api/v1/boom', { config: { access: publicAccess } }, async () => {
      throw new Error('kaboom');
    });
    const res = await app.inject({ method: 'GET', url: '/api/v1/boom', headers: { 'x-request-id': 'boom-1' } });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = problemSchema.parse(res.json());
    expect(problem).toMatchObject({ status: 500, requestId: 'boom-1', title: '服务器内部错误' });
    expect(res.body).not.toContain('kaboom');
    const logged = lines.map((l) => JSON.parse(l) as { reqId?: string; err?: { message?: string } });
    expect(logged.some((l) => l.reqId === 'boom-1' && l.err?.message === 'kaboom')).toBe(true);
    await app.close();
  });

  it('refuses to register an /api route without declared access', async () => {
    const app = await buildApp({ config: testConfig, database, logger: false, webRoot: '/nonexistent' });
    expect(() => app.get('/api/v1/undeclared', async () => 'x')).toThrow(/declares no access/);
    await app.close();
  });

  it('serves the built staff app and portal with SPA fallbacks', async () => {
    const app = await buildApp({ config: testConfig, database, logger: false, webRoot });
    const get = (url: string) => app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
    expect((await get('/')).body).toBe('<html>staff app</html>');
    expect((await get('/users/123')).body).toBe('<html>staff app</html>');
    expect((await get('/portal/')).body).toBe('<html>public portal</html>');
    expect((await get('/portal/plans/2026')).body).toBe('<html>public portal</html>');
    expect((await get('/assets/app.js')).body).toBe('console.log(1)');
    const api = await get('/api/v1/nope');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    await app.close();
  });

  it('says how to build the web app when dist/web is missing', async () => {
    const app = await buildApp({ config: testConfig, database, logger: false, webRoot: '/nonexistent' });
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('npm run build');
    await app.close();
  });

  it('serves the OpenAPI document and Swagger UI without a CDN', async () => {
    const app = await buildApp({ config: testConfig, database, logger: false, webRoot: '/nonexistent' });
    const doc = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys((doc.json() as { paths: Record<string, unknown> }).paths);
    expect(paths).toContain('/api/v1/users');
    expect(paths).not.toContain('/api/openapi.json');
    const ui = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('Swagger UI');
    expect(ui.body).not.toMatch(/unpkg|jsdelivr|cdnjs/);
    const asset = await app.inject({ method: 'GET', url: '/api/docs/static/swagger-ui-bundle.js' });
    expect(asset.statusCode).toBe(200);
    await app.close();
  });

  it('has a committed docs/openapi.json equal to the generated one (run `npm run openapi`)', async () => {
    const committed = readFileSync(path.join(repoRoot, 'docs', 'openapi.json'), 'utf8');
    expect(committed).toBe(await generateOpenApi());
  });
});
