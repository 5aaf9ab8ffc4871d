import type { RegisterCommands } from '../context.ts';
import { isIsoDate } from '../../domain/calendar/civil-date.ts';
import { createOfficialCalendar } from '../../domain/calendar/official-data.ts';
import { MAX_WORKDAYS, type WorkingCalendar } from '../../domain/calendar/working-calendar.ts';

function provisionalNote(years: readonly number[]): string {
  return `(provisional: ${years.length === 1 ? 'year' : 'years'} ${years.join(', ')} not yet published)`;
}

/**
 * `suiji calendar add|is-workday|between`: the official working-day calendar
 * (国务院办公厅 notices, bundled data; no admin overrides here).
 */
export const registerCalendarCommands: RegisterCommands = (program, ctx) => {
  // Built on first use, so other commands never pay for (or fail on) the holiday data.
  let cached: WorkingCalendar | undefined;
  const calendar = (): WorkingCalendar => (cached ??= createOfficialCalendar());
  const badDate = (text: string): boolean => {
    if (isIsoDate(text)) return false;
    ctx.io.err(`error: not a valid date (expected YYYY-MM-DD): ${JSON.stringify(text)}`);
    ctx.exit(2);
    return true;
  };

  const command = program
    .command('calendar')
    .description('官方工作日日历（国务院办公厅放假安排）');

  command
    .command('add')
    .description('<date> 之后第 n 个工作日（当日不计）')
    .argument('<date>', 'YYYY-MM-DD')
    .argument('<n>', '工作日数，整数 ≥ 0')
    .action((date: string, n: string) => {
      if (badDate(date)) return;
      const days = /^\d+$/u.test(n) ? Number(n) : Number.NaN;
      if (!Number.isSafeInteger(days) || days > MAX_WORKDAYS) {
        ctx.io.err(`error: n must be an integer from 0 to ${MAX_WORKDAYS}: ${JSON.stringify(n)}`);
        ctx.exit(2);
        return;
      }
      const result = calendar().addWorkdays(date, days);
      ctx.io.out(result.date);
      if (result.provisional) ctx.io.err(provisionalNote(result.uncoveredYears));
    });

  command
    .command('is-workday')
    .description('是否工作日：输出 yes/no 及原因')
    .argument('<date>', 'YYYY-MM-DD')
    .action((date: string) => {
      if (badDate(date)) return;
      const day = calendar().describeDay(date);
      ctx.io.out(`${day.workday ? 'yes' : 'no'} (${day.reason})`);
      if (day.provisional) ctx.io.err(provisionalNote([Number(date.slice(0, 4))]));
    });

  command
    .command('between')
    .description('a 之后（不含）至 b（含）的工作日数；b 早于 a 时为负数')
    .argument('<a>', 'YYYY-MM-DD')
    .argument('<b>', 'YYYY-MM-DD')
    .action((a: string, b: string) => {
      if (badDate(a) || badDate(b)) return;
      const result = calendar().workdaysBetween(a, b);
      ctx.io.out(String(result.count));
      if (result.provisional) ctx.io.err(provisionalNote(result.uncoveredYears));
    });
};
