import { z } from 'zod';

/** Scopes of API tokens for machine clients: read everything the owner may read, or also write. */
export const tokenScopes = ['read', 'write'] as const;
export const tokenScopeSchema = z.enum(tokenScopes);

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(tokenScopeSchema),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const createTokenBodySchema = z.object({
  name: z.string().min(1).max(64),
  scopes: z.array(tokenScopeSchema).min(1),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
}).strict();

/** The secret is returned once, at creation; send it as `Authorization: Bearer <token>`. */
export const createdTokenSchema = apiTokenSchema.extend({ token: z.string() });

/** GET /api/v1/tokens. */
export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) });
