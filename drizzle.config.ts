import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes reviewed, committed migrations. They run on PostgreSQL 15
// and on PGlite alike, applied at start by drizzle's migrator (src/server/db/database.ts).
export default defineConfig({
  dialect: 'postgresql',
  // schema.ts (foundation) and schema-*.ts (one file per area, e.g. schema-directory.ts).
  schema: ['./src/server/db/schema.ts', './src/server/db/schema-*.ts'],
  out: './src/server/db/migrations',
  casing: 'snake_case',
});
