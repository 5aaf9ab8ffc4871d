import { idParamsSchema } from '../../../contracts/common.ts';
import {
  guidelineSummaryPageSchema, guidelineVersionListSchema, guidelineVersionSchema, listGuidelinesQuerySchema, putGuidelineBodySchema,
} from '../../../contracts/guidelines.ts';
import { principalOf } from '../../http/authenticate.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { unwrap } from '../../http/failures.ts';
import { withProblems } from '../../http/schemas.ts';
import { guidelinesPolicy } from './guidelines.policy.ts';
import {
  getCurrentGuideline, getGuidelineVersion, listGuidelinesFor, listGuidelineVersionsOf, putGuidelineFor,
} from './guidelines.service.ts';

export function registerGuidelinesRoutes(app: ZodApp, ctx: ServiceContext): void {
  app.get('/api/v1/guidelines', {
    schema: {
      tags: ['guidelines'], summary: '各抽查事项的工作指引概况', querystring: listGuidelinesQuerySchema,
      response: withProblems({ 200: guidelineSummaryPageSchema }),
    },
    config: { access: guidelinesPolicy.read },
  }, async (request) => unwrap(await listGuidelinesFor(ctx, request.query)));

  app.get('/api/v1/guidelines/:id', {
    schema: {
      tags: ['guidelines'], summary: '按版本编号读取工作指引（检查记录引用的版本）', params: idParamsSchema,
      response: withProblems({ 200: guidelineVersionSchema }),
    },
    config: { access: guidelinesPolicy.read },
  }, async (request) => unwrap(await getGuidelineVersion(ctx, request.params.id)));

  app.get('/api/v1/items/:id/guideline', {
    schema: { tags: ['guidelines'], summary: '抽查事项的现行工作指引', params: idParamsSchema, response: withProblems({ 200: guidelineVersionSchema }) },
    config: { access: guidelinesPolicy.read },
  }, async (request) => unwrap(await getCurrentGuideline(ctx, request.params.id)));

  app.get('/api/v1/items/:id/guideline/versions', {
    schema: {
      tags: ['guidelines'], summary: '抽查事项工作指引的全部版本（新版本在前）', params: idParamsSchema,
      response: withProblems({ 200: guidelineVersionListSchema }),
    },
    config: { access: guidelinesPolicy.read },
  }, async (request) => unwrap(await listGuidelineVersionsOf(ctx, request.params.id)));

  app.put('/api/v1/items/:id/guideline', {
    schema: {
      tags: ['guidelines'], summary: '保存工作指引为新版本（内容未变时不生成新版本）', params: idParamsSchema, body: putGuidelineBodySchema,
      response: withProblems({ 200: guidelineVersionSchema, 201: guidelineVersionSchema }),
    },
    config: { access: guidelinesPolicy.write },
  }, async (request, reply) => {
    const { created, version } = unwrap(await putGuidelineFor(ctx, principalOf(request), request.params.id, request.body));
    return reply.code(created ? 201 : 200).send(version);
  });
}
