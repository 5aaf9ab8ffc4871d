import { describe, expect, it } from 'vitest';
import { closedLoopByInspection, resultFollowUpStatus } from './followups.closed-loop.ts';

describe('the follow-up status of a result over all its follow-ups', () => {
  it('is closed (已闭环) only when every follow-up is closed', () => {
    expect(resultFollowUpStatus(['closed'])).toBe('closed');
    expect(resultFollowUpStatus(['closed', 'closed'])).toBe('closed');
    expect(resultFollowUpStatus(['closed', 'open'])).toBe('in_progress');
    expect(resultFollowUpStatus(['in_progress', 'open'])).toBe('in_progress');
    expect(resultFollowUpStatus(['open', 'open'])).toBe('open');
  });

  it('gives one row per inspection with the first follow-up\'s id', () => {
    const rows = [
      { id: 'f1', inspectionId: 'i1', status: 'closed' }, { id: 'f2', inspectionId: 'i2', status: 'open' }, { id: 'f3', inspectionId: 'i1', status: 'in_progress' },
    ];
    expect(closedLoopByInspection(rows)).toEqual([{ id: 'f1', inspectionId: 'i1', status: 'in_progress' }, { id: 'f2', inspectionId: 'i2', status: 'open' }]);
  });
});
