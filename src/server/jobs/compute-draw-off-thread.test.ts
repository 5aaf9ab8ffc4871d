import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeDraw } from '../../domain/draw/compute-draw.ts';
import type { DrawInput } from '../../domain/draw/types.ts';
import { computeDrawOffThread } from './compute-draw-off-thread.ts';

const vector = (name: string) => JSON.parse(readFileSync(new URL(`../../domain/draw/vectors/${name}.input.json`, import.meta.url), 'utf8')) as DrawInput;

describe('computeDrawOffThread', () => {
  it('gives in a worker thread exactly what computeDraw gives in process', async () => {
    const input = vector('03-joint-recusal');
    const inWorker = await computeDrawOffThread(input, 0);
    expect(inWorker).toEqual(computeDraw(input));
    expect(inWorker.ok).toBe(true);
  }, 30_000);

  it('passes failures through as values', async () => {
    const input = vector('e11-no-officer-open-slot');
    expect(await computeDrawOffThread(input, 0)).toEqual(computeDraw(input));
  }, 30_000);
});
