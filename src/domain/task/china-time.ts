import type { IsoDate } from '../calendar/civil-date.ts';

/**
 * China Standard Time (UTC+8, no daylight saving): the civil date of an instant in China and
 * an ISO 8601 time with the +08:00 offset, as draw records and announcements show times.
 */
const OFFSET_MS = 8 * 3_600_000;

export function chinaDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** e.g. 2024-03-01T09:00:00.000+08:00 */
export function chinaIso(instant: Date): string {
  return `${new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
}
