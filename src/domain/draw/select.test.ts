import { describe, expect, it } from 'vitest';
import { drawOrder, selectStratum } from './select.ts';
import { drawTicketer } from './ticket.ts';

describe('selectStratum', () => {
  it('selects by ticket and reports the cutoff (DEMO-1)', () => {
    const s = selectStratum(
      { name: 'ALL', quota: { ratioBp: 5000 }, candidates: ['91110000600037341L', '914403001922038216', '9144030071526726XG', '91330100716105852F'] },
      drawTicketer('12345678901234567890', 'DEMO-1'),
    );
    expect(s.output).toEqual({
      name: 'ALL',
      n: 4,
      quota: 2,
      listHash: '5fe558888aa6c9ba7f348fc070866c7aaf07c7047380c00ca253bd19c27e40a4',
      selected: ['914403001922038216', '91330100716105852F'],
      cutoffTicket: '6e8cbfa224ffa256b034fe79b4dc7d3767a191ab44b4aaed28854567e4a9c7cb',
    });
  });

  it('breaks ticket ties by key in code point order', () => {
    const sameTicket = () => '00';
    const s = selectStratum({ name: 'T', quota: { count: 3 }, candidates: ['ｚ', '𠀀', 'a'] }, sameTicket);
    expect(s.output.selected).toEqual(['a', 'ｚ', '𠀀']);
    expect(drawOrder([s]).map((x) => x.key)).toEqual(['a', 'ｚ', '𠀀']);
  });

  it('selects nothing from an empty stratum', () => {
    const s = selectStratum({ name: 'U', quota: { count: 5 }, candidates: [] }, () => 'x');
    expect(s.output).toMatchObject({ n: 0, quota: 0, selected: [], cutoffTicket: null });
  });
});
