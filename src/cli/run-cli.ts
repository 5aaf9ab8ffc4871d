import type { CliIo } from './context.ts';
import { main } from './main.ts';

export interface CliRun {
  code: number;
  /** Everything written to stdout, each write ending in a newline. */
  out: string;
  err: string;
  /** The writes one by one, without their trailing newline. */
  outLines: string[];
  errLines: string[];
}

/** Runs the CLI in-process and captures what it writes (tests, and tools that call a command). */
export async function runCli(argv: readonly string[]): Promise<CliRun> {
  const outLines: string[] = [];
  const errLines: string[] = [];
  const io: CliIo = {
    out: (text) => outLines.push(text.replace(/\n$/u, '')),
    err: (text) => errLines.push(text.replace(/\n$/u, '')),
  };
  const code = await main([...argv], io);
  const joined = (lines: string[]) => lines.map((line) => `${line}\n`).join('');
  return { code, out: joined(outLines), err: joined(errLines), outLines, errLines };
}
