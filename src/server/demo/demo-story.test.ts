import { describe, expect, it } from 'vitest';
import { demoStoryYear, storyClock } from './demo-story.ts';

describe('demo story', () => {
  it('tells a year that lies in the past', () => {
    expect(demoStoryYear(new Date('2026-11-28T12:00:00Z'))).toBe(2026);
    expect(demoStoryYear(new Date('2026-09-30T15:59:59Z'))).toBe(2025);
    // 2026-09-30 16:00 UTC is already 1 October in China.
    expect(demoStoryYear(new Date('2026-09-30T16:00:00Z'))).toBe(2026);
    expect(demoStoryYear(new Date('2027-01-05T00:00:00Z'))).toBe(2026);
  });

  it('moves forward only, a second per read', () => {
    const clock = storyClock(2026);
    clock.at('03-05');
    const first = clock.now();
    expect(first.toISOString()).toBe('2026-03-05T01:00:01.000Z');
    expect(clock.now().getTime() - first.getTime()).toBe(1000);
    clock.at('01-10');
    expect(clock.now().getTime()).toBeGreaterThan(first.getTime());
    expect(() => clock.at('13-40')).toThrow(/bad date/u);
  });
});
