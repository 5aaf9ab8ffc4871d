import { readFileSync } from 'node:fs';
import type { RegisterCommands } from '../context.ts';
import { describeArchiveProblem } from '../../domain/archive/manifest.ts';
import { ArchiveReadError, verifyArchiveZip } from '../../server/archive/archive-zip.ts';

/** `suiji archive verify <zip>`: checks every file of a task archive against its manifest. */
export const registerArchiveCommands: RegisterCommands = (program, ctx) => {
  const archive = program.command('archive').description('归档包');
  archive
    .command('verify')
    .description('按清单 (manifest.json) 的 SHA-256 核对归档包中的每个文件；不符则列出文件并以 1 退出')
    .argument('<zip>', '归档包 (.zip)')
    .action((file: string) => {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        ctx.io.err(`无法读取 ${file}：${error instanceof Error ? error.message : String(error)}`);
        ctx.exit(2);
        return;
      }
      try {
        const result = verifyArchiveZip(bytes);
        for (const problem of result.problems) ctx.io.out(`FAIL ${describeArchiveProblem(problem)}`);
        if (result.manifestSha256) ctx.io.out(`manifest.json SHA-256 ${result.manifestSha256}（应与归档时记录的一致）`);
        if (result.ok && result.manifest) {
          ctx.io.out(`OK ${result.manifest.files.length} 个文件与清单一致（${result.manifest.subject.code} ${result.manifest.subject.name}）`);
        }
        ctx.exit(result.ok ? 0 : 1);
      } catch (error) {
        if (!(error instanceof ArchiveReadError)) throw error;
        ctx.io.err(error.message);
        ctx.exit(2);
      }
    });
};
