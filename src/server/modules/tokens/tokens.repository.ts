import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { apiTokens, users } from '../../db/schema.ts';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export async function insertToken(db: Db, values: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  if (!row) throw new Error('insert into api_tokens returned no row');
  return row;
}

export function listTokensOfUser(db: Db, userId: string): Promise<ApiTokenRow[]> {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));
}

export async function findTokenOfUser(db: Db, userId: string, id: string): Promise<ApiTokenRow | undefined> {
  const [row] = await db.select().from(apiTokens).where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)));
  return row;
}

export async function findTokenWithUser(db: Db, tokenHash: string) {
  const [row] = await db
    .select({
      token: apiTokens,
      user: {
        id: users.id, username: users.username, displayName: users.displayName, roles: users.roles,
        departmentId: users.departmentId, active: users.active, mustChangePassword: users.mustChangePassword,
      },
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, tokenHash));
  return row;
}

export async function updateToken(db: Db, id: string, values: Partial<typeof apiTokens.$inferInsert>): Promise<void> {
  await db.update(apiTokens).set(values).where(eq(apiTokens.id, id));
}
