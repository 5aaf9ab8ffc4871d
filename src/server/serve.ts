import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { buildApp } from './http/app.ts';
import type { ZodApp } from './http/fastify-types.ts';

export interface RunningServer {
  app: ZodApp;
  database: Database;
  url: string;
  close(): Promise<void>;
}

export function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
}

/** Opens (and migrates) the database, builds the app and listens on config.host:config.port. */
export async function startServer(config: Config, database?: Database): Promise<RunningServer> {
  const db = database ?? (await openConfiguredDatabase(config));
  let app: ZodApp;
  try {
    app = await buildApp({ config, database: db });
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await db.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let closed = false;
  return {
    app,
    database: db,
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/`,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await db.close();
    },
  };
}
