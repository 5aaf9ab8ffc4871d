import { describe, expect, it } from 'vitest';
import chineseDays from 'chinese-days';
import { fromEpochDay, toEpochDay } from './civil-date.ts';
import { createOfficialCalendar, OFFICIAL_COVERED_YEARS, officialCalendarData, yearsInBundledData } from './official-data.ts';

const calendar = createOfficialCalendar();

describe('official calendar data (chinese-days)', () => {
  it('covers exactly the listed years, and the package has data for each of them', () => {
    expect(OFFICIAL_COVERED_YEARS).toEqual([2024, 2025, 2026]);
    const inData = yearsInBundledData();
    for (const year of OFFICIAL_COVERED_YEARS) expect(inData).toContain(year);
    // Tripwire: when the package gains 2027, check it against the notice and add it above.
    expect(Math.max(...inData)).toBe(Math.max(...OFFICIAL_COVERED_YEARS));
    expect(() => officialCalendarData([2027])).toThrow(/2027/);
  });

  it('acceptance: +20 working days', () => {
    expect(calendar.addWorkdays('2024-09-27', 20)).toEqual({ date: '2024-10-30', provisional: false, uncoveredYears: [] });
    expect(calendar.addWorkdays('2026-02-06', 20)).toEqual({ date: '2026-03-12', provisional: false, uncoveredYears: [] });
  });

  it('matches the other test vectors of domain-rules §7', () => {
    expect(calendar.addWorkdays('2025-01-20', 20).date).toBe('2025-02-21');
    expect(calendar.addWorkdays('2025-09-26', 20).date).toBe('2025-10-30');
    expect(calendar.addWorkdays('2025-12-31', 20).date).toBe('2026-01-29');
    expect(calendar.addWorkdays('2026-09-18', 20).date).toBe('2026-10-22');
  });

  it('acceptance: a date in 2027 is provisional', () => {
    expect(calendar.isYearCovered(2027)).toBe(false);
    expect(calendar.describeDay('2027-03-01').provisional).toBe(true);
    const result = calendar.addWorkdays('2026-12-15', 20);
    expect(result).toEqual({ date: '2027-01-13', provisional: true, uncoveredYears: [2027] });
    expect(calendar.addWorkdays('2026-12-01', 5).provisional).toBe(false);
  });

  it('has the working-day totals of domain-rules §7 (251, 248, 248)', () => {
    expect(calendar.workdaysBetween('2023-12-31', '2024-12-31').count).toBe(251);
    expect(calendar.workdaysBetween('2024-12-31', '2025-12-31').count).toBe(248);
    expect(calendar.workdaysBetween('2025-12-31', '2026-12-31').count).toBe(248);
  });

  it('cross-checks the State Council notices, date by date', () => {
    const off = (dates: string[]) => dates.forEach((d) => expect(calendar.isWorkday(d), d).toBe(false));
    const on = (dates: string[]) => dates.forEach((d) => expect(calendar.isWorkday(d), d).toBe(true));
    const range = (from: string, to: string) => {
      const days: string[] = [];
      for (let e = toEpochDay(from); e <= toEpochDay(to); e += 1) days.push(fromEpochDay(e));
      return days;
    };
    // 2024 (gov.cn/zhengce/content/202310/content_6911527.htm)
    off(['2024-01-01', ...range('2024-02-10', '2024-02-17'), ...range('2024-04-04', '2024-04-06'),
      ...range('2024-05-01', '2024-05-05'), '2024-06-10', ...range('2024-09-15', '2024-09-17'), ...range('2024-10-01', '2024-10-07')]);
    on(['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12']);
    // 2025 (国办发明电〔2024〕12号)
    off(['2025-01-01', ...range('2025-01-28', '2025-02-04'), ...range('2025-04-04', '2025-04-06'),
      ...range('2025-05-01', '2025-05-05'), ...range('2025-05-31', '2025-06-02'), ...range('2025-10-01', '2025-10-08')]);
    on(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    // 2026 (gov.cn/zhengce/zhengceku/202511/content_7047091.htm)
    off([...range('2026-01-01', '2026-01-03'), ...range('2026-02-15', '2026-02-23'), ...range('2026-04-04', '2026-04-06'),
      ...range('2026-05-01', '2026-05-05'), ...range('2026-06-19', '2026-06-21'), ...range('2026-09-25', '2026-09-27'),
      ...range('2026-10-01', '2026-10-07')]);
    on(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(calendar.describeDay('2024-10-01').reason).toBe('法定节假日 国庆节');
    expect(calendar.describeDay('2024-09-29').reason).toBe('调休上班 国庆节');
    expect(calendar.describeDay('2024-04-05').reason).toBe('法定节假日 清明节');
  });

  // chinese-days 1.5.7 builds its runtime tables with local-time date arithmetic, so west
  // of UTC (e.g. TZ=America/Los_Angeles) its API shifts every holiday one day earlier.
  // Its prebuilt JSON, which we use, is unaffected. Compare only where the API is sound.
  const libraryApiIsSound = new Date(2024, 0, 1).getTimezoneOffset() <= 0;
  it.skipIf(!libraryApiIsSound)('agrees with the chinese-days API on every day of the covered years', () => {
    for (let e = toEpochDay('2024-01-01'); e <= toEpochDay('2026-12-31'); e += 1) {
      const date = fromEpochDay(e);
      expect(calendar.isWorkday(date), date).toBe(chineseDays.isWorkday(date));
    }
  });

  it('lets admin overrides win over the official data', () => {
    const overridden = createOfficialCalendar({
      overrides: [{ date: '2024-10-08', kind: 'holiday', note: '本地停工' }, { date: '2024-10-12', kind: 'holiday', note: '测试' }],
    });
    expect(overridden.isWorkday('2024-10-08')).toBe(false);
    expect(overridden.isWorkday('2024-10-12')).toBe(false);
    expect(overridden.addWorkdays('2024-09-27', 20).date).toBe('2024-11-01');
  });

  it('can mark a year covered once an admin has entered it', () => {
    const with2027 = createOfficialCalendar({ extraCoveredYears: [2027] });
    expect(with2027.addWorkdays('2026-12-15', 20).provisional).toBe(false);
  });
});
