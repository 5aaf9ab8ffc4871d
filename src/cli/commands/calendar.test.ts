import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const { code, outLines, errLines } = await runCli(args);
  return { code, out: outLines, err: errLines };
}

describe('suiji calendar', () => {
  it('add: the n-th working day after the date', async () => {
    expect(await run(['calendar', 'add', '2024-09-27', '20'])).toEqual({ code: 0, out: ['2024-10-30'], err: [] });
    expect(await run(['calendar', 'add', '2026-02-06', '20'])).toEqual({ code: 0, out: ['2026-03-12'], err: [] });
    expect(await run(['calendar', 'add', '2024-09-27', '0'])).toEqual({ code: 0, out: ['2024-09-27'], err: [] });
  });

  it('add: notes a provisional result on stderr', async () => {
    expect(await run(['calendar', 'add', '2026-12-15', '20'])).toEqual({
      code: 0, out: ['2027-01-13'], err: ['(provisional: year 2027 not yet published)'],
    });
  });

  it('is-workday: yes/no with the reason', async () => {
    expect(await run(['calendar', 'is-workday', '2024-09-29'])).toEqual({ code: 0, out: ['yes (调休上班 国庆节)'], err: [] });
    expect(await run(['calendar', 'is-workday', '2024-10-03'])).toEqual({ code: 0, out: ['no (法定节假日 国庆节)'], err: [] });
    expect(await run(['calendar', 'is-workday', '2024-10-13'])).toEqual({ code: 0, out: ['no (周末)'], err: [] });
    expect(await run(['calendar', 'is-workday', '2024-10-08'])).toEqual({ code: 0, out: ['yes (工作日)'], err: [] });
    const provisional = await run(['calendar', 'is-workday', '2027-03-01']);
    expect(provisional.out[0]).toMatch(/^yes \(工作日（2027年放假安排未发布/u);
    expect(provisional.err).toEqual(['(provisional: year 2027 not yet published)']);
  });

  it('between: working days after a up to and including b', async () => {
    expect(await run(['calendar', 'between', '2024-09-27', '2024-10-30'])).toEqual({ code: 0, out: ['20'], err: [] });
    expect(await run(['calendar', 'between', '2024-10-30', '2024-09-27'])).toEqual({ code: 0, out: ['-20'], err: [] });
    expect((await run(['calendar', 'between', '2026-12-01', '2027-01-05'])).err).toEqual(['(provisional: year 2027 not yet published)']);
  });

  it('bad input exits 2 with a clear message', async () => {
    const badDate = await run(['calendar', 'add', '2024-02-30', '3']);
    expect(badDate.code).toBe(2);
    expect(badDate.out).toEqual([]);
    expect(badDate.err[0]).toContain('not a valid date (expected YYYY-MM-DD): "2024-02-30"');
    expect((await run(['calendar', 'add', '2024-09-27', 'x'])).code).toBe(2);
    expect((await run(['calendar', 'add', '2024-09-27', '1.5'])).code).toBe(2);
    expect((await run(['calendar', 'is-workday', '20240101'])).code).toBe(2);
    expect((await run(['calendar', 'between', '2024-01-01', '2024-13-01'])).code).toBe(2);
    expect((await run(['calendar', 'add', '2024-09-27'])).code).toBe(2);
  });
});
