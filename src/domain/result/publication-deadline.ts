import type { IsoDate } from '../calendar/civil-date.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';

/**
 * "谁检查、谁录入、谁公示": a result is entered and published within 20 official working
 * days of the end of the inspection (冀政办发〔2015〕22号; domain-rules §2). The end day does
 * not count. Warnings at 5 and 2 working days left; the figures are settings.
 */

export interface DeadlineRule {
  workdays: number;
  /** Working days left at which a warning is raised, largest first. */
  warnAt: readonly number[];
}

export const DEFAULT_DEADLINE_RULE: DeadlineRule = { workdays: 20, warnAt: [5, 2] };

export type DeadlineState =
  | { kind: 'published_on_time' }
  | { kind: 'published_late'; workdaysLate: number }
  | { kind: 'open'; workdaysLeft: number }
  | { kind: 'warning'; workdaysLeft: number; level: number }
  | { kind: 'overdue'; workdaysOverdue: number };

export interface PublicationDeadline {
  deadline: IsoDate;
  /** The deadline falls in, or crosses, a year whose holiday notice is not yet published. */
  provisional: boolean;
  state: DeadlineState;
}

export function publicationDeadlineOf(
  calendar: WorkingCalendar,
  inspectionEnd: IsoDate,
  today: IsoDate,
  publishedOn: IsoDate | null,
  rule: DeadlineRule = DEFAULT_DEADLINE_RULE,
): PublicationDeadline {
  const { date: deadline, provisional } = calendar.addWorkdays(inspectionEnd, rule.workdays);
  const state = ((): DeadlineState => {
    if (publishedOn !== null) {
      if (publishedOn <= deadline) return { kind: 'published_on_time' };
      return { kind: 'published_late', workdaysLate: calendar.workdaysBetween(deadline, publishedOn).count };
    }
    if (today > deadline) return { kind: 'overdue', workdaysOverdue: calendar.workdaysBetween(deadline, today).count };
    const left = calendar.workdaysBetween(today, deadline).count;
    const level = [...rule.warnAt].sort((a, b) => a - b).find((w) => left <= w);
    return level === undefined ? { kind: 'open', workdaysLeft: left } : { kind: 'warning', workdaysLeft: left, level };
  })();
  return { deadline, provisional, state };
}
