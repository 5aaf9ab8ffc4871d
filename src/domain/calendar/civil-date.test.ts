import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { civilToEpochDay, epochDayToCivil, formatIsoDate, fromEpochDay, isoWeekday, parseIsoDate, toEpochDay } from './civil-date.ts';

describe('civil dates', () => {
  it('parses strict YYYY-MM-DD dates only', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of ['2023-02-29', '2024-13-01', '2024-00-10', '2024-1-1', '2024/01/01', ' 2024-01-01', '2024-04-31', '', '0000-01-01']) {
      expect(parseIsoDate(bad), bad).toBeNull();
    }
    expect(() => toEpochDay('2024-02-30')).toThrow(RangeError);
  });

  it('maps known dates to epoch days and weekdays', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('2000-03-01')).toBe(11017);
    expect(fromEpochDay(-1)).toBe('1969-12-31');
    expect(isoWeekday(toEpochDay('2024-09-29'))).toBe(7); // Sunday (调休上班)
    expect(isoWeekday(toEpochDay('2024-10-12'))).toBe(6); // Saturday
    expect(isoWeekday(toEpochDay('2026-02-06'))).toBe(5); // Friday
  });

  it('round-trips every day and agrees with Date.UTC (no local time involved)', () => {
    fc.assert(fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (epochDay) => {
      const civil = epochDayToCivil(epochDay);
      expect(civilToEpochDay(civil)).toBe(epochDay);
      expect(parseIsoDate(formatIsoDate(civil))).toEqual(civil);
      const utc = new Date(Date.UTC(2000, 0, 1) + (epochDay - 10957) * 86_400_000);
      expect(civil).toEqual({ year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() });
      expect(isoWeekday(epochDay)).toBe(utc.getUTCDay() === 0 ? 7 : utc.getUTCDay());
    }));
  });
});
