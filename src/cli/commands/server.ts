import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { roleSchema, type Role } from '../../contracts/roles.ts';
import { verifyAuditChain } from '../../server/audit/audit-log.ts';
import { generatePassword } from '../../server/auth/secrets.ts';
import { ConfigError, loadConfig, type Config } from '../../server/config.ts';
import type { Database } from '../../server/db/database.ts';
import { demoBureau, demoPassword, demoUsers } from '../../server/demo/demo-data.ts';
import { demoSeedSteps, isEmptyDatabase, seedDemo } from '../../server/demo/seed-demo.ts';
import { defaultWebRoot } from '../../server/http/app.ts';
import { generateOpenApi } from '../../server/http/openapi.ts';
import { createUserFromCli, resetPasswordFromCli } from '../../server/modules/users/users.service.ts';
import { openConfiguredDatabase, startServer, type RunningServer } from '../../server/serve.ts';
import { repoRoot } from '../../server/version.ts';
import type { CliContext, RegisterCommands } from '../context.ts';

interface ServerOptions { port?: string; host?: string; dataDir?: string }

/** Config from the environment, with command-line options taking precedence. */
function configFrom(options: ServerOptions): Config {
  return loadConfig({
    ...process.env,
    ...(options.port === undefined ? {} : { PORT: options.port }),
    ...(options.host === undefined ? {} : { HOST: options.host }),
    ...(options.dataDir === undefined ? {} : { SUIJI_DATA_DIR: options.dataDir }),
  });
}

/** Runs a command body with a configuration; a bad configuration prints the bilingual message, exit 2. */
async function withConfig(ctx: CliContext, options: ServerOptions, body: (config: Config) => Promise<void>): Promise<void> {
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
  await body(config);
}

async function withDatabase(config: Config, body: (database: Database) => Promise<void>): Promise<void> {
  const database = await openConfiguredDatabase(config);
  try {
    await body(database);
  } finally {
    await database.close();
  }
}

