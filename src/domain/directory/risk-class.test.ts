import { describe, expect, it } from 'vitest';
import { riskClassOn } from './risk-class.ts';

describe('riskClassOn', () => {
  const snapshots = [
    { effectiveFrom: '2024-01-01', riskClass: 'B' as const },
    { effectiveFrom: '2024-03-01', riskClass: 'D' as const },
    { effectiveFrom: '2024-02-01', riskClass: 'C' as const },
  ];

  it('takes the latest snapshot in force on the date, whatever order they come in', () => {
    expect(riskClassOn(snapshots, '2024-02-29')).toBe('C');
    expect(riskClassOn(snapshots, '2024-03-01')).toBe('D');
    expect(riskClassOn(snapshots, '2024-12-31')).toBe('D');
  });

  it('is U (unclassified) before the first snapshot or without any', () => {
    expect(riskClassOn(snapshots, '2023-12-31')).toBe('U');
    expect(riskClassOn([], '2024-06-01')).toBe('U');
  });
});
