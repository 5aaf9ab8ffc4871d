import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromEpochDay, toEpochDay } from './civil-date.ts';
import { createCalendar, type CalendarData } from './working-calendar.ts';

/** A small hand-made year: 2030 "covered", one holiday week and one 调休 Saturday. */
const data: CalendarData = {
  holidays: [{ date: '2030-10-01', name: '国庆节' }, '2030-10-02', '2030-10-03', '2030-10-04', '2030-10-07'],
  adjustedWorkdays: [{ date: '2030-10-12', name: '国庆节' }],
  coveredYears: [2030],
};

describe('createCalendar', () => {
  const calendar = createCalendar(data);

  it('applies the weekday rule, holidays and 调休', () => {
    expect(calendar.isWorkday('2030-09-30')).toBe(true); // Monday
    expect(calendar.isWorkday('2030-10-01')).toBe(false); // holiday
    expect(calendar.describeDay('2030-10-01').reason).toBe('法定节假日 国庆节');
    expect(calendar.describeDay('2030-10-02').reason).toBe('法定节假日');
    expect(calendar.isWorkday('2030-10-05')).toBe(false); // Saturday
    expect(calendar.describeDay('2030-10-05').reason).toBe('周末');
    expect(calendar.isWorkday('2030-10-12')).toBe(true); // 调休 Saturday
    expect(calendar.describeDay('2030-10-12')).toMatchObject({ kind: 'adjusted-workday', reason: '调休上班 国庆节', provisional: false });
  });

  it('adds working days, the start day not counted', () => {
    expect(calendar.addWorkdays('2030-09-30', 1).date).toBe('2030-10-08');
    expect(calendar.addWorkdays('2030-10-01', 1).date).toBe('2030-10-08'); // start on a holiday
    expect(calendar.addWorkdays('2030-10-11', 1).date).toBe('2030-10-12'); // 调休 Saturday counts
    expect(calendar.addWorkdays('2030-10-05', 0)).toEqual({ date: '2030-10-05', provisional: false, uncoveredYears: [] });
  });

  it('accepts sets of plain date strings', () => {
    const fromSets = createCalendar({
      holidays: new Set(['2030-10-01', '2030-10-02']),
      adjustedWorkdays: new Set(['2030-10-12']),
      coveredYears: new Set([2030]),
    });
    expect(fromSets.isWorkday('2030-10-01')).toBe(false);
    expect(fromSets.isWorkday('2030-10-12')).toBe(true);
    expect(fromSets.coveredYears).toEqual([2030]);
  });

  it('rejects bad input', () => {
    expect(() => calendar.addWorkdays('2030-10-01', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkdays('2030-10-01', 1.5)).toThrow(RangeError);
    expect(() => calendar.isWorkday('2030-02-30')).toThrow(RangeError);
    expect(() => createCalendar({ ...data, adjustedWorkdays: ['2030-10-08'] })).toThrow(/周六或周日/);
    expect(() => createCalendar({ ...data, holidays: ['2030-10-12'] })).toThrow(/既是放假日又是调休上班日/);
    expect(() => createCalendar({
      ...data,
      overrides: [{ date: '2030-10-09', kind: 'holiday', note: 'a' }, { date: '2030-10-09', kind: 'workday', note: 'b' }],
    })).toThrow(/矛盾/);
  });

  it('counts working days after a up to and including b, negative when b < a', () => {
    expect(calendar.workdaysBetween('2030-09-30', '2030-10-08').count).toBe(1);
    expect(calendar.workdaysBetween('2030-10-08', '2030-09-30').count).toBe(-1);
    expect(calendar.workdaysBetween('2030-10-08', '2030-10-08').count).toBe(0);
    expect(calendar.workdaysBetween('2030-10-07', '2030-10-08').count).toBe(1);
  });

  it('marks days in uncovered years provisional', () => {
    expect(calendar.isYearCovered(2030)).toBe(true);
    expect(calendar.isYearCovered(2031)).toBe(false);
    expect(calendar.describeDay('2031-03-03')).toMatchObject({ workday: true, provisional: true });
    const result = calendar.addWorkdays('2030-12-20', 10);
    expect(result.provisional).toBe(true);
    expect(result.uncoveredYears).toEqual([2031]);
    expect(calendar.addWorkdays('2030-12-20', 3)).toEqual({ date: '2030-12-25', provisional: false, uncoveredYears: [] });
    expect(calendar.addWorkdays('2031-12-20', 0).provisional).toBe(true);
    expect(calendar.workdaysBetween('2030-12-01', '2031-01-05')).toMatchObject({ provisional: true, uncoveredYears: [2031] });
  });

  it('assumes the fixed-date statutory holidays in an uncovered year, unless told not to', () => {
    expect(calendar.describeDay('2031-01-01')).toMatchObject({ workday: false, kind: 'assumed-holiday', name: '元旦', provisional: true });
    expect(calendar.isWorkday('2031-05-02')).toBe(false); // 劳动节 2 days since 2025
    expect(calendar.isWorkday('2031-10-03')).toBe(false);
    expect(calendar.isWorkday('2031-10-06')).toBe(true); // only 10-01…10-03 are fixed by law
    const plain = createCalendar({ ...data, assumeFixedStatutoryHolidays: false });
    expect(plain.isWorkday('2031-01-01')).toBe(true);
  });

  it('lets overrides win over official data and the weekday rule', () => {
    const overridden = createCalendar({
      ...data,
      overrides: [
        { date: '2030-10-01', kind: 'workday', note: '测试：改为上班' },
        { date: '2030-10-12', kind: 'holiday', note: '测试：取消调休' },
        { date: '2030-10-09', kind: 'holiday', note: '台风停工' },
        { date: '2030-10-13', kind: 'workday', note: '' },
      ],
    });
    expect(overridden.isWorkday('2030-10-01')).toBe(true);
    expect(overridden.isWorkday('2030-10-12')).toBe(false);
    expect(overridden.describeDay('2030-10-09')).toMatchObject({ workday: false, kind: 'override-holiday', reason: '人工调整：放假（台风停工）' });
    expect(overridden.describeDay('2030-10-13')).toMatchObject({ workday: true, reason: '人工调整：上班' });
  });

  it('addWorkdays and workdaysBetween agree (property)', () => {
    const start = toEpochDay('2029-06-01');
    fc.assert(fc.property(fc.integer({ min: 0, max: 900 }), fc.integer({ min: 1, max: 200 }), (offset, n) => {
      const a = fromEpochDay(start + offset);
      const result = calendar.addWorkdays(a, n);
      expect(calendar.isWorkday(result.date)).toBe(true);
      expect(calendar.workdaysBetween(a, result.date).count).toBe(n);
      expect(calendar.workdaysBetween(result.date, a).count).toBe(-n);
      // The day before the result is still short of n.
      expect(calendar.workdaysBetween(a, fromEpochDay(toEpochDay(result.date) - 1)).count).toBe(n - 1);
    }));
  });
});
