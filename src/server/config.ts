import path from 'node:path';
import { z } from 'zod';

/**
 * Server configuration. This module is the only reader of process.env: everything else
 * receives a Config. Invalid values stop the server at start with a bilingual message.
 */

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: '必须为 true 或 false / must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const intFromEnv = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: `必须为整数 / must be an integer` })
    .transform(Number)
    .pipe(z.number().int().min(min, { message: `不能小于 ${min} / must be at least ${min}` }).max(max, { message: `不能大于 ${max} / must be at most ${max}` }));

const envSchema = z.object({
  PORT: intFromEnv(0, 65535).default(3000),
  HOST: z.string().min(1, { message: '不能为空 / must not be empty' }).default('127.0.0.1'),
  SUIJI_DATA_DIR: z.string().min(1, { message: '不能为空 / must not be empty' }).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: '必须是 postgres:// 或 postgresql:// 连接串 / must be a postgres:// URL' })
    .optional(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: '必须为 fatal、error、warn、info、debug、trace 或 silent / must be a pino log level',
    })
    .default('info'),
  SUIJI_SESSION_IDLE_MINUTES: intFromEnv(1, 24 * 60).default(30),
  SUIJI_SESSION_ABSOLUTE_HOURS: intFromEnv(1, 24 * 30).default(12),
  SUIJI_SECURE_COOKIES: booleanFromEnv.default(false),
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { message: '必须为 development、production 或 test / must be development, production or test' })
    .default('development'),
});

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  host: string;
  /** Absolute path of the data folder (PGlite database, uploads). */
  dataDir: string;
  /** When set, PostgreSQL is used instead of the embedded PGlite. */
  databaseUrl: string | undefined;
  logLevel: LogLevel;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  secureCookies: boolean;
  nodeEnv: 'development' | 'production' | 'test';
}

export class ConfigError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`配置无效 / invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the configuration from an environment (process.env by default). Empty strings
 * count as unset, so `PORT= suiji serve` uses the default.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env, cwd: string = process.cwd()): Config {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') cleaned[key] = value.trim();
  }
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(cwd, e.SUIJI_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    sessionIdleMinutes: e.SUIJI_SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SUIJI_SESSION_ABSOLUTE_HOURS,
    secureCookies: e.SUIJI_SECURE_COOKIES,
    nodeEnv: e.NODE_ENV,
  };
}
