/**
 * The official working-day calendar (国务院办公厅 holiday notices) as pure functions over
 * data passed in. See docs/domain/calendar.md for the rules and the counting convention.
 */
import { epochDayToCivil, fromEpochDay, isWeekend, toEpochDay, type IsoDate } from './civil-date.ts';

/** A date with an optional festival name, e.g. { date: '2024-10-01', name: '国庆节' }. */
export interface NamedDate {
  date: IsoDate;
  name?: string;
}

/** An admin-entered correction. It wins over the official data and the weekday rule. */
export interface CalendarOverride {
  date: IsoDate;
  kind: 'holiday' | 'workday';
  note: string;
}

export interface CalendarData {
  /** Off days of the notices (放假). Weekend dates are allowed: they only name the day. */
  holidays: Iterable<IsoDate | NamedDate>;
  /** Weekend dates that are working days (调休上班). */
  adjustedWorkdays: Iterable<IsoDate | NamedDate>;
  /** Years whose notice is published and loaded; any other year is provisional. */
  coveredYears: Iterable<number>;
  overrides?: Iterable<CalendarOverride>;
  /**
   * In a year that is not covered, also treat the fixed-date statutory holidays
   * (元旦 01-01; 劳动节 05-01, and 05-02 from 2025; 国庆节 10-01…10-03) as off days.
   * The lunar ones (春节, 清明, 端午, 中秋) and 调休 stay unknown. Default true.
   */
  assumeFixedStatutoryHolidays?: boolean;
}

export type DayKind =
  | 'weekday'
  | 'weekend'
  | 'holiday'
  | 'adjusted-workday'
  | 'assumed-holiday'
  | 'override-holiday'
  | 'override-workday';

export interface DayInfo {
  date: IsoDate;
  workday: boolean;
  kind: DayKind;
  /** Chinese reason, e.g. '法定节假日 国庆节', '调休上班 国庆节', '周末'. */
  reason: string;
  /** Festival name, or the admin's note for an override. */
  name?: string;
  /** True when the day's year is not covered by a published notice. */
  provisional: boolean;
}

export interface WorkdayCount {
  count: number;
  /** True when any day counted over lies in a year that is not covered. */
  provisional: boolean;
  uncoveredYears: number[];
}

export interface AddWorkdaysResult {
  date: IsoDate;
  /** True when any day walked, or the result, lies in a year that is not covered. */
  provisional: boolean;
  uncoveredYears: number[];
}

export interface WorkingCalendar {
  isWorkday(date: IsoDate): boolean;
  describeDay(date: IsoDate): DayInfo;
  /**
   * The n-th working day after `date` (the start day itself never counts). n = 0 returns
   * `date` unchanged. Throws RangeError on a bad date or an n that is not an integer ≥ 0.
   */
  addWorkdays(date: IsoDate, n: number): AddWorkdaysResult;
  /**
   * Working days d with a < d ≤ b (a excluded, b included). When b < a the result is
   * −workdaysBetween(b, a). So workdaysBetween(a, addWorkdays(a, n).date) = n for n ≥ 1.
   */
  workdaysBetween(a: IsoDate, b: IsoDate): WorkdayCount;
  isYearCovered(year: number): boolean;
  readonly coveredYears: readonly number[];
}

/** Upper bound on n in addWorkdays, so a typo cannot loop for minutes. */
export const MAX_WORKDAYS = 100_000;

interface Entry {
  name: string | undefined;
}

function normalizeEntry(value: IsoDate | NamedDate): { epochDay: number; name: string | undefined } {
  const date = typeof value === 'string' ? value : value.date;
  const name = typeof value === 'string' ? undefined : value.name;
  return { epochDay: toEpochDay(date), name };
}

function fixedStatutoryHoliday(year: number, month: number, day: number): string | undefined {
  if (month === 1 && day === 1) return '元旦';
  if (month === 5 && (day === 1 || (day === 2 && year >= 2025))) return '劳动节';
  if (month === 10 && day >= 1 && day <= 3) return '国庆节';
  return undefined;
}

function withName(prefix: string, name: string | undefined): string {
  return name ? `${prefix} ${name}` : prefix;
}

