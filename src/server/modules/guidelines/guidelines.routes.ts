import { idParamsSchema } from '../../../contracts/common.ts';
import {
  exportGuidelinesQuerySchema, guidelineSummaryPageSchema, guidelineVersionListSchema, guidelineVersionSchema, listGuidelinesQuerySchema,
  putGuidelineBodySchema,
} from '../../../contracts/guidelines.ts';
import { principalOf } from '../../http/authenticate.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { unwrap } from '../../http/failures.ts';
import { withProblems } from '../../http/schemas.ts';
import { chinaDate, sendXlsx } from '../items/xlsx-export.ts';
import { exportGuidelines } from './guidelines-export.ts';
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

  app.get('/api/v1/guidelines/export.xlsx', {
    schema: {
      tags: ['guidelines'], summary: '导出抽查工作指引（xlsx，按当前筛选条件；格式同工作指引导入模板，每行一个检查要点）',
      querystring: exportGuidelinesQuerySchema,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], response: withProblems({}),
    },
    config: { access: guidelinesPolicy.read },
  }, async (request, reply) => sendXlsx(reply, `抽查工作指引-${chinaDate(ctx.now())}.xlsx`, await exportGuidelines(ctx, request.query)));

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
