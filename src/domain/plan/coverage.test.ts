import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverage, formatBp, publicationStatus } from './coverage.ts';

describe('coverage', () => {
  it('needs ⌈3 %⌉ of the directory and rounds the shown ratio down', () => {
    expect(coverage(12, 400)).toMatchObject({ required: 12, ratioBp: 300, meetsTarget: true, shortfall: 0 });
    expect(coverage(12, 401)).toMatchObject({ required: 13, ratioBp: 299, meetsTarget: false, shortfall: 1 });
    expect(coverage(0, 0)).toMatchObject({ required: 0, ratioBp: 0, meetsTarget: true });
    expect(coverage(5, 100, 500)).toMatchObject({ required: 5, meetsTarget: true });
  });

  it('meets the target exactly when the shown ratio is at least the target', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 10_000 }), (planned, directory, target) => {
        const c = coverage(Math.min(planned, directory), directory, target);
        expect(c.meetsTarget).toBe(c.ratioBp >= target);
      }),
    );
  });

  it('formats basis points as a percentage', () => {
    expect(formatBp(300)).toBe('3.00%');
    expect(formatBp(1234)).toBe('12.34%');
  });
});

describe('publicationStatus', () => {
  it('follows the plan for year Y to 31 January of Y', () => {
    expect(publicationStatus(2024, '2024-01-05', null)).toEqual({ kind: 'not_due', deadline: '2024-01-31', daysLeft: 26 });
    expect(publicationStatus(2024, '2024-01-21', null)).toEqual({ kind: 'due_soon', deadline: '2024-01-31', daysLeft: 10 });
    expect(publicationStatus(2024, '2024-01-31', null)).toMatchObject({ kind: 'due_soon', daysLeft: 0 });
    expect(publicationStatus(2024, '2024-02-02', null)).toEqual({ kind: 'overdue', deadline: '2024-01-31', daysOverdue: 2 });
    expect(publicationStatus(2024, '2024-03-01', '2024-01-31')).toMatchObject({ kind: 'published_on_time' });
    expect(publicationStatus(2024, '2024-03-01', '2024-02-03')).toMatchObject({ kind: 'published_late', daysLate: 3 });
  });

  it('takes a configured deadline', () => {
    expect(publicationStatus(2025, '2025-02-20', null, { month: 2, day: 28, warnDays: 5 })).toMatchObject({ kind: 'not_due', daysLeft: 8 });
  });
});
