import {
  callbackPageSchema, callbackSchema, callbackSummaryQuerySchema, callbackSummarySchema, createCallbackBodySchema,
  listCallbacksQuerySchema,
} from '../../../contracts/callbacks.ts';
import { principalOf } from '../../http/authenticate.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { unwrap } from '../../http/failures.ts';
import { withProblems } from '../../http/schemas.ts';
import { callbacksPolicy } from './callbacks.policy.ts';
import { callbackSummaryFor, listCallbacksFor, recordCallback } from './callbacks.service.ts';

export function registerCallbacksRoutes(app: ZodApp, ctx: ServiceContext): void {
  app.get('/api/v1/callbacks', {
    schema: { tags: ['oversight'], summary: '回访记录', querystring: listCallbacksQuerySchema, response: withProblems({ 200: callbackPageSchema }) },
    config: { access: callbacksPolicy.read },
  }, async (request) => unwrap(await listCallbacksFor(ctx, request.query)));

  app.post('/api/v1/callbacks', {
    schema: { tags: ['oversight'], summary: '记录回访', body: createCallbackBodySchema, response: withProblems({ 201: callbackSchema }) },
    config: { access: callbacksPolicy.write },
  }, async (request, reply) => reply.code(201).send(unwrap(await recordCallback(ctx, principalOf(request), request.body))));

  app.get('/api/v1/callbacks/summary', {
    schema: { tags: ['oversight'], summary: '回访情况汇总（年度）', querystring: callbackSummaryQuerySchema, response: withProblems({ 200: callbackSummarySchema }) },
    config: { access: callbacksPolicy.read },
  }, async (request) => unwrap(await callbackSummaryFor(ctx, request.query.year)));
}
