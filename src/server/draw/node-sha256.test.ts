import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDrawInput } from '../../contracts/draw.ts';
import { computeDraw, formatDrawOutput } from '../../domain/draw/compute-draw.ts';
import { drawTicket, drawTicketer, matchTicket, matchTicketer } from '../../domain/draw/ticket.ts';
import { listHash } from '../../domain/draw/list-hash.ts';
import { nodeSha256 } from './node-sha256.ts';

const vectors = fileURLToPath(new URL('../../domain/draw/vectors', import.meta.url));

describe('nodeSha256 (the server’s SHA-256 for the draw standard)', () => {
  it('gives every published vector’s output byte for byte', () => {
    const names = readdirSync(vectors).filter((f) => f.endsWith('.expected.json')).map((f) => f.slice(0, -'.expected.json'.length));
    expect(names.length).toBeGreaterThan(3);
    for (const name of names) {
      const parsed = parseDrawInput(JSON.parse(readFileSync(join(vectors, `${name}.input.json`), 'utf8')));
      if (!parsed.ok) throw new Error(`vector ${name} does not parse`);
      const result = computeDraw(parsed.value, { sha256: nodeSha256 });
      if (!result.ok) throw new Error(`vector ${name} failed: ${result.error.code}`);
      expect(formatDrawOutput(result.value), name).toBe(readFileSync(join(vectors, `${name}.expected.json`), 'utf8').trimEnd());
    }
  });

  it('hashes tickets of any key (non-ASCII, astral, long) as the pure default does, through the one-shot hex path', () => {
    let calls = 0;
    const counting = Object.assign((bytes: Uint8Array) => nodeSha256(bytes), { hex: (text: string) => { calls++; return nodeSha256.hex?.(text) ?? ''; } });
    const keys = ['a', '91330100MA2XXXXX0X', '浙江某某运输有限公司', '𠀀ｚ', 'x'.repeat(300)];
    const draw = drawTicketer('12345678901234567890', 'T-1', counting);
    const match = matchTicketer('12345678901234567890', 'T-1', '对象', counting);
    for (const key of keys) {
      expect(draw(key)).toBe(drawTicket('12345678901234567890', 'T-1', key));
      expect(match(key)).toBe(matchTicket('12345678901234567890', 'T-1', '对象', key));
    }
    expect(calls).toBe(keys.length * 2);
    expect(listHash(keys, nodeSha256)).toBe(listHash(keys));
  });
});
