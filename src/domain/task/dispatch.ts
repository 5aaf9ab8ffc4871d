import type { IsoDate } from '../calendar/civil-date.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';

/**
 * Dispatch (派发): after the draw, each participating department's admin checks and confirms
 * its list within N working days (Hebei platform: 2; domain-rules §2, §5). The start day does
 * not count; only official working days (State Council notices, 调休) count.
 */

export const DEFAULT_CONFIRM_WORKDAYS = 2;

export interface DepartmentConfirmation {
  departmentId: string;
  departmentName: string;
  confirmedOn: IsoDate | null;
}

export interface DispatchStatus {
  /** The last working day to confirm on. */
  deadline: IsoDate;
  /** True when the calendar does not cover a year involved (the deadline may move). */
  provisional: boolean;
  departments: (DepartmentConfirmation & { overdue: boolean; late: boolean })[];
  allConfirmed: boolean;
  anyOverdue: boolean;
}

export function dispatchStatus(
  calendar: WorkingCalendar,
  drawnOn: IsoDate,
  workdays: number,
  today: IsoDate,
  confirmations: readonly DepartmentConfirmation[],
): DispatchStatus {
  const { date: deadline, provisional } = calendar.addWorkdays(drawnOn, workdays);
  const departments = confirmations.map((c) => ({
    ...c,
    overdue: c.confirmedOn === null && today > deadline,
    late: c.confirmedOn !== null && c.confirmedOn > deadline,
  }));
  return {
    deadline,
    provisional,
    departments,
    allConfirmed: departments.every((d) => d.confirmedOn !== null),
    anyOverdue: departments.some((d) => d.overdue),
  };
}
