import { quotaOf } from '../draw/quota.ts';
import { fromEpochDay, toEpochDay, type IsoDate } from '../calendar/civil-date.ts';

/**
 * Plan coverage and publication timing. The bureau must inspect at least 3 % of the
 * enterprises in its directory each year (企业公示信息抽查办法 Art. 4; 迁西 plan), and publish
 * the year's plan by the end of January (迁西 plan). Both figures are per-tenant settings.
 */

export const DEFAULT_COVERAGE_TARGET_BP = 300;

export interface Coverage {
  /** Distinct entities the plan's tasks will inspect. */
  planned: number;
  /** Entities in the directory in scope. */
  directory: number;
  /** planned / directory in basis points, rounded down (so 2.999 % never shows as 3 %). */
  ratioBp: number;
  targetBp: number;
  /** Entities needed to meet the target: ⌈directory · target⌉, the same arithmetic as a draw quota. */
  required: number;
  meetsTarget: boolean;
  /** How many more entities must be planned (0 when the target is met). */
  shortfall: number;
}

export function coverage(planned: number, directory: number, targetBp: number = DEFAULT_COVERAGE_TARGET_BP): Coverage {
  const required = quotaOf(directory, { ratioBp: targetBp });
  const ratioBp = directory === 0 ? 0 : Math.floor((planned * 10_000) / directory);
  return { planned, directory, ratioBp, targetBp, required, meetsTarget: planned >= required, shortfall: Math.max(0, required - planned) };
}

/** Basis points as the UI shows them: 300 → "3.00%". */
export function formatBp(bp: number): string {
  return `${(bp / 100).toFixed(2)}%`;
}

export interface PublicationRule {
  /** Month and day of year Y by which the plan for Y is published (default 1-31). */
  month: number;
  day: number;
  /** Days before the deadline from which an unpublished plan is flagged as due soon. */
  warnDays: number;
}

export const DEFAULT_PUBLICATION_RULE: PublicationRule = { month: 1, day: 31, warnDays: 10 };

export type PublicationStatus =
  | { kind: 'published_on_time'; deadline: IsoDate; publishedOn: IsoDate }
  | { kind: 'published_late'; deadline: IsoDate; publishedOn: IsoDate; daysLate: number }
  | { kind: 'not_due'; deadline: IsoDate; daysLeft: number }
  | { kind: 'due_soon'; deadline: IsoDate; daysLeft: number }
  | { kind: 'overdue'; deadline: IsoDate; daysOverdue: number };

export function publicationDeadline(year: number, rule: PublicationRule = DEFAULT_PUBLICATION_RULE): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(rule.month).padStart(2, '0')}-${String(rule.day).padStart(2, '0')}`;
}

/** Where the plan for `year` stands on `today` (calendar days: the rule is a calendar date, not a working-day count). */
export function publicationStatus(
  year: number,
  today: IsoDate,
  publishedOn: IsoDate | null,
  rule: PublicationRule = DEFAULT_PUBLICATION_RULE,
): PublicationStatus {
  const deadline = fromEpochDay(toEpochDay(publicationDeadline(year, rule)));
  const deadlineDay = toEpochDay(deadline);
  if (publishedOn !== null) {
    const late = toEpochDay(publishedOn) - deadlineDay;
    return late > 0 ? { kind: 'published_late', deadline, publishedOn, daysLate: late } : { kind: 'published_on_time', deadline, publishedOn };
  }
  const left = deadlineDay - toEpochDay(today);
  if (left < 0) return { kind: 'overdue', deadline, daysOverdue: -left };
  return left <= rule.warnDays ? { kind: 'due_soon', deadline, daysLeft: left } : { kind: 'not_due', deadline, daysLeft: left };
}
