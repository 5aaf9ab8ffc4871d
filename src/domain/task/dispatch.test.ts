import { describe, expect, it } from 'vitest';
import { createOfficialCalendar } from '../calendar/official-data.ts';
import { dispatchStatus } from './dispatch.ts';

const calendar = createOfficialCalendar();

describe('dispatchStatus', () => {
  it('counts official working days from the day after the draw (Friday → Tuesday)', () => {
    // 2024-03-01 is a Friday: +2 working days is Tuesday 2024-03-05.
    const status = dispatchStatus(calendar, '2024-03-01', 2, '2024-03-05', [
      { departmentId: 'a', departmentName: '运输管理科', confirmedOn: '2024-03-04' },
      { departmentId: 'b', departmentName: '综合执法大队', confirmedOn: null },
    ]);
    expect(status.deadline).toBe('2024-03-05');
    expect(status.anyOverdue).toBe(false);
    expect(status.allConfirmed).toBe(false);
  });

  it('flags a department that has not confirmed after the deadline, and a late confirmation', () => {
    const status = dispatchStatus(calendar, '2024-03-01', 2, '2024-03-06', [
      { departmentId: 'a', departmentName: '运输管理科', confirmedOn: '2024-03-06' },
      { departmentId: 'b', departmentName: '综合执法大队', confirmedOn: null },
    ]);
    expect(status.departments.map((d) => [d.overdue, d.late])).toEqual([[false, true], [true, false]]);
    expect(status.anyOverdue).toBe(true);
  });

  it('skips the National Day holiday and counts the adjusted workday (调休)', () => {
    // 2024-09-30 (Mon) draw: 10-01..07 holiday, 10-12 (Sat) is a working day; +2 → 10-09.
    expect(dispatchStatus(calendar, '2024-09-30', 2, '2024-09-30', []).deadline).toBe('2024-10-09');
  });
});
