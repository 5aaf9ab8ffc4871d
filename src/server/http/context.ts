import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';

/** What every service receives: the database, the configuration and the clock. */
export interface ServiceContext {
  db: Db;
  config: Config;
  now: () => Date;
}
