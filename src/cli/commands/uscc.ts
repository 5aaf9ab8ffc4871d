import type { RegisterCommands } from '../context.ts';

export const registerUsccCommands: RegisterCommands = (_program, _ctx) => {
  // filled in by the uscc work
};