function closeOnSignals(server: RunningServer): void {
  const stop = (signal: NodeJS.Signals) => {
    server.app.log.info({ signal }, 'shutting down');
    server.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function describeDatabase(config: Config): string {
  return config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite ${path.join(config.dataDir, 'pglite')}`;
}

async function loadDemo(ctx: CliContext, database: Database): Promise<boolean> {
  const bar = new SingleBar({ format: '载入演示数据 [{bar}] {value}/{total} {label}', stream: process.stderr }, Presets.shades_classic);
  bar.start(demoSeedSteps, 0, { label: '' });
  try {
    return await seedDemo(database.db, new Date(), (done, _total, label) => bar.update(done, { label }));
  } finally {
    bar.stop();
  }
}

function printDemoAccounts(ctx: CliContext): void {
  ctx.io.out(`演示账户（密码均为 ${demoPassword}）/ demo accounts (password ${demoPassword}):`);
  for (const user of demoUsers) ctx.io.out(`  ${user.username.padEnd(10)} ${user.displayName}（${user.roles.join(', ')}）`);
}

function parseRoles(values: string[]): Role[] | string {
  const roles: Role[] = [];
  for (const value of values.flatMap((v) => v.split(','))) {
    const parsed = roleSchema.safeParse(value.trim());
    if (!parsed.success) return value;
    if (!roles.includes(parsed.data)) roles.push(parsed.data);
  }
  return roles;
}

export const registerServerCommands: RegisterCommands = (program: Command, ctx: CliContext) => {
  const serverOptions = (command: Command) => command
    .option('--port <port>', '端口 / port (env PORT, default 3000)')
    .option('--host <host>', '监听地址 / host (env HOST, default 127.0.0.1)')
    .option('--data-dir <dir>', '数据目录 / data folder (env SUIJI_DATA_DIR, default ./data)');

  serverOptions(program.command('serve').description('启动服务器 / start the server'))
    .action(async (options: ServerOptions) => withConfig(ctx, options, async (config) => {
      const server = await startServer(config);
      closeOnSignals(server);
      ctx.io.out(`Suiji 已启动 / listening: ${server.url}  数据库 / database: ${describeDatabase(config)}`);
    }));

  serverOptions(program.command('start').description('构建网页（如需）、首次载入演示数据并启动 / build the web app if needed, load demo data into an empty database, serve'))
    .action(async (options: ServerOptions) => withConfig(ctx, options, async (config) => {
      if (!existsSync(path.join(defaultWebRoot, 'index.html'))) {
        ctx.io.out('网页应用尚未构建，正在运行 npx vite build … / building the web app');
        const build = spawnSync('npx', ['vite', 'build'], { cwd: repoRoot, stdio: 'inherit' });
        if (build.status !== 0) ctx.io.err('网页构建失败，服务器仍会启动（仅接口可用）/ web build failed; serving the API only');
      }
      const database = await openConfiguredDatabase(config);
      let seeded = false;
      try {
        if (await isEmptyDatabase(database.db)) seeded = await loadDemo(ctx, database);
      } catch (error) {
        await database.close();
        throw error;
      }
      const server = await startServer(config, database);
      closeOnSignals(server);
      if (seeded) ctx.io.out(`已载入演示数据：${demoBureau.name} / demo data loaded`);
      ctx.io.out(`Suiji 已启动，请用浏览器打开 / open in a browser: ${server.url}`);
      printDemoAccounts(ctx);
    }));

  program.command('demo')
    .description('清空数据目录并载入演示数据 / reset the data folder and load demo data')
    .option('--data-dir <dir>', '数据目录 / data folder (env SUIJI_DATA_DIR, default ./data)')
    .option('--force', 'with DATABASE_URL: drop every table of that database first')
    .action(async (options: ServerOptions & { force?: boolean }) => withConfig(ctx, options, async (config) => {
      if (config.databaseUrl) {
        if (!options.force) {
          ctx.io.err('DATABASE_URL 已设置：会删除该数据库的全部表，请加 --force 确认 / DATABASE_URL is set: add --force to drop all tables');
          ctx.exit(2);
          return;
        }
        const { default: pg } = await import('pg');
        const client = new pg.Client({ connectionString: config.databaseUrl });
        await client.connect();
        try {
          await client.query('drop schema if exists drizzle cascade; drop schema public cascade; create schema public;');
        } finally {
          await client.end();
        }
      } else {
        await rm(path.join(config.dataDir, 'pglite'), { recursive: true, force: true });
      }
      await withDatabase(config, async (database) => {
        await loadDemo(ctx, database);
        ctx.io.out(`已载入演示数据 / demo data loaded: ${demoBureau.name} → ${describeDatabase(config)}`);
        printDemoAccounts(ctx);
      });
    }));

  const audit = program.command('audit').description('审计日志 / audit log');
  audit.command('verify')
    .description('校验审计日志哈希链 / verify the hash chain of the audit log')
    .option('--data-dir <dir>', '数据目录 / data folder')
    .action(async (options: ServerOptions) => withConfig(ctx, options, async (config) => withDatabase(config, async (database) => {
      const status = await verifyAuditChain(database.db);
      if (status.ok) {
        ctx.io.out(`OK, ${status.rows} rows`);
      } else {
        ctx.io.err(`BROKEN at seq ${status.firstBrokenSeq}: ${status.reason} (${status.rows} rows verified before it)`);
        ctx.exit(1);
      }
    })));

  const user = program.command('user').description('用户管理 / user administration');
  user.command('add <username>')
    .description('新建用户（须在首次登录时修改密码）/ add a user (must change the password at first sign-in)')
    .requiredOption('--name <displayName>', '姓名 / display name')
    .requiredOption('--role <role...>', `角色 / roles: ${roleSchema.options.join(', ')}`)
    .option('--department <code>', '机构代码 / department code')
    .option('--password <password>', '初始密码（省略则自动生成）/ initial password (generated when omitted)')
    .option('--data-dir <dir>', '数据目录 / data folder')
    .action(async (username: string, options: ServerOptions & { name: string; role: string[]; department?: string; password?: string }) =>
      withConfig(ctx, options, async (config) => {
        const roles = parseRoles(options.role);
        if (typeof roles === 'string') {
          ctx.io.err(`未知角色 / unknown role: ${roles} (${roleSchema.options.join(', ')})`);
          ctx.exit(2);
          return;
        }
        if (options.password !== undefined && options.password.length < 8) {
          ctx.io.err('密码至少 8 位 / the password needs at least 8 characters');
          ctx.exit(2);
          return;
        }
        const password = options.password ?? generatePassword();
        await withDatabase(config, async (database) => {
          const result = await createUserFromCli({ db: database.db, config, now: () => new Date() }, {
            username, displayName: options.name, roles, departmentCode: options.department ?? null, password,
          });
          if (!result.ok) {
            ctx.io.err(result.failure.detail ?? result.failure.kind);
            ctx.exit(1);
            return;
          }
          ctx.io.out(`已创建用户 / user created: ${username}（${roles.join(', ')}）`);
          if (options.password === undefined) ctx.io.out(`初始密码 / initial password: ${password}`);
        });
      }));

  user.command('reset-password <username>')
    .description('重置密码（下次登录须修改）/ reset a password (must be changed at next sign-in)')
    .option('--password <password>', '新密码（省略则自动生成）/ new password (generated when omitted)')
    .option('--data-dir <dir>', '数据目录 / data folder')
    .action(async (username: string, options: ServerOptions & { password?: string }) => withConfig(ctx, options, async (config) => {
      if (options.password !== undefined && options.password.length < 8) {
        ctx.io.err('密码至少 8 位 / the password needs at least 8 characters');
        ctx.exit(2);
        return;
      }
      const password = options.password ?? generatePassword();
      await withDatabase(config, async (database) => {
        const result = await resetPasswordFromCli({ db: database.db, config, now: () => new Date() }, username, password);
        if (!result.ok) {
          ctx.io.err(result.failure.detail ?? result.failure.kind);
          ctx.exit(1);
          return;
        }
        ctx.io.out(`已重置密码 / password reset: ${username}`);
        if (options.password === undefined) ctx.io.out(`新密码 / new password: ${password}`);
      });
    }));

  program.command('openapi')
    .description('输出 OpenAPI 文档 / print the OpenAPI document (npm run openapi writes docs/openapi.json)')
    .action(async () => {
      ctx.io.out(await generateOpenApi());
    });
};
