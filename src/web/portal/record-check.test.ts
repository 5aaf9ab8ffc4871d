import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDrawRecord } from '../../contracts/draw.ts';
import { checkDrawRecord } from './record-check.ts';

const vectors = fileURLToPath(new URL('../../domain/draw/vectors/', import.meta.url));
const read = (file: string): Record<string, unknown> => JSON.parse(readFileSync(`${vectors}${file}`, 'utf8')) as Record<string, unknown>;
/** Every computation vector as a published record: its input and output with the record's metadata. */
const records = readdirSync(vectors).filter((f) => f.endsWith('.expected.json')).map((file) => {
  const name = file.slice(0, -'.expected.json'.length);
  const { drawId, seed, strata, matching } = read(`${name}.input.json`);
  return {
    name,
    json: {
      standard: 'suiji-draw-v1', drawId, seed, seedMethod: 'dice', witnesses: ['监督员'], frozenAt: '2026-03-02T09:00:00.000+08:00',
      drawnAt: '2026-03-02T10:00:00.000+08:00', strata, exclusions: [], ...(matching ? { matching } : {}), output: read(file),
    } as Record<string, unknown>,
  };
});

describe('checkDrawRecord (the portal\'s check without zod)', () => {
  it('accepts every published record vector that the zod schema accepts', () => {
    expect(records.length).toBeGreaterThan(0);
    for (const { name, json } of records) {
      expect(parseDrawRecord(json).ok, name).toBe(true);
      expect(checkDrawRecord(json), name).toMatchObject({ ok: true });
    }
  });

  it('names the first wrong field', () => {
    const json = records[0]?.json ?? {};
    expect(checkDrawRecord({ ...json, standard: 'other' })).toEqual({ ok: false, problem: '记录.standard 缺失或格式不正确' });
    expect(checkDrawRecord({ ...json, strata: [{ name: 'A', quota: { count: 1 }, candidates: [1] }] })).toEqual({ ok: false, problem: 'strata[0].candidates 缺失或格式不正确' });
    expect(checkDrawRecord({ ...json, output: { ...(json.output as object), order: 'x' } })).toEqual({ ok: false, problem: 'output.order 缺失或格式不正确' });
    expect(checkDrawRecord([])).toEqual({ ok: false, problem: '记录 不是对象' });
  });
});
