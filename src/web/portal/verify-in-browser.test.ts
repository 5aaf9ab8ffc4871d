import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeDraw } from '../../domain/draw/compute-draw.ts';
import { DRAW_STANDARD, type DrawInput, type DrawRecord } from '../../domain/draw/types.ts';
import { verifyInBrowser } from './verify-in-browser.ts';

const input = JSON.parse(readFileSync(fileURLToPath(new URL('../../domain/draw/vectors/03-joint-recusal.input.json', import.meta.url)), 'utf8')) as DrawInput;
const computed = computeDraw(input);
if (!computed.ok) throw new Error('vector 03 does not compute');
const record: DrawRecord = {
  standard: DRAW_STANDARD, drawId: input.drawId, seed: input.seed, seedMethod: 'dice', witnesses: ['监督员'],
  frozenAt: '2026-03-02T09:00:00.000+08:00', drawnAt: '2026-03-02T10:00:00.000+08:00', strata: input.strata, exclusions: [],
  matching: input.matching, output: computed.value,
};
const announcement = { strata: computed.value.strata.map((s) => ({ name: s.name, listHash: s.listHash })) };

describe('verifyInBrowser (在浏览器中验证)', () => {
  it('passes every check of a true record: format, each list hash against the announcement, the recomputation', () => {
    const lines = verifyInBrowser(record, announcement);
    expect(lines).toHaveLength(2 + record.strata.length);
    expect(lines.every((l) => l.ok)).toBe(true);
    expect(lines[1]?.detail).toBe(`重新计算 ${announcement.strata[0]?.listHash ?? ''}，与抽取前公告一致`);
  });

  it('fails the list hash when the candidates differ from the announcement, and the recomputation when the output was changed', () => {
    const first = record.strata[0];
    if (!first) throw new Error('no stratum');
    const extra = { ...record, strata: [{ ...first, candidates: [...first.candidates, 'ADDED-AFTER-FREEZE'] }, ...record.strata.slice(1)] };
    const hashLine = verifyInBrowser(extra, announcement)[1];
    expect(hashLine?.ok).toBe(false);
    expect(hashLine?.detail).toContain(`抽取前公告为 ${announcement.strata[0]?.listHash ?? ''}`);

    const reordered = { ...record, output: { ...record.output, order: [...record.output.order].reverse() } };
    const last = verifyInBrowser(reordered, announcement).at(-1);
    expect(last?.ok).toBe(false);
    expect(last?.detail).toContain('order differs');
  });
});
