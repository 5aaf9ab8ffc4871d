import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { idParamsSchema } from '../../../contracts/common.ts';
import {
  bulkTagsBodySchema, bulkTagsResultSchema, claimEntitiesBodySchema, claimResultSchema, entityDetailSchema,
  entityFacetsSchema, entityPageSchema, exportEntitiesQuerySchema, listEntitiesQuerySchema, updateEntityBodySchema,
} from '../../../contracts/entities.ts';
import { principalOf } from '../../http/authenticate.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { unwrap } from '../../http/failures.ts';
import { withProblems } from '../../http/schemas.ts';
import { entitiesPolicy } from './entities.policy.ts';
import {
  bulkTagsFor, claimEntitiesFor, entityFacetsFor, exportEntitiesFor, getEntityDetail, listEntitiesFor, updateEntityFor,
} from './entities.service.ts';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerEntitiesRoutes(app: ZodApp, ctx: ServiceContext): void {
  app.get('/api/v1/entities', {
    schema: {
      tags: ['entities'], summary: '检查对象名录（筛选、分页、排序）',
      description: 'q 为名称前缀，或精确的统一社会信用代码/标识/注册号。最多翻阅前 10000 条；预计超过 50000 条时 total 为估算值（totalExact=false）。',
      querystring: listEntitiesQuerySchema, response: withProblems({ 200: entityPageSchema }),
    },
    config: { access: entitiesPolicy.read },
  }, async (request) => unwrap(await listEntitiesFor(ctx, request.query)));

  app.get('/api/v1/entities/facets', {
    schema: { tags: ['entities'], summary: '名录中已有的行业类别、重点领域、标签与对象类型（筛选项）', response: withProblems({ 200: entityFacetsSchema }) },
    config: { access: entitiesPolicy.read },
  }, async () => unwrap(await entityFacetsFor(ctx)));

  app.get('/api/v1/entities/export.xlsx', {
    schema: {
      tags: ['entities'], summary: '按当前筛选条件导出检查对象名录（xlsx）', querystring: exportEntitiesQuerySchema,
      response: withProblems({ 200: z.any().describe('xlsx 文件') }),
    },
    config: { access: entitiesPolicy.read },
  }, async (request, reply) => {
    const result = unwrap(await exportEntitiesFor(ctx, principalOf(request), request.query));
    const stream = createReadStream(result.file);
    stream.once('close', () => { void result.cleanup(); });
    const fileName = `检查对象名录-${ctx.now().toISOString().slice(0, 10)}.xlsx`;
    return reply
      .type(xlsxType)
      .header('content-disposition', `attachment; filename="entities.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .header('x-total-rows', String(result.rows))
      .send(stream);
  });

  app.post('/api/v1/entities/bulk-tags', {
    schema: {
      tags: ['entities'], summary: '批量添加/移除标签或重点领域（选中的对象，或符合筛选条件的全部对象）',
      body: bulkTagsBodySchema, response: withProblems({ 200: bulkTagsResultSchema }),
    },
    config: { access: entitiesPolicy.write },
  }, async (request) => unwrap(await bulkTagsFor(ctx, principalOf(request), request.body)));

  app.post('/api/v1/entities/claim', {
    schema: { tags: ['entities'], summary: '认领检查对象（新登记、尚未认领的主体）', body: claimEntitiesBodySchema, response: withProblems({ 200: claimResultSchema }) },
    config: { access: entitiesPolicy.write },
  }, async (request) => unwrap(await claimEntitiesFor(ctx, principalOf(request), request.body)));

  app.get('/api/v1/entities/:id', {
    schema: { tags: ['entities'], summary: '检查对象详情（风险分类历史、所属主体、回避关系）', params: idParamsSchema, response: withProblems({ 200: entityDetailSchema }) },
    config: { access: entitiesPolicy.read },
  }, async (request) => unwrap(await getEntityDetail(ctx, request.params.id)));

  app.patch('/api/v1/entities/:id', {
    schema: { tags: ['entities'], summary: '修改检查对象', params: idParamsSchema, body: updateEntityBodySchema, response: withProblems({ 200: entityDetailSchema }) },
    config: { access: entitiesPolicy.write },
  }, async (request) => unwrap(await updateEntityFor(ctx, principalOf(request), request.params.id, request.body)));
}
