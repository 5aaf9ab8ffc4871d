import type { z } from 'zod';
import { apiTokenListSchema, type apiTokenSchema, createdTokenSchema, type createTokenBodySchema } from '../../contracts/tokens.ts';
import { apiRequest } from './client.ts';

export type ApiToken = z.infer<typeof apiTokenSchema>;
export type CreatedToken = z.infer<typeof createdTokenSchema>;
export type CreateTokenBody = z.input<typeof createTokenBodySchema>;

export async function listTokens(): Promise<ApiToken[]> {
  const list = await apiRequest('GET', '/api/v1/tokens', { schema: apiTokenListSchema });
  return list.items;
}

export function createToken(body: CreateTokenBody): Promise<CreatedToken> {
  return apiRequest('POST', '/api/v1/tokens', { body, schema: createdTokenSchema });
}

export async function revokeToken(id: string): Promise<void> {
  await apiRequest('DELETE', `/api/v1/tokens/${encodeURIComponent(id)}`);
}
