/**
 * Browser test harness: builds the web app when needed, seeds a demo database in a
 * temporary folder, runs `suiji serve` on a free port and launches Debian's Chromium
 * through playwright-core. Used as the Vitest globalSetup of vitest.e2e.config.ts (the
 * `setup` export) and by the tests (the browser helpers).
 *
 * Without /usr/bin/chromium the browser tests are skipped, unless CI=true: then they fail.
 * Environment knobs (all optional):
 *   SUIJI_E2E_BASE_URL   test a server that is already running instead of starting one
 *   SUIJI_E2E_CHROMIUM   another Chromium executable (other distributions)
 *   SUIJI_E2E_KEEP_DATA  =1 keeps the temporary data folder (and the server log) afterwards
 * Screenshots of the dashboard, user list, audit log and portal go to /tmp/suiji-*.png.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TestProject } from 'vitest/node';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Debian's Chromium; SUIJI_E2E_CHROMIUM points elsewhere (other distributions). */
export const chromiumPath = process.env.SUIJI_E2E_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
/** The password of every demo account. */
export const demoPassword = 'Suiji@2024';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the running server, '' when the browser tests are skipped. */
    suijiBaseUrl: string;
    /** Why the browser tests are skipped, '' when they run. */
    suijiSkipReason: string;
  }
}

// ---------- build ----------

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds dist/web when it is missing or older than the web sources. */
export async function ensureWebBuilt(): Promise<void> {
  const index = path.join(repoRoot, 'dist', 'web', 'index.html');
  if (existsSync(index)) {
    const built = statSync(index).mtimeMs;
    const sources = Math.max(
      newestMtime(path.join(repoRoot, 'src', 'web')),
      newestMtime(path.join(repoRoot, 'src', 'contracts')),
      statSync(path.join(repoRoot, 'vite.config.ts')).mtimeMs,
    );
    if (sources <= built) return;
  }
  await run(process.execPath, [path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { NODE_ENV: 'production' }, 180_000);
}

// ---------- processes ----------

function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(args[0] ?? command)} ${args.slice(1).join(' ')} timed out after ${timeoutMs} ms\n${output}`));
    }, timeoutMs);
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${args.slice(0, 3).join(' ')} exited with ${code ?? signal}\n${output}`));
    });
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  logFile: string;
  stop: () => Promise<void>;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`suiji serve exited early with code ${child.exitCode}\n${readFileSync(logFile, 'utf8')}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`suiji serve did not become healthy in ${timeoutMs} ms (${lastError})\n${readFileSync(logFile, 'utf8')}`);
}

/** Seeds the demo data into a fresh folder and serves it on a free port. */
export async function startServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'suiji-e2e-'));
  const cli = path.join(repoRoot, 'bin', 'suiji.mjs');
  await run(process.execPath, [cli, 'demo', '--data-dir', dataDir], { SUIJI_DATA_DIR: dataDir }, 180_000);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = path.join(dataDir, 'e2e-server.log');
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [cli, 'serve'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SUIJI_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    log.end();
    if (process.env.SUIJI_E2E_KEEP_DATA !== '1') rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, child, logFile, 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, dataDir, logFile, stop };
}

// ---------- browser ----------

export function chromiumAvailable(): boolean {
  return existsSync(chromiumPath);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<Array<{ id: string; impact: string; help: string; targets: string[] }>> {
  await page.addScriptTag({ path: path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js') });
  const violations = await page.evaluate(async () => {
    interface AxeViolation { id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[] }> }
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact ?? 'unknown', help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

// ---------- Vitest globalSetup ----------

/** Starts one server for all browser tests and hands its URL to them (inject('suijiBaseUrl')). */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!chromiumAvailable()) {
    const reason = `${chromiumPath} not found (install the Debian package chromium)`;
    if (process.env.CI === 'true') throw new Error(`Browser tests cannot run in CI: ${reason}`);
    console.warn(`Skipping browser tests: ${reason}`);
    project.provide('suijiBaseUrl', '');
    project.provide('suijiSkipReason', reason);
    return async () => undefined;
  }
  await ensureWebBuilt();
  // Against a server that is already running (e.g. during development): SUIJI_E2E_BASE_URL.
  const external = process.env.SUIJI_E2E_BASE_URL;
  if (external) {
    project.provide('suijiBaseUrl', external.replace(/\/$/, ''));
    project.provide('suijiSkipReason', '');
    return async () => undefined;
  }
  const server = await startServer();
  project.provide('suijiBaseUrl', server.baseUrl);
  project.provide('suijiSkipReason', '');
  return server.stop;
}
