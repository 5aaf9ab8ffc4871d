import { idParamsSchema } from '../../../contracts/common.ts';
import {
  conflictParamsSchema, createConflictBodySchema, createOfficerBodySchema, endConflictBodySchema, exportOfficersQuerySchema,
  listOfficersQuerySchema, officerConflictListSchema, officerConflictSchema, officerPageSchema, officerSchema, updateOfficerBodySchema,
} from '../../../contracts/officers.ts';
import { principalOf } from '../../http/authenticate.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { unwrap } from '../../http/failures.ts';
import { withProblems } from '../../http/schemas.ts';
import { chinaDate, sendXlsx } from '../items/xlsx-export.ts';
import { officersPolicy } from './officers.policy.ts';
import {
  createConflictFor, createOfficerFor, endConflictFor, exportOfficersFor, getOfficerFor, listConflictsFor, listOfficersFor,
  updateOfficerFor,
} from './officers.service.ts';

export function registerOfficersRoutes(app: ZodApp, ctx: ServiceContext): void {
  app.get('/api/v1/officers', {
    schema: {
      tags: ['officers'], summary: '执法检查人员名录（按权限范围；eligibleOn 只列当日可抽取的人员）', querystring: listOfficersQuerySchema,
      response: withProblems({ 200: officerPageSchema }),
    },
    config: { access: officersPolicy.read },
  }, async (request) => unwrap(await listOfficersFor(ctx, principalOf(request), request.query)));

  app.get('/api/v1/officers/export.xlsx', {
    schema: {
      tags: ['officers'], summary: '导出执法检查人员名录（xlsx，按当前筛选条件）', querystring: exportOfficersQuerySchema,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], response: withProblems({}),
    },
    config: { access: officersPolicy.export },
  }, async (request, reply) => {
    const body = unwrap(await exportOfficersFor(ctx, principalOf(request), request.query));
    return sendXlsx(reply, `执法检查人员名录-${chinaDate(ctx.now())}.xlsx`, body);
  });

  app.post('/api/v1/officers', {
    schema: { tags: ['officers'], summary: '登记执法人员或专家', body: createOfficerBodySchema, response: withProblems({ 201: officerSchema }) },
    config: { access: officersPolicy.write },
  }, async (request, reply) => reply.code(201).send(unwrap(await createOfficerFor(ctx, principalOf(request), request.body))));

  app.get('/api/v1/officers/:id', {
    schema: { tags: ['officers'], summary: '执法人员详情（含当日是否可抽取及原因）', params: idParamsSchema, response: withProblems({ 200: officerSchema }) },
    config: { access: officersPolicy.read },
  }, async (request) => unwrap(await getOfficerFor(ctx, principalOf(request), request.params.id)));

  app.patch('/api/v1/officers/:id', {
    schema: { tags: ['officers'], summary: '修改执法人员', params: idParamsSchema, body: updateOfficerBodySchema, response: withProblems({ 200: officerSchema }) },
    config: { access: officersPolicy.write },
  }, async (request) => unwrap(await updateOfficerFor(ctx, principalOf(request), request.params.id, request.body)));

  app.get('/api/v1/officers/:id/conflicts', {
    schema: { tags: ['officers'], summary: '执法人员的回避登记', params: idParamsSchema, response: withProblems({ 200: officerConflictListSchema }) },
    config: { access: officersPolicy.read },
  }, async (request) => unwrap(await listConflictsFor(ctx, principalOf(request), request.params.id)));

  app.post('/api/v1/officers/:id/conflicts', {
    schema: {
      tags: ['officers'], summary: '登记回避（利害关系）', params: idParamsSchema, body: createConflictBodySchema,
      response: withProblems({ 201: officerConflictSchema }),
    },
    config: { access: officersPolicy.write },
  }, async (request, reply) => reply.code(201).send(unwrap(await createConflictFor(ctx, principalOf(request), request.params.id, request.body))));

  app.post('/api/v1/officers/:id/conflicts/:conflictId/end', {
    schema: {
      tags: ['officers'], summary: '结束回避（默认截至今日）', params: conflictParamsSchema, body: endConflictBodySchema,
      response: withProblems({ 200: officerConflictSchema }),
    },
    config: { access: officersPolicy.write },
  }, async (request) => unwrap(await endConflictFor(ctx, principalOf(request), request.params.id, request.params.conflictId, request.body.validTo)));
}
