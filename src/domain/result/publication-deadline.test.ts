import { describe, expect, it } from 'vitest';
import { createOfficialCalendar } from '../calendar/official-data.ts';
import { publicationDeadlineOf } from './publication-deadline.ts';

const calendar = createOfficialCalendar({});

describe('publicationDeadlineOf', () => {
  it('is 20 official working days after the end of the inspection (National Day week skipped)', () => {
    const d = publicationDeadlineOf(calendar, '2024-09-27', '2024-10-08', null);
    expect(d.deadline).toBe('2024-10-30');
    expect(d.provisional).toBe(false);
    expect(d.state).toEqual({ kind: 'open', workdaysLeft: 17 });
  });

  it('warns at 5 and at 2 working days left, then flags overdue', () => {
    expect(publicationDeadlineOf(calendar, '2024-09-27', '2024-10-24', null).state).toEqual({ kind: 'warning', workdaysLeft: 4, level: 5 });
    expect(publicationDeadlineOf(calendar, '2024-09-27', '2024-10-28', null).state).toEqual({ kind: 'warning', workdaysLeft: 2, level: 2 });
    expect(publicationDeadlineOf(calendar, '2024-09-27', '2024-10-30', null).state).toEqual({ kind: 'warning', workdaysLeft: 0, level: 2 });
    expect(publicationDeadlineOf(calendar, '2024-09-27', '2024-11-01', null).state).toEqual({ kind: 'overdue', workdaysOverdue: 2 });
  });

  it('judges a published result by its publication date', () => {
    expect(publicationDeadlineOf(calendar, '2024-09-27', '2024-12-01', '2024-10-30').state).toEqual({ kind: 'published_on_time' });
    expect(publicationDeadlineOf(calendar, '2024-09-27', '2024-12-01', '2024-10-31').state).toEqual({ kind: 'published_late', workdaysLate: 1 });
  });

  it('marks a deadline in a year without a published notice as provisional', () => {
    expect(publicationDeadlineOf(calendar, '2026-12-20', '2026-12-21', null).provisional).toBe(true);
  });
});
