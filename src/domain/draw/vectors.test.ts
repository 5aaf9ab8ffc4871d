import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseDrawInput } from '../../contracts/draw.ts';
import { computeDraw, formatDrawOutput } from './compute-draw.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const ownVectors = join(here, 'vectors');
const sharedVectors = resolve(repoRoot, '../shared/spec/vectors');

function vectorNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.input.json'))
    .map((f) => f.slice(0, -'.input.json'.length))
    .sort();
}

function runVectors(dir: string): void {
  for (const name of vectorNames(dir)) {
    const input: unknown = JSON.parse(readFileSync(join(dir, `${name}.input.json`), 'utf8'));
    const expectedPath = join(dir, `${name}.expected.json`);
    const errorPath = join(dir, `${name}.error.json`);
    if (existsSync(expectedPath)) {
      it(`${name}: recomputes the expected output byte for byte`, () => {
        const parsed = parseDrawInput(input);
        expect(parsed).toMatchObject({ ok: true });
        if (!parsed.ok) return;
        const result = computeDraw(parsed.value);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(formatDrawOutput(result.value)).toBe(readFileSync(expectedPath, 'utf8').trimEnd());
        // any correct SHA-256 gives the same draw: node:crypto instead of @noble/hashes
        const viaNode = computeDraw(parsed.value, { sha256: (bytes) => createHash('sha256').update(bytes).digest() });
        expect(viaNode).toEqual(result);
      });
    } else if (existsSync(errorPath)) {
      it(`${name}: fails with the expected error`, () => {
        const expected: unknown = JSON.parse(readFileSync(errorPath, 'utf8'));
        const parsed = parseDrawInput(input);
        if (!parsed.ok) {
          expect(expected).toEqual({ code: 'INVALID_DOCUMENT' });
          expect(parsed.issues.length).toBeGreaterThan(0);
          return;
        }
        const result = computeDraw(parsed.value);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.error).toMatchObject(expected as object);
      });
    } else {
      it.fails(`${name}: has neither .expected.json nor .error.json`, () => undefined);
    }
  }
}

describe('vectors (fixtures in src/domain/draw/vectors)', () => {
  runVectors(ownVectors);

  it('hold the published vectors of spec/vectors unchanged', () => {
    expect(vectorNames(ownVectors)).toEqual(expect.arrayContaining(['01-demo', '02-risk-strata', '03-joint-recusal']));
  });
});

// Run only where the shared folder is there (CI lays it beside the checkout); describe.skip
// would still collect, and collecting reads the folder.
if (existsSync(sharedVectors)) {
  describe('vectors published beside the spec (../shared/spec/vectors)', () => {
    runVectors(sharedVectors);

    it('match our fixture copies wherever we hold the same file', () => {
      for (const file of readdirSync(sharedVectors).filter((f) => existsSync(join(ownVectors, f)))) {
        expect(readFileSync(join(ownVectors, file), 'utf8'), file).toBe(readFileSync(join(sharedVectors, file), 'utf8'));
      }
    });
  });
}
