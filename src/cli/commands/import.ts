import { existsSync } from 'node:fs';
import path from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { importKindIds, type ImportKind } from '../../server/imports/import-kind.ts';
import { ConfigError, loadConfig, type Config } from '../../server/config.ts';
import { findImportKind } from '../../server/imports/import-kinds.ts';
import { listRejectedRows, listWarnedRows, type ImportJobRow } from '../../server/imports/import-jobs.repository.ts';
import {
  importLocalFile, recoverInterruptedImports, type ImportEnv, type ImportProgressEvent,
} from '../../server/imports/import-runner.ts';
import { findDepartmentByCode } from '../../server/modules/organizations/organizations.repository.ts';
import { writeRejectedReport } from '../../server/imports/import-report.ts';
import { openConfiguredDatabase } from '../../server/serve.ts';
import type { CliContext, RegisterCommands } from '../context.ts';

interface ImportOptions {
  yes?: boolean;
  dataDir?: string;
  department?: string;
}

const shownRejected = 20;

function configFrom(options: ImportOptions): Config {
  return loadConfig({ ...process.env, ...(options.dataDir === undefined ? {} : { SUIJI_DATA_DIR: options.dataDir }) });
}

/** A progress bar on stderr per phase; a phase with an unknown total counts rows only. */
function progressBars() {
  let bar: SingleBar | null = null;
  let phase: ImportProgressEvent['phase'] | null = null;
  const labels = { validating: '校验', committing: '提交' } as const;
  return {
    update(event: ImportProgressEvent) {
      if (phase !== event.phase) {
        bar?.stop();
        phase = event.phase;
        const known = event.total > 0;
        bar = new SingleBar({
          format: known ? `${labels[event.phase]} [{bar}] {percentage}% {value}/{total} 行 {duration_formatted}` : `${labels[event.phase]} {value} 行 {duration_formatted}`,
          stream: process.stderr, hideCursor: true,
        }, Presets.shades_classic);
        bar.start(Math.max(event.total, 1), event.done);
      }
      if (event.total > 0) bar?.setTotal(event.total);
      bar?.update(event.done);
    },
    stop() {
      bar?.stop();
      bar = null;
      phase = null;
    },
  };
}

async function printPreview(ctx: CliContext, env: ImportEnv, kind: ImportKind, job: ImportJobRow, filePath: string): Promise<void> {
  ctx.io.out(`读取 ${job.totalRows} 行：可导入 ${job.acceptedRows} 行，未通过校验 ${job.rejectedRows} 行 / rows read, accepted, rejected`);
  const warned = await listWarnedRows(env.db, job.id, 5);
  if (warned.total > 0) {
    ctx.io.out(`其中 ${warned.total} 行有提示（不影响导入），例如：`);
    for (const r of warned.rows) ctx.io.out(`  第 ${r.row} 行 ${r.issues.map((i) => `${i.column}：${i.reason}`).join('；')}`);
  }
  if (job.rejectedRows === 0) return;
  const rejected = await listRejectedRows(env.db, job.id, shownRejected);
  ctx.io.out('未通过校验的行 / rejected rows:');
  for (const r of rejected) {
    ctx.io.out(`  第 ${r.row} 行 ${r.issues.filter((i) => i.severity !== 'warning').map((i) => `${i.column}：${i.reason}`).join('；')}`);
  }
  if (job.rejectedRows > rejected.length) ctx.io.out(`  …… 另有 ${job.rejectedRows - rejected.length} 行`);
  const report = rejectedReportPath(filePath);
  await writeRejectedReport(env.db, kind, job.id, report);
  ctx.io.out(`全部未通过的行及原因已写入 / all rejected rows with reasons: ${report}`);
}

/** <dir>/<name>.rejected.xlsx beside the imported file. */
export function rejectedReportPath(filePath: string): string {
  const parsed = path.parse(filePath);
  return path.join(parsed.dir, `${parsed.name}.rejected.xlsx`);
}

export const registerImportCommands: RegisterCommands = (program: Command, ctx: CliContext) => {
  program.command('import <kind> <file>')
    .description(`导入名录文件（xlsx 或 csv）/ import a directory file. kind: ${importKindIds.join(', ')}`)
    .option('--yes', '校验后直接提交；不加时只校验并预览，不修改目录 / commit after validating (without it: preview only)')
    .option('--department <code>', '新增记录归属的机构代码 / department code that claims new records')
    .option('--data-dir <dir>', '数据目录 / data folder (env SUIJI_DATA_DIR, default ./data)')
    .action(async (kindName: string, file: string, options: ImportOptions) => {
      const kind = findImportKind(kindName);
      if (!kind) {
        ctx.io.err(`未知或暂不可用的导入类型 / unknown import kind: ${kindName}（${importKindIds.join(', ')}）`);
        ctx.exit(2);
        return;
      }
      if (!existsSync(file)) {
        ctx.io.err(`文件不存在 / no such file: ${file}`);
        ctx.exit(1);
        return;
      }
      let config: Config;
      try {
        config = configFrom(options);
      } catch (error) {
        if (error instanceof ConfigError) {
          ctx.io.err(error.message);
          ctx.exit(2);
          return;
        }
        throw error;
      }
      const database = await openConfiguredDatabase(config);
      const bars = progressBars();
      try {
        const env: ImportEnv = { db: database.db, now: () => new Date(), filesDir: path.join(config.dataDir, 'imports') };
        const interrupted = await recoverInterruptedImports(env);
        if (interrupted > 0) ctx.io.err(`有 ${interrupted} 个被中断的导入任务已标记为失败（目录未作任何修改）`);
        let departmentId: string | null = null;
        if (options.department !== undefined) {
          const department = await findDepartmentByCode(database.db, options.department);
          if (!department) {
            ctx.io.err(`机构代码不存在 / no department with code ${options.department}`);
            ctx.exit(2);
            return;
          }
          departmentId = department.id;
        }
        const outcome = await importLocalFile(env, {
          kind, filePath: file, commit: options.yes === true,
          ctx: { departmentId, userId: null, now: env.now() },
          actor: { id: null, name: '命令行导入' },
          onProgress: (event) => bars.update(event),
          onPreview: async (job) => {
            bars.stop();
            await printPreview(ctx, env, kind, job, file);
            if (options.yes && job.acceptedRows > 0) ctx.io.out(`正在提交 ${job.acceptedRows} 行（一个事务）/ committing …`);
          },
        });
        bars.stop();
        if (outcome.status === 'failed') {
          ctx.io.err(`导入失败 / import failed: ${outcome.message}`);
          ctx.exit(1);
          return;
        }
        if (outcome.status === 'preview') {
          ctx.io.out(`仅预览，目录未修改。确认无误后加 --yes 重新运行以提交（导入任务 ${outcome.job.id} 也可在网页上提交）/ preview only: nothing was changed; run again with --yes to commit`);
          return;
        }
        const s = outcome.summary;
        ctx.io.out(`导入完成 / done: 新增 ${s.inserted} 条，更新 ${s.updated} 条，未变 ${s.unchanged} 条（inserted, updated, unchanged）`);
      } finally {
        bars.stop();
        await database.close();
      }
    });
};
