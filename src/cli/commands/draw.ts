import type { RegisterCommands } from '../context.ts';

export const registerDrawCommands: RegisterCommands = (_program, _ctx) => {
  // filled in by the draw work
};