export function createCalendar(data: CalendarData): WorkingCalendar {
  const holidays = new Map<number, Entry>();
  const adjusted = new Map<number, Entry>();
  const overrides = new Map<number, CalendarOverride>();
  const assumeFixed = data.assumeFixedStatutoryHolidays ?? true;

  for (const value of data.holidays) {
    const { epochDay, name } = normalizeEntry(value);
    holidays.set(epochDay, { name });
  }
  for (const value of data.adjustedWorkdays) {
    const { epochDay, name } = normalizeEntry(value);
    if (!isWeekend(epochDay)) {
      throw new RangeError(`调休上班日应为周六或周日：${fromEpochDay(epochDay)}`);
    }
    if (holidays.has(epochDay)) {
      throw new RangeError(`同一日期既是放假日又是调休上班日：${fromEpochDay(epochDay)}`);
    }
    adjusted.set(epochDay, { name });
  }
  for (const override of data.overrides ?? []) {
    const epochDay = toEpochDay(override.date);
    const previous = overrides.get(epochDay);
    if (previous && previous.kind !== override.kind) {
      throw new RangeError(`同一日期有相互矛盾的人工调整：${override.date}`);
    }
    overrides.set(epochDay, override);
  }
  const coveredYears = [...new Set(data.coveredYears)].sort((x, y) => x - y);
  for (const year of coveredYears) {
    if (!Number.isInteger(year)) throw new RangeError(`年份无效：${year}`);
  }
  const covered = new Set(coveredYears);

  const isYearCovered = (year: number): boolean => covered.has(year);

  function describeEpochDay(epochDay: number): DayInfo {
    const date = fromEpochDay(epochDay);
    const { year, month, day } = epochDayToCivil(epochDay);
    const provisional = !covered.has(year);
    const override = overrides.get(epochDay);
    if (override) {
      const workday = override.kind === 'workday';
      const label = workday ? '人工调整：上班' : '人工调整：放假';
      return {
        date, workday, kind: workday ? 'override-workday' : 'override-holiday',
        reason: override.note ? `${label}（${override.note}）` : label, name: override.note, provisional,
      };
    }
    const holiday = holidays.get(epochDay);
    if (holiday) {
      return { date, workday: false, kind: 'holiday', reason: withName('法定节假日', holiday.name), name: holiday.name, provisional };
    }
    const adjustedDay = adjusted.get(epochDay);
    if (adjustedDay) {
      return { date, workday: true, kind: 'adjusted-workday', reason: withName('调休上班', adjustedDay.name), name: adjustedDay.name, provisional };
    }
    if (isWeekend(epochDay)) {
      return { date, workday: false, kind: 'weekend', reason: '周末', provisional };
    }
    if (provisional && assumeFixed) {
      const name = fixedStatutoryHoliday(year, month, day);
      if (name) {
        return {
          date, workday: false, kind: 'assumed-holiday',
          reason: `法定节假日 ${name}（${year}年放假安排未发布，按法定日期预估）`, name, provisional,
        };
      }
    }
    return {
      date, workday: true, kind: 'weekday',
      reason: provisional ? `工作日（${year}年放假安排未发布，暂按周一至周五计）` : '工作日',
      provisional,
    };
  }

  const isWorkdayEpoch = (epochDay: number): boolean => describeEpochDay(epochDay).workday;

  function uncoveredYearsIn(fromExclusive: number, toInclusive: number): number[] {
    const years: number[] = [];
    if (toInclusive <= fromExclusive) return years;
    const first = epochDayToCivil(fromExclusive + 1).year;
    const last = epochDayToCivil(toInclusive).year;
    for (let year = first; year <= last; year += 1) {
      if (!covered.has(year)) years.push(year);
    }
    return years;
  }

  return {
    coveredYears,
    isYearCovered,
    describeDay: (date) => describeEpochDay(toEpochDay(date)),
    isWorkday: (date) => isWorkdayEpoch(toEpochDay(date)),
    addWorkdays(date, n) {
      const start = toEpochDay(date);
      if (!Number.isInteger(n) || n < 0 || n > MAX_WORKDAYS) {
        throw new RangeError(`工作日数应为 0 至 ${MAX_WORKDAYS} 的整数：${n}`);
      }
      let current = start;
      let counted = 0;
      while (counted < n) {
        current += 1;
        if (isWorkdayEpoch(current)) counted += 1;
      }
      const uncoveredYears = n === 0
        ? (covered.has(epochDayToCivil(start).year) ? [] : [epochDayToCivil(start).year])
        : uncoveredYearsIn(start, current);
      return { date: fromEpochDay(current), provisional: uncoveredYears.length > 0, uncoveredYears };
    },
    workdaysBetween(a, b) {
      const from = toEpochDay(a);
      const to = toEpochDay(b);
      const low = Math.min(from, to);
      const high = Math.max(from, to);
      let count = 0;
      for (let day = low + 1; day <= high; day += 1) {
        if (isWorkdayEpoch(day)) count += 1;
      }
      const uncoveredYears = uncoveredYearsIn(low, high);
      return { count: to < from ? -count : count, provisional: uncoveredYears.length > 0, uncoveredYears };
    },
  };
}

