import { describe, expect, it } from 'vitest';
import { needsAttention, summarizeCallbacks, type CallbackFacts } from './callbacks.ts';

const fine: CallbackFacts = { announcedInAdvance: false, certificatesShown: true, improperRequests: false, satisfaction: 'satisfied' };

describe('callbacks summary', () => {
  it('counts concerns and the satisfaction rate', () => {
    const summary = summarizeCallbacks([
      fine,
      { ...fine, satisfaction: 'basically_satisfied' },
      { ...fine, announcedInAdvance: true },
      { ...fine, certificatesShown: false, improperRequests: true, satisfaction: 'dissatisfied' },
    ]);
    expect(summary).toEqual({
      total: 4, announcedInAdvance: 1, certificatesNotShown: 1, improperRequests: 1,
      bySatisfaction: { satisfied: 2, basically_satisfied: 1, dissatisfied: 1 },
      satisfactionRate: 0.75, concerns: 2,
    });
  });

  it('has no rate without callbacks', () => {
    expect(summarizeCallbacks([])).toMatchObject({ total: 0, satisfactionRate: null, concerns: 0 });
  });

  it('flags each kind of concern on its own', () => {
    expect(needsAttention(fine)).toBe(false);
    expect(needsAttention({ ...fine, announcedInAdvance: true })).toBe(true);
    expect(needsAttention({ ...fine, certificatesShown: false })).toBe(true);
    expect(needsAttention({ ...fine, improperRequests: true })).toBe(true);
    expect(needsAttention({ ...fine, satisfaction: 'dissatisfied' })).toBe(true);
    expect(needsAttention({ ...fine, satisfaction: 'basically_satisfied' })).toBe(false);
  });
});
