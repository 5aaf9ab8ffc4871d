import { openDataAllRows, sendCsv } from '../../http/open-data-csv.ts';
import { publicItemsCsv } from './public-items-csv.ts';
import { idParamsSchema } from '../../../contracts/common.ts';
import {
  claimItemBodySchema, createItemBodySchema, exportItemsQuerySchema, itemDetailSchema, itemDiffQuerySchema, itemDiffSchema,
  itemPageSchema, itemSchema, itemVersionListSchema, listItemsQuerySchema, listPublicItemsQuerySchema, publicItemPageSchema,
  retireItemBodySchema, updateItemBodySchema,
} from '../../../contracts/items.ts';
import { principalOf } from '../../http/authenticate.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { unwrap } from '../../http/failures.ts';
import { withProblems } from '../../http/schemas.ts';
import { itemsPolicy } from './items.policy.ts';
import {
  claimItemFor, createItemFor, diffVersionsOf, exportItems, getItemDetail, listItemsFor, listPublicItems, listVersionsOf,
  retireItemFor, updateItemFor,
} from './items.service.ts';
import { chinaDate, sendXlsx } from './xlsx-export.ts';

export function registerItemsRoutes(app: ZodApp, ctx: ServiceContext): void {
  app.get('/api/v1/items', {
    schema: { tags: ['items'], summary: '抽查事项清单（筛选、分页）', querystring: listItemsQuerySchema, response: withProblems({ 200: itemPageSchema }) },
    config: { access: itemsPolicy.read },
  }, async (request) => unwrap(await listItemsFor(ctx, request.query)));

  app.get('/api/v1/items/export.xlsx', {
    schema: {
      tags: ['items'], summary: '导出抽查事项清单（xlsx，按当前筛选条件）', querystring: exportItemsQuerySchema,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], response: withProblems({}),
    },
    config: { access: itemsPolicy.read },
  }, async (request, reply) => sendXlsx(reply, `随机抽查事项清单-${chinaDate(ctx.now())}.xlsx`, await exportItems(ctx, request.query)));

  app.post('/api/v1/items', {
    schema: { tags: ['items'], summary: '新建抽查事项（第 1 版）', body: createItemBodySchema, response: withProblems({ 201: itemSchema }) },
    config: { access: itemsPolicy.write },
  }, async (request, reply) => reply.code(201).send(unwrap(await createItemFor(ctx, principalOf(request), request.body))));

  app.get('/api/v1/items/:id', {
    schema: { tags: ['items'], summary: '抽查事项详情及版本历史', params: idParamsSchema, response: withProblems({ 200: itemDetailSchema }) },
    config: { access: itemsPolicy.read },
  }, async (request) => unwrap(await getItemDetail(ctx, request.params.id)));

  app.patch('/api/v1/items/:id', {
    schema: { tags: ['items'], summary: '修改抽查事项（生成新版本，须填写理由）', params: idParamsSchema, body: updateItemBodySchema, response: withProblems({ 200: itemSchema }) },
    config: { access: itemsPolicy.write },
  }, async (request) => unwrap(await updateItemFor(ctx, principalOf(request), request.params.id, request.body)));

  app.get('/api/v1/items/:id/versions', {
    schema: { tags: ['items'], summary: '抽查事项的全部版本（新版本在前）', params: idParamsSchema, response: withProblems({ 200: itemVersionListSchema }) },
    config: { access: itemsPolicy.read },
  }, async (request) => unwrap(await listVersionsOf(ctx, request.params.id)));

  app.get('/api/v1/items/:id/diff', {
    schema: {
      tags: ['items'], summary: '比较抽查事项的两个版本：字段 → [修改前, 修改后]', params: idParamsSchema, querystring: itemDiffQuerySchema,
      response: withProblems({ 200: itemDiffSchema }),
    },
    config: { access: itemsPolicy.read },
  }, async (request) => unwrap(await diffVersionsOf(ctx, request.params.id, request.query.from, request.query.to)));

  app.post('/api/v1/items/:id/claim', {
    schema: { tags: ['items'], summary: '认领抽查事项（按机构的监管层级）', params: idParamsSchema, body: claimItemBodySchema, response: withProblems({ 200: itemSchema }) },
    config: { access: itemsPolicy.write },
  }, async (request) => unwrap(await claimItemFor(ctx, principalOf(request), request.params.id, request.body)));

  app.post('/api/v1/items/:id/retire', {
    schema: { tags: ['items'], summary: '退役抽查事项（须填写理由）', params: idParamsSchema, body: retireItemBodySchema, response: withProblems({ 200: itemSchema }) },
    config: { access: itemsPolicy.write },
  }, async (request) => unwrap(await retireItemFor(ctx, principalOf(request), request.params.id, request.body.reason)));

  app.get('/api/v1/public/items', {
    schema: {
      tags: ['public'], summary: '公开的随机抽查事项清单（无需登录；format=csv 下载全部 CSV）', querystring: listPublicItemsQuerySchema,
      response: withProblems({ 200: publicItemPageSchema }),
    },
    config: { access: itemsPolicy.publicList },
  }, async (request, reply) => {
    const { format, ...query } = request.query;
    if (format === 'csv') {
      const all = unwrap(await listPublicItems(ctx, { ...query, ...openDataAllRows }));
      return sendCsv(reply, '随机抽查事项清单.csv', publicItemsCsv(all.items));
    }
    return unwrap(await listPublicItems(ctx, query));
  });
}
