import type { RegisterCommands } from '../context.ts';
import { checkUscc, type CodeName } from '../../domain/uscc/uscc.ts';

function label(value: CodeName): string {
  return value.name ?? `未知(${value.code})`;
}

/** `suiji uscc <code>…`: check 统一社会信用代码; exit 1 if any is invalid. */
export const registerUsccCommands: RegisterCommands = (program, ctx) => {
  program
    .command('uscc')
    .description('校验统一社会信用代码 (GB 32100-2015)；任一无效则退出码为 1')
    .argument('<codes...>', '18 位统一社会信用代码，可多个')
    .action((codes: string[]) => {
      let anyInvalid = false;
      for (const input of codes) {
        const result = checkUscc(input);
        if (result.ok) {
          ctx.io.out(`${result.uscc} valid (${label(result.authority)}/${label(result.entityType)}, region ${result.regionCode})`);
          for (const warning of result.warnings) ctx.io.out(`  warning: ${warning.message}`);
        } else {
          anyInvalid = true;
          const shown = result.normalized.length > 0 ? result.normalized : JSON.stringify(input);
          ctx.io.out(`${shown} invalid: ${result.errors.map((e) => e.message).join('；')}`);
        }
      }
      ctx.exit(anyInvalid ? 1 : 0);
    });
};
