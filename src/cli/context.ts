import type { Command } from 'commander';

/** Where a command writes, so that tests can run the CLI in-process and read its output. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

export interface CliContext {
  io: CliIo;
  /** Set the exit code of this invocation (0 unless a command says otherwise). */
  exit(code: number): void;
}

export type RegisterCommands = (program: Command, ctx: CliContext) => void;
