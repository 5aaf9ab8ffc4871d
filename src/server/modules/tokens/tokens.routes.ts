import { z } from 'zod';
import { idParamsSchema } from '../../../contracts/common.ts';
import { apiTokenListSchema, createTokenBodySchema, createdTokenSchema } from '../../../contracts/tokens.ts';
import { principalOf } from '../../http/authenticate.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { unwrap } from '../../http/failures.ts';
import { withProblems } from '../../http/schemas.ts';
import { tokensPolicy } from './tokens.policy.ts';
import { createOwnToken, listOwnTokens, revokeOwnToken } from './tokens.service.ts';

export function registerTokensRoutes(app: ZodApp, ctx: ServiceContext): void {
  app.get('/api/v1/tokens', {
    schema: { tags: ['tokens'], summary: '本人的 API 令牌', response: withProblems({ 200: apiTokenListSchema }) },
    config: { access: tokensPolicy.list },
  }, async (request) => ({ items: unwrap(await listOwnTokens(ctx, principalOf(request))) }));

  app.post('/api/v1/tokens', {
    schema: { tags: ['tokens'], summary: '创建 API 令牌（令牌只显示这一次）', body: createTokenBodySchema, response: withProblems({ 201: createdTokenSchema }) },
    config: { access: tokensPolicy.create },
  }, async (request, reply) => reply.code(201).send(unwrap(await createOwnToken(ctx, principalOf(request), request.body))));

  app.delete('/api/v1/tokens/:id', {
    schema: { tags: ['tokens'], summary: '吊销 API 令牌', params: idParamsSchema, response: withProblems({ 204: z.undefined() }) },
    config: { access: tokensPolicy.revoke },
  }, async (request, reply) => {
    unwrap(await revokeOwnToken(ctx, principalOf(request), request.params.id));
    return reply.code(204).send();
  });
}
