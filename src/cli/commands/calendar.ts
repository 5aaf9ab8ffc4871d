import type { RegisterCommands } from '../context.ts';

export const registerCalendarCommands: RegisterCommands = (_program, _ctx) => {
  // filled in by the calendar work
};
