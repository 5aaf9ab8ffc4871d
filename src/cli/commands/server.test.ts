import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { healthSchema } from '../../contracts/health.ts';
import { openDatabase } from '../../server/db/database.ts';
import { repoRoot } from '../../server/version.ts';
import { runCli } from '../run-cli.ts';

/**
 * The server commands, run in-process against a PGlite data folder (the CLI's own
 * default), plus `suiji serve` as a real process on a random port.
 */
let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'suiji-cli-'));
  // These commands use the data folder; keep a CI DATABASE_URL away from them.
  vi.stubEnv('DATABASE_URL', '');
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

const run = (...argv: string[]) => runCli(argv);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

describe('suiji server commands', () => {
  it('loads demo data, adds a user, resets a password and verifies the audit chain', async () => {
    const demo = await run('demo', '--data-dir', dataDir);
    expect(demo.code, demo.err).toBe(0);
    expect(demo.out).toContain('示例县交通运输局');
    expect(demo.out).toContain('Suiji@2024');

    const added = await run('user', 'add', 'wangwu', '--name', '王五', '--role', 'officer,leader', '--department', 'ZHZF', '--data-dir', dataDir);
    expect(added.code, added.err).toBe(0);
    expect(added.out).toMatch(/初始密码 \/ initial password: \S+/);
    expect((await run('user', 'add', 'wangwu', '--name', '王五', '--role', 'officer', '--data-dir', dataDir)).code).toBe(1);
    expect((await run('user', 'add', 'zhao', '--name', '赵', '--role', 'boss', '--data-dir', dataDir)).code).toBe(2);
    expect((await run('user', 'reset-password', 'zhifa1', '--password', 'Another-Passw0rd', '--data-dir', dataDir)).code).toBe(0);
    expect((await run('user', 'reset-password', 'nobody', '--data-dir', dataDir)).code).toBe(1);

    const ok = await run('audit', 'verify', '--data-dir', dataDir);
    expect(ok).toMatchObject({ code: 0, out: expect.stringMatching(/^OK, \d+ rows\n$/u) });

    const database = await openDatabase({ dataDir });
    await database.db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
    await database.db.execute(sql`update audit_events set summary = '篡改' where seq = 5`);
    await database.close();
    const broken = await run('audit', 'verify', '--data-dir', dataDir);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/seq 5/);
  }, 240_000);

  it('stops with a bilingual message on a bad configuration', async () => {
    const bad = await run('serve', '--port', 'abc');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('PORT: 必须为整数 / must be an integer');
  });

  it('`suiji serve` listens on PORT and HOST and keeps its data in SUIJI_DATA_DIR', async () => {
    const port = await freePort();
    const serveDir = path.join(dataDir, 'serve');
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', SUIJI_DATA_DIR: serveDir, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'suiji.mjs'), 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    try {
      const deadline = Date.now() + 100_000;
      let body: unknown;
      while (Date.now() < deadline) {
        try {
          const res = await fetch(`http://127.0.0.1:${port}/api/health`);
          if (res.ok) { body = await res.json(); break; }
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(body, output).toBeDefined();
      expect(healthSchema.parse(body).database.engine).toBe('pglite');
      expect(output).toContain(`http://127.0.0.1:${port}/`);
      expect(output).toContain(path.join(serveDir, 'pglite'));
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, 120_000);
});
