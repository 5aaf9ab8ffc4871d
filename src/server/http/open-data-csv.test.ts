import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './open-data-csv.ts';

describe('open data CSV', () => {
  it('quotes what needs quoting and neutralises formulas', () => {
    expect(csvCell('道路运输')).toBe('道路运输');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('说"明"')).toBe('"说""明"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('第一行\n第二行')).toBe('"第一行\n第二行"');
  });

  it('writes UTF-8 with a BOM and CRLF lines', () => {
    expect(toCsv(['编码', '名称'], [['A1', '事项']])).toBe('\uFEFF编码,名称\r\nA1,事项\r\n');
  });
});
