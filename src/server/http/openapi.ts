import { openDatabase } from '../db/database.ts';
import type { Config } from '../config.ts';
import { buildApp } from './app.ts';

const openApiConfig: Config = {
  port: 0, host: '127.0.0.1', dataDir: '', databaseUrl: undefined, logLevel: 'silent',
  sessionIdleMinutes: 30, sessionAbsoluteHours: 12, secureCookies: false, nodeEnv: 'production',
};

/** The OpenAPI document of the API, as committed in docs/openapi.json (no database needed). */
export async function generateOpenApi(): Promise<string> {
  const database = await openDatabase({ dataDir: '', inMemory: true, migrate: false });
  try {
    const app = await buildApp({ config: openApiConfig, database, logger: false, webRoot: '/nonexistent-web' });
    await app.ready();
    const document = app.swagger();
    await app.close();
    return `${JSON.stringify(document, null, 2)}\n`;
  } finally {
    await database.close();
  }
}
