import { chinaDate } from '../../domain/task/china-time.ts';

/**
 * The demo tells one year of a county bureau's work — plan in January, draws in spring,
 * inspections through the summer, publications, a correction, an overdue result — so every
 * state and deadline shows. That year must lie in the past of the moment the demo is loaded:
 * the current year from October on, else the year before.
 */
export function demoStoryYear(now: Date): number {
  const today = chinaDate(now);
  const year = Number(today.slice(0, 4));
  return today >= `${year}-10-01` ? year : year - 1;
}

/**
 * The services' clock while the demo is written: `at` moves it to a day of the story year
 * (China time), and every read after that moves it on by one second, so that each step is
 * later than the one before (a draw record whose drawnAt is not after its frozenAt does not
 * verify). It never goes back.
 */
export interface StoryClock {
  year: number;
  now: () => Date;
  /** Moves to `MM-DD` (and `HH:MM`, default 09:00) of the story year, China time. */
  at: (monthDay: string, time?: string) => void;
}

export function storyClock(year: number): StoryClock {
  let t = Date.parse(`${year}-01-02T09:00:00+08:00`);
  return {
    year,
    now: () => new Date((t += 1000)),
    at: (monthDay, time = '09:00') => {
      const target = Date.parse(`${year}-${monthDay}T${time}:00+08:00`);
      if (Number.isNaN(target)) throw new Error(`demo story: bad date ${monthDay} ${time}`);
      t = Math.max(t, target);
    },
  };
}
