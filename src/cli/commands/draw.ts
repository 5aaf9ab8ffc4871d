import { readFile } from 'node:fs/promises';
import { parseDrawInput, parseDrawRecord } from '../../contracts/draw.ts';
import { computeDraw, formatDrawOutput } from '../../domain/draw/compute-draw.ts';
import { formatDrawError } from '../../domain/draw/draw-errors.ts';
import { verifyRecord } from '../../domain/draw/verify-record.ts';
import { nodeSha256 } from '../../server/draw/node-sha256.ts';
import type { CliContext, RegisterCommands } from '../context.ts';

/** Exit codes: 0 success, 1 invalid document / failed draw / failed verification, 2 unreadable file or not JSON. */
const EXIT_INVALID = 1;
const EXIT_UNREADABLE = 2;

/** Reads and parses a JSON file ('-' is standard input); reports and returns undefined on failure. */
async function readJson(path: string, ctx: CliContext): Promise<{ json: unknown } | undefined> {
  let text: string;
  try {
    text = await readFile(path === '-' ? '/dev/stdin' : path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    ctx.io.err(`无法读取文件 ${path} (cannot read file): ${reason}`);
    ctx.exit(EXIT_UNREADABLE);
    return undefined;
  }
  try {
    return { json: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    ctx.io.err(`文件 ${path} 不是有效的 JSON (not valid JSON): ${reason}`);
    ctx.exit(EXIT_UNREADABLE);
    return undefined;
  }
}

function reportIssues(ctx: CliContext, what: { zh: string; en: string }, issues: string[]): void {
  ctx.io.err(`[INVALID_DOCUMENT] ${what.zh}格式不正确 (not a valid ${what.en}):`);
  for (const issue of issues) ctx.io.err(`  ${issue}`);
  ctx.exit(EXIT_INVALID);
}

/**
 * `suiji draw <input.json>`: computes a draw (spec/draw.md §6) and prints the output document.
 * `suiji verify <record.json>`: recomputes a published draw record (§5) and prints OK or each difference.
 */
export const registerDrawCommands: RegisterCommands = (program, ctx) => {
  program
    .command('draw')
    .description('按 suiji-draw-v1 / suiji-match-v1 计算抽取结果，输出结果文档 (compute a draw from a computation input document)')
    .argument('<input>', '计算输入文档 JSON 文件，- 表示标准输入 (computation input JSON, - for stdin)')
    .action(async (path: string) => {
      const read = await readJson(path, ctx);
      if (!read) return;
      const parsed = parseDrawInput(read.json);
      if (!parsed.ok) return reportIssues(ctx, { zh: '计算输入文档', en: 'computation input document {drawId, seed, strata, matching?}' }, parsed.issues);
      const result = computeDraw(parsed.value, { sha256: nodeSha256 });
      if (!result.ok) {
        ctx.io.err(formatDrawError(result.error));
        ctx.exit(EXIT_INVALID);
        return;
      }
      ctx.io.out(`${formatDrawOutput(result.value)}\n`);
      ctx.exit(0);
    });

  program
    .command('verify')
    .description('核验已公开的抽取记录：重新计算全部结果并列出每一处差异 (verify a published draw record)')
    .argument('<record>', '抽取记录 JSON 文件，- 表示标准输入 (draw record JSON, - for stdin)')
    .action(async (path: string) => {
      const read = await readJson(path, ctx);
      if (!read) return;
      const parsed = parseDrawRecord(read.json);
      if (!parsed.ok) return reportIssues(ctx, { zh: '抽取记录', en: 'suiji-draw-v1 draw record' }, parsed.issues);
      const report = verifyRecord(parsed.value, { sha256: nodeSha256 });
      for (const note of report.notes) ctx.io.err(`注意 (note): ${note}`);
      if (report.ok) {
        ctx.io.out('OK');
        ctx.exit(0);
        return;
      }
      ctx.io.out(`核验不通过：${report.differences.length} 处差异 (verification failed: ${report.differences.length} difference(s))`);
      for (const difference of report.differences) ctx.io.out(`- ${difference}`);
      ctx.exit(EXIT_INVALID);
    });
};
