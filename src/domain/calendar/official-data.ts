/**
 * Official holiday data (国务院办公厅 notices) taken from the `chinese-days` package.
 *
 * Only the package's bundled JSON file is imported: plain data, no code, no I/O.
 * chinese-days treats a year it has no notice for as plain weekdays, so the covered years
 * are an explicit list here, checked against the years the data contains.
 */
import bundled from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { parseIsoDate } from './civil-date.ts';
import { createCalendar, type CalendarOverride, type NamedDate, type WorkingCalendar } from './working-calendar.ts';

/**
 * Years whose notice has been checked against the gov.cn text (docs/domain/calendar.md).
 * Add a year only after comparing the package's data with the published notice.
 */
export const OFFICIAL_COVERED_YEARS: readonly number[] = [2024, 2025, 2026];

/** Festival names as the notices write them (chinese-days abbreviates some). */
const FESTIVAL_NAMES: Readonly<Record<string, string>> = {
  清明: '清明节',
  端午: '端午节',
  中秋: '中秋节',
};

type DateTable = Readonly<Record<string, string>>;

function readTable(value: unknown, label: string): DateTable {
  if (typeof value !== 'object' || value === null) {
    throw new TypeError(`chinese-days data: ${label} is not an object`);
  }
  const table: Record<string, string> = {};
  for (const [date, text] of Object.entries(value)) {
    if (typeof text !== 'string' || parseIsoDate(date) === null) {
      throw new TypeError(`chinese-days data: bad ${label} entry ${date}`);
    }
    table[date] = text;
  }
  return table;
}

const holidayTable = readTable(bundled.holidays, 'holidays');
const workdayTable = readTable(bundled.workdays, 'workdays');

/** '"National Day,国庆节,3"' → '国庆节'. */
function festivalName(text: string): string | undefined {
  const chinese = text.split(',')[1]?.trim();
  if (!chinese) return undefined;
  return FESTIVAL_NAMES[chinese] ?? chinese;
}

function entriesFor(table: DateTable, years: ReadonlySet<number>): NamedDate[] {
  return Object.entries(table)
    .filter(([date]) => years.has(Number(date.slice(0, 4))))
    .map(([date, text]) => ({ date, name: festivalName(text) }))
    .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** Years for which the bundled data lists any holiday or 调休 day. */
export function yearsInBundledData(): number[] {
  const years = new Set<number>();
  for (const date of [...Object.keys(holidayTable), ...Object.keys(workdayTable)]) {
    years.add(Number(date.slice(0, 4)));
  }
  return [...years].sort((x, y) => x - y);
}

export interface OfficialCalendarData {
  holidays: NamedDate[];
  adjustedWorkdays: NamedDate[];
  coveredYears: number[];
}

/**
 * The holidays and 调休 workdays of the covered years. Throws if a covered year has no
 * data in the package (so a year can never be "covered" by plain weekdays).
 */
export function officialCalendarData(coveredYears: readonly number[] = OFFICIAL_COVERED_YEARS): OfficialCalendarData {
  const inData = new Set(yearsInBundledData());
  const missing = coveredYears.filter((year) => !inData.has(year));
  if (missing.length > 0) {
    throw new RangeError(`chinese-days 数据中没有以下年份的放假安排：${missing.join(', ')}`);
  }
  const years = new Set(coveredYears);
  return {
    holidays: entriesFor(holidayTable, years),
    adjustedWorkdays: entriesFor(workdayTable, years),
    coveredYears: [...years].sort((x, y) => x - y),
  };
}

/** The official calendar, with admin overrides (which win) and any extra covered years. */
export function createOfficialCalendar(options: {
  overrides?: readonly CalendarOverride[];
  /** Years an admin has entered completely by overrides (a notice newer than the package). */
  extraCoveredYears?: readonly number[];
} = {}): WorkingCalendar {
  const data = officialCalendarData();
  return createCalendar({
    ...data,
    coveredYears: [...data.coveredYears, ...(options.extraCoveredYears ?? [])],
    overrides: options.overrides ?? [],
  });
}
