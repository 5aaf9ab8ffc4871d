// The verification recipes of docs/specs/draw.md, run as published: the shell script on
// vector 02 (bash + sha256sum + sort only) and the Python script on every vector.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DrawInput, DrawOutput } from './types.ts';
import { compareCodePoints } from './compare-code-points.ts';

const vectors = fileURLToPath(new URL('./vectors/', import.meta.url));
const specs = fileURLToPath(new URL('../../../docs/specs/', import.meta.url));
const has = (command: string) => spawnSync('bash', ['-c', `command -v ${command}`]).status === 0;
const read = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** What verify-draw.sh prints for an output document, minus the tickets on `selected` lines. */
function expectedLines(output: DrawOutput): string[] {
  const lines: string[] = [];
  for (const s of output.strata) {
    lines.push(`stratum ${s.name}`, `n ${s.n}`, `quota ${s.quota}`, `listHash ${s.listHash}`);
    for (const key of s.selected) lines.push(`selected ${key}`);
    lines.push(`cutoffTicket ${s.cutoffTicket ?? ''}`);
  }
  for (const key of output.order) lines.push(`order ${key}`);
  return lines;
}

describe.runIf(has('bash') && has('sha256sum'))('docs/specs/verify-draw.sh', () => {
  for (const name of ['02-risk-strata', '04-beyond-bmp', '06-empty-stratum']) {
    it(`reproduces vector ${name} with bash, sha256sum and sort`, () => {
      const input = read<DrawInput>(join(vectors, `${name}.input.json`));
      const dir = mkdtempSync(join(tmpdir(), 'suiji-recipe-'));
      const args = [...input.strata].sort((a, b) => compareCodePoints(a.name, b.name)).flatMap((s, i) => {
        const file = join(dir, `stratum-${i}.txt`);
        writeFileSync(file, s.candidates.map((k) => `${k}\n`).join(''));
        const rule = 'count' in s.quota ? `count=${s.quota.count}` : `ratioBp=${s.quota.ratioBp}`;
        return [s.name, rule, file];
      });
      const run = spawnSync('bash', [join(specs, 'verify-draw.sh'), input.seed, input.drawId, ...args], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const lines = run.stdout.trimEnd().split('\n').map((l) => l.replace(/^selected [0-9a-f]{64} /, 'selected '));
      expect(lines).toEqual(expectedLines(read<DrawOutput>(join(vectors, `${name}.expected.json`))));
    }, 120_000);
  }
});

describe.runIf(has('python3'))('docs/specs/verify-draw.py', () => {
  // The interpreter itself, not a version-manager shim that takes a second to start.
  const python = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim() || 'python3';
  const names = readdirSync(vectors).filter((f) => f.endsWith('.expected.json')).map((f) => f.slice(0, -'.expected.json'.length));
  for (const name of names) {
    it(`reproduces vector ${name} byte for byte`, () => {
      const run = spawnSync(python, [join(specs, 'verify-draw.py'), join(vectors, `${name}.input.json`)], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.stdout.trimEnd()).toBe(readFileSync(join(vectors, `${name}.expected.json`), 'utf8').trimEnd());
    });
  }
});
