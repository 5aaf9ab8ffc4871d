import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has defaults', () => {
    const config = loadConfig({}, '/srv/suiji');
    expect(config).toEqual({
      port: 3000, host: '127.0.0.1', dataDir: path.resolve('/srv/suiji', 'data'), databaseUrl: undefined, logLevel: 'info',
      sessionIdleMinutes: 30, sessionAbsoluteHours: 12, secureCookies: false, nodeEnv: 'development',
    });
  });

  it('honours PORT, HOST, SUIJI_DATA_DIR and the rest', () => {
    const config = loadConfig({
      PORT: '8080', HOST: '0.0.0.0', SUIJI_DATA_DIR: 'var/suiji', DATABASE_URL: 'postgres://u@db:5432/suiji', LOG_LEVEL: 'warn',
      SUIJI_SESSION_IDLE_MINUTES: '15', SUIJI_SESSION_ABSOLUTE_HOURS: '8', SUIJI_SECURE_COOKIES: 'true', NODE_ENV: 'production',
    }, '/srv');
    expect(config).toEqual({
      port: 8080, host: '0.0.0.0', dataDir: '/srv/var/suiji', databaseUrl: 'postgres://u@db:5432/suiji', logLevel: 'warn',
      sessionIdleMinutes: 15, sessionAbsoluteHours: 8, secureCookies: true, nodeEnv: 'production',
    });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: ' ' }, '/x')).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it('rejects bad values with Chinese and English messages naming the variable', () => {
    try {
      loadConfig({ PORT: 'abc', SUIJI_SECURE_COOKIES: 'maybe', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', PORT_X: '1' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT: 必须为整数 / must be an integer');
      expect(message).toContain('SUIJI_SECURE_COOKIES');
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('LOG_LEVEL');
      expect(message).toMatch(/配置无效 \/ invalid configuration/);
    }
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/不能大于 65535/);
  });
});
