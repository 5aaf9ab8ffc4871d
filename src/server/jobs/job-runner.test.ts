import { describe, expect, it } from 'vitest';
import { createJobRunner } from './job-runner.ts';

describe('job runner', () => {
  it('runs jobs after the current turn, reports failures and drains', async () => {
    const errors: string[] = [];
    const runner = createJobRunner((name) => errors.push(name));
    const done: string[] = [];
    runner.start('a', async () => { done.push('a'); });
    runner.start('b', async () => { throw new Error('boom'); });
    expect(done).toEqual([]);
    expect(runner.running).toBe(2);
    await runner.drain();
    expect(done).toEqual(['a']);
    expect(errors).toEqual(['b']);
    expect(runner.running).toBe(0);
  });
});
