import {
  followUpCloseBodySchema, followUpDetailSchema, followUpListQuerySchema, followUpListSchema, followUpMeasureBodySchema, followUpParamsSchema,
  followUpProgressBodySchema, followUpTransferBodySchema,
} from '../../../contracts/followups.ts';
import { principalOf } from '../../http/authenticate.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { unwrap } from '../../http/failures.ts';
import { withProblems } from '../../http/schemas.ts';
import { followUpsPolicy } from './followups.policy.ts';
import {
  addMeasureFor, closeFor, getFollowUpFor, listFollowUpsFor, recordProgressFor, setMeasureFor, transferFor,
} from './followups.service.ts';

export function registerFollowUpsRoutes(app: ZodApp, ctx: ServiceContext): void {
  app.get('/api/v1/followups', {
    schema: {
      tags: ['followups'],
      summary: '后续处置清单：本部门负责及移送本部门的记录（监督、领导可看全部）；按状态、是否逾期、部门、年度筛选；含逾期未完结数',
      querystring: followUpListQuerySchema, response: withProblems({ 200: followUpListSchema }),
    },
    config: { access: followUpsPolicy.read },
  }, async (request) => unwrap(await listFollowUpsFor(ctx, principalOf(request), request.query)));

  app.get('/api/v1/followups/:id', {
    schema: {
      tags: ['followups'], summary: '后续处置详情：措施、移送、进展与完结记录，同一检查结果的全部措施及是否已闭环',
      params: followUpParamsSchema, response: withProblems({ 200: followUpDetailSchema }),
    },
    config: { access: followUpsPolicy.read },
  }, async (request) => unwrap(await getFollowUpFor(ctx, principalOf(request), request.params.id)));

  app.post('/api/v1/followups/:id/measure', {
    schema: {
      tags: ['followups'], summary: '确定处置措施（责令改正须填写改正期限）；已开始执行的措施不能更改',
      params: followUpParamsSchema, body: followUpMeasureBodySchema, response: withProblems({ 200: followUpDetailSchema }),
    },
    config: { access: followUpsPolicy.write },
  }, async (request) => unwrap(await setMeasureFor(ctx, principalOf(request), request.params.id, request.body)));

  app.post('/api/v1/followups/:id/progress', {
    schema: {
      tags: ['followups'], summary: '登记处置进展（负责部门或接收移送的部门）',
      params: followUpParamsSchema, body: followUpProgressBodySchema, response: withProblems({ 200: followUpDetailSchema }),
    },
    config: { access: followUpsPolicy.write },
  }, async (request) => unwrap(await recordProgressFor(ctx, principalOf(request), request.params.id, request.body)));

  app.post('/api/v1/followups/:id/transfer', {
    schema: {
      tags: ['followups'], summary: '移送或抄告：平台内部门，或外部机关（须填写接收机关、文书编号及日期）',
      params: followUpParamsSchema, body: followUpTransferBodySchema, response: withProblems({ 200: followUpDetailSchema }),
    },
    config: { access: followUpsPolicy.write },
  }, async (request) => unwrap(await transferFor(ctx, principalOf(request), request.params.id, request.body)));

  app.post('/api/v1/followups/:id/close', {
    schema: {
      tags: ['followups'], summary: '完结：填写完结日期和处置结果；移送、抄告须先登记移送对象；完结后不能再修改',
      params: followUpParamsSchema, body: followUpCloseBodySchema, response: withProblems({ 200: followUpDetailSchema }),
    },
    config: { access: followUpsPolicy.write },
  }, async (request) => unwrap(await closeFor(ctx, principalOf(request), request.params.id, request.body)));

  app.post('/api/v1/followups/:id/measures', {
    schema: {
      tags: ['followups'], summary: '为同一检查结果新增一项处置措施；全部措施完结后该结果才算闭环',
      params: followUpParamsSchema, body: followUpMeasureBodySchema, response: withProblems({ 201: followUpDetailSchema }),
    },
    config: { access: followUpsPolicy.write },
  }, async (request, reply) => reply.code(201).send(unwrap(await addMeasureFor(ctx, principalOf(request), request.params.id, request.body))));
}
