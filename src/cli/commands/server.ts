import type { RegisterCommands } from '../context.ts';

export const registerServerCommands: RegisterCommands = (_program, _ctx) => {
  // filled in by the server work
};
