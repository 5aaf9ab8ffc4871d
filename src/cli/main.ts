import { Command, CommanderError } from 'commander';
import { processIo, type CliContext, type CliIo } from './context.ts';
import { registerDrawCommands } from './commands/draw.ts';
import { registerUsccCommands } from './commands/uscc.ts';
import { registerCalendarCommands } from './commands/calendar.ts';
import { registerServerCommands } from './commands/server.ts';
import { registerImportCommands } from './commands/import.ts';
import { registerArchiveCommands } from './commands/archive.ts';

/**
 * Entry of the `suiji` command. Returns the exit code instead of exiting, so tests can
 * run any command in-process with their own CliIo.
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode = 0;
  const ctx: CliContext = { io, exit: (code) => { exitCode = code; } };
  const program = new Command('suiji')
    .description('Suiji (随机): 双随机、一公开 random inspection platform')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  registerServerCommands(program, ctx);
  registerDrawCommands(program, ctx);
  registerUsccCommands(program, ctx);
  registerCalendarCommands(program, ctx);
  registerImportCommands(program, ctx);
  registerArchiveCommands(program, ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  return exitCode;
}
