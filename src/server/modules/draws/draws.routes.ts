import { drawRecordSchema } from '../../../contracts/draw.ts';
import {
  abandonDrawBodySchema, confirmDrawBodySchema, drawFormParamsSchema, drawParamsSchema, drawSchema, jointRecordFormSchema, myAssignmentsSchema,
  publicDrawParamsSchema, publicDrawRecordQuerySchema, publicTicketParamsSchema, publicTicketSchema, replacementBodySchema, seedBodySchema,
} from '../../../contracts/tasks.ts';
import { principalOf } from '../../http/authenticate.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { unwrap } from '../../http/failures.ts';
import { withProblems } from '../../http/schemas.ts';
import type { JobRunner } from '../../jobs/job-runner.ts';
import { sendXlsx } from '../items/xlsx-export.ts';
import { drawsPolicy } from './draws.policy.ts';
import { jointRecordXlsx } from './joint-record-xlsx.ts';
import { myAssignmentsFor } from './my-assignments.service.ts';
import {
  abandonDrawFor, confirmDrawFor, getDrawFor, jointRecordFormFor, publicDrawRecord, publicTicket, refuseDrawChangeFor, replaceOfficerFor, runDrawFor,
  setSeedFor,
} from './draws.service.ts';

/** Draws are never deleted or edited: DELETE and PATCH only refuse (409, audited), and the database refuses both. */
export function registerDrawsRoutes(app: ZodApp, ctx: ServiceContext, jobs: JobRunner): void {
  app.get('/api/v1/draws/:id', {
    schema: { tags: ['draws'], summary: '抽取详情：冻结输入、种子、结果、检查组（含姓名）、替换、派发确认', params: drawParamsSchema, response: withProblems({ 200: drawSchema }) },
    config: { access: drawsPolicy.read },
  }, async (request) => unwrap(await getDrawFor(ctx, request.params.id)));

  app.delete('/api/v1/draws/:id', {
    schema: { tags: ['draws'], summary: '删除抽取：始终拒绝（409），并记入审计日志——抽取记录不能删除', params: drawParamsSchema, response: withProblems({}) },
    config: { access: drawsPolicy.write },
  }, async (request) => unwrap(await refuseDrawChangeFor(ctx, principalOf(request), request.params.id, 'delete')));

  app.patch('/api/v1/draws/:id', {
    schema: { tags: ['draws'], summary: '修改抽取：始终拒绝（409），并记入审计日志——抽取记录不能修改', params: drawParamsSchema, response: withProblems({}) },
    config: { access: drawsPolicy.write },
  }, async (request) => unwrap(await refuseDrawChangeFor(ctx, principalOf(request), request.params.id, 'edit')));

  app.post('/api/v1/draws/:id/seed', {
    schema: {
      tags: ['draws'], summary: '产生随机种子（冻结之后；掷骰子 / 各部门提供数字 / 系统生成），至少 20 位，设定后不能更改',
      params: drawParamsSchema, body: seedBodySchema, response: withProblems({ 200: drawSchema }),
    },
    config: { access: drawsPolicy.write },
  }, async (request) => unwrap(await setSeedFor(ctx, principalOf(request), request.params.id, request.body)));

  app.post('/api/v1/draws/:id/run', {
    schema: {
      tags: ['draws'], summary: '执行抽取（须已产生种子，只能执行一次）：异步计算，返回 202，状态变为“已完成”或“抽取失败”',
      params: drawParamsSchema, response: withProblems({ 202: drawSchema }),
    },
    config: { access: drawsPolicy.write },
  }, async (request, reply) => reply.code(202).send(unwrap(await runDrawFor(ctx, jobs, principalOf(request), request.params.id))));

  app.post('/api/v1/draws/:id/abandon', {
    schema: { tags: ['draws'], summary: '作废抽取（仍公开并标注原因）；任务可修改后重新冻结，形成新的抽取编号', params: drawParamsSchema, body: abandonDrawBodySchema, response: withProblems({ 200: drawSchema }) },
    config: { access: drawsPolicy.write },
  }, async (request) => unwrap(await abandonDrawFor(ctx, principalOf(request), request.params.id, request.body.reason)));

  app.post('/api/v1/draws/:id/replacements', {
    schema: {
      tags: ['draws'], summary: '人员替换：不能参加的执法人员由标准顺序中的下一位符合条件者替换，记录并公开',
      params: drawParamsSchema, body: replacementBodySchema, response: withProblems({ 201: drawSchema }),
    },
    config: { access: drawsPolicy.write },
  }, async (request, reply) => reply.code(201).send(unwrap(await replaceOfficerFor(ctx, principalOf(request), request.params.id, request.body))));

  app.get('/api/v1/draws/:id/forms/:object', {
    schema: { tags: ['draws'], summary: '一企一表：检查对象、全部检查事项及检查要点、检查组（姓名、执法证号）', params: drawFormParamsSchema, response: withProblems({ 200: jointRecordFormSchema }) },
    config: { access: drawsPolicy.read },
  }, async (request) => unwrap(await jointRecordFormFor(ctx, request.params.id, request.params.object)));

  app.get('/api/v1/draws/:id/forms/:object/export.xlsx', {
    schema: {
      tags: ['draws'], summary: '一企一表导出（xlsx）：检查对象、全部检查要点（是/否/未检查/合理缺项）、检查组及执法证号、签名栏',
      params: drawFormParamsSchema, produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], response: withProblems({}),
    },
    config: { access: drawsPolicy.read },
  }, async (request, reply) => {
    const form = unwrap(await jointRecordFormFor(ctx, request.params.id, request.params.object));
    return sendXlsx(reply, `一企一表-${form.drawId}-${form.object.key}.xlsx`, await jointRecordXlsx(form));
  });

  app.get('/api/v1/me/assignments', {
    schema: { tags: ['draws'], summary: '我的检查任务：本人（执法人员）在已完成抽取中的检查组、组员及本部门派发确认情况', response: withProblems({ 200: myAssignmentsSchema }) },
    config: { access: drawsPolicy.read },
  }, async (request) => unwrap(await myAssignmentsFor(ctx, principalOf(request))));

  app.post('/api/v1/draws/:id/confirm', {
    schema: { tags: ['draws'], summary: '参与部门确认派发的名单（期限：抽取后 2 个工作日，可配置）', params: drawParamsSchema, body: confirmDrawBodySchema, response: withProblems({ 200: drawSchema }) },
    config: { access: drawsPolicy.write },
  }, async (request) => unwrap(await confirmDrawFor(ctx, principalOf(request), request.params.id, request.body.departmentId)));

  app.get('/api/v1/public/draws/:drawId', {
    schema: {
      tags: ['public'], summary: '抽取记录（suiji-draw-v1，可下载后用 suiji verify 核验；?download=1 作为附件下载）',
      params: publicDrawParamsSchema, querystring: publicDrawRecordQuerySchema, response: withProblems({ 200: drawRecordSchema }),
    },
    config: { access: drawsPolicy.public },
  }, async (request, reply) => {
    const record = unwrap(await publicDrawRecord(ctx, request.params.drawId));
    if (request.query.download) {
      const name = `${record.drawId}.record.json`;
      reply.header('content-disposition', `attachment; filename="draw-record.json"; filename*=UTF-8''${encodeURIComponent(name)}`);
    }
    return record;
  });

  app.get('/api/v1/public/draws/:drawId/tickets/:key', {
    schema: { tags: ['public'], summary: '查询某一对象在抽取中的签号、所在分层、分层截止签号及是否被抽中', params: publicTicketParamsSchema, response: withProblems({ 200: publicTicketSchema }) },
    config: { access: drawsPolicy.public },
  }, async (request) => unwrap(await publicTicket(ctx, request.params.drawId, request.params.key)));
}
