import type { z } from 'zod';
import type { apiTokenSchema, createTokenBodySchema, createdTokenSchema } from '../../../contracts/tokens.ts';
import { tokenScopeSchema } from '../../../contracts/tokens.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import { randomSecret, sha256Hex } from '../../auth/secrets.ts';
import type { Principal } from '../../http/access.ts';
import type { ServiceContext } from '../../http/context.ts';
import { fail, ok, type Result } from '../../http/failures.ts';
import { toRoles } from '../session/session.service.ts';
import { lastUsedIntervalMs, tokenPrefix } from './tokens.policy.ts';
import {
  findTokenOfUser, findTokenWithUser, insertToken, listTokensOfUser, updateToken, type ApiTokenRow,
} from './tokens.repository.ts';

type ApiToken = z.infer<typeof apiTokenSchema>;

function present(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes.flatMap((s) => { const p = tokenScopeSchema.safeParse(s); return p.success ? [p.data] : []; }),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function listOwnTokens(ctx: ServiceContext, principal: Principal): Promise<Result<ApiToken[]>> {
  return ok((await listTokensOfUser(ctx.db, principal.user.id)).map(present));
}

export async function createOwnToken(
  ctx: ServiceContext, principal: Principal, input: z.infer<typeof createTokenBodySchema>,
): Promise<Result<z.infer<typeof createdTokenSchema>>> {
  const now = ctx.now();
  const token = `${tokenPrefix}${randomSecret()}`;
  const scopes = [...new Set(input.scopes)].sort();
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
  const row = await ctx.db.transaction(async (tx) => {
    const created = await insertToken(tx, {
      userId: principal.user.id, name: input.name, tokenHash: sha256Hex(token), scopes, createdAt: now, expiresAt,
    });
    await appendAudit(tx, {
      actor: { id: principal.user.id, name: principal.user.displayName }, action: 'token.created',
      subjectType: 'api_token', subjectId: created.id, summary: `用户“${principal.user.username}”创建 API 令牌“${input.name}”`,
      changes: { name: input.name, scopes, expiresAt: expiresAt?.toISOString() ?? null },
    }, now);
    return created;
  });
  return ok({ ...present(row), token });
}

export async function revokeOwnToken(ctx: ServiceContext, principal: Principal, id: string): Promise<Result<void>> {
  const row = await findTokenOfUser(ctx.db, principal.user.id, id);
  if (!row) return fail('not_found', '令牌不存在');
  if (row.revokedAt) return ok(undefined);
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await updateToken(tx, id, { revokedAt: now });
    await appendAudit(tx, {
      actor: { id: principal.user.id, name: principal.user.displayName }, action: 'token.revoked',
      subjectType: 'api_token', subjectId: id, summary: `用户“${principal.user.username}”吊销 API 令牌“${row.name}”`,
    }, now);
  });
  return ok(undefined);
}

/** The principal of a Bearer token, or null when unknown, revoked, expired or the owner is inactive. */
export async function resolveToken(ctx: ServiceContext, token: string): Promise<Principal | null> {
  if (!token.startsWith(tokenPrefix)) return null;
  const row = await findTokenWithUser(ctx.db, sha256Hex(token));
  if (!row) return null;
  const now = ctx.now();
  if (row.token.revokedAt || (row.token.expiresAt && row.token.expiresAt <= now) || !row.user.active) return null;
  if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() >= lastUsedIntervalMs) {
    await updateToken(ctx.db, row.token.id, { lastUsedAt: now });
  }
  return {
    via: 'token',
    tokenId: row.token.id,
    scopes: row.token.scopes,
    user: {
      id: row.user.id, username: row.user.username, displayName: row.user.displayName, roles: toRoles(row.user.roles),
      departmentId: row.user.departmentId, mustChangePassword: row.user.mustChangePassword,
    },
  };
}
