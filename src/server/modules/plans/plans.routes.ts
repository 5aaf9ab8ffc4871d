import { sendCsv } from '../../http/open-data-csv.ts';
import { publicPlansCsv } from './public-plans-csv.ts';
import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { idParamsSchema } from '../../../contracts/common.ts';
import {
  createPlanBodySchema, listPlansQuerySchema, planCoverageSchema, planDiffQuerySchema, planDiffSchema, planListSchema, planSchema,
  plansOverviewQuerySchema, plansOverviewSchema, planVersionParamsSchema, planVersionSchema, publicPlanListSchema, revisePlanBodySchema,
  updatePlanBodySchema,
} from '../../../contracts/plans.ts';
import { publicListQuerySchema } from '../../../contracts/tasks.ts';
import { publicAccess } from '../../http/access.ts';
import { principalOf } from '../../http/authenticate.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { unwrap } from '../../http/failures.ts';
import { withProblems } from '../../http/schemas.ts';
import { plansPolicy } from './plans.policy.ts';
import {
  createPlanFor, diffPlanFor, exportPlanFor, getPlanFor, getPlanVersionFor, listPlansFor, planCoverageFor, plansOverviewFor, publicPlans,
  revisePlanFor, transitionPlanFor, updatePlanFor, type PlanTransition,
} from './plans.service.ts';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerPlansRoutes(app: ZodApp, ctx: ServiceContext): void {
  app.get('/api/v1/plans', {
    schema: { tags: ['plans'], summary: '年度抽查计划列表（按年度、部门）', querystring: listPlansQuerySchema, response: withProblems({ 200: planListSchema }) },
    config: { access: plansPolicy.read },
  }, async (request) => unwrap(await listPlansFor(ctx, request.query)));

  app.get('/api/v1/plans/overview', {
    schema: {
      tags: ['plans'], summary: '全局年度计划汇总：各部门计划状态、覆盖率（对照目标比例）与公开期限',
      querystring: plansOverviewQuerySchema, response: withProblems({ 200: plansOverviewSchema }),
    },
    config: { access: plansPolicy.read },
  }, async (request) => unwrap(await plansOverviewFor(ctx, request.query.year)));

  app.post('/api/v1/plans', {
    schema: { tags: ['plans'], summary: '编制年度抽查计划（每个部门每年一份）', body: createPlanBodySchema, response: withProblems({ 201: planSchema }) },
    config: { access: plansPolicy.write },
  }, async (request, reply) => reply.code(201).send(unwrap(await createPlanFor(ctx, principalOf(request), request.body))));

  app.get('/api/v1/plans/:id', {
    schema: { tags: ['plans'], summary: '年度抽查计划详情（当前版本与全部版本）', params: idParamsSchema, response: withProblems({ 200: planSchema }) },
    config: { access: plansPolicy.read },
  }, async (request) => unwrap(await getPlanFor(ctx, request.params.id)));

  app.patch('/api/v1/plans/:id', {
    schema: { tags: ['plans'], summary: '修改编制中的计划版本（已公开的版本不能修改）', params: idParamsSchema, body: updatePlanBodySchema, response: withProblems({ 200: planSchema }) },
    config: { access: plansPolicy.write },
  }, async (request) => unwrap(await updatePlanFor(ctx, principalOf(request), request.params.id, request.body)));

  const transitions: { name: PlanTransition; summary: string }[] = [
    { name: 'submit', summary: '报审（编制中 → 已报审）' },
    { name: 'approve', summary: '领导批准（已报审 → 已批准）' },
    { name: 'publish', summary: '公开（已批准 → 已公开；上一公开版本标记为已被调整替代）' },
  ];
  for (const t of transitions) {
    app.post(`/api/v1/plans/:id/${t.name}`, {
      schema: { tags: ['plans'], summary: t.summary, params: idParamsSchema, response: withProblems({ 200: planSchema }) },
      config: { access: t.name === 'approve' ? plansPolicy.approve : plansPolicy.write },
    }, async (request) => unwrap(await transitionPlanFor(ctx, principalOf(request), request.params.id, t.name)));
  }

  app.post('/api/v1/plans/:id/revisions', {
    schema: {
      tags: ['plans'], summary: '计划调整：以已公开版本为基础形成新版本（须说明原因，重新审批、公开）',
      params: idParamsSchema, body: revisePlanBodySchema, response: withProblems({ 201: planSchema }),
    },
    config: { access: plansPolicy.write },
  }, async (request, reply) => reply.code(201).send(unwrap(await revisePlanFor(ctx, principalOf(request), request.params.id, request.body.reason))));

  app.get('/api/v1/plans/:id/versions/:version', {
    schema: { tags: ['plans'], summary: '计划的某一版本（每个版本都可查阅）', params: planVersionParamsSchema, response: withProblems({ 200: planVersionSchema }) },
    config: { access: plansPolicy.read },
  }, async (request) => unwrap(await getPlanVersionFor(ctx, request.params.id, request.params.version)));

  app.get('/api/v1/plans/:id/diff', {
    schema: { tags: ['plans'], summary: '两个计划版本的差异', params: idParamsSchema, querystring: planDiffQuerySchema, response: withProblems({ 200: planDiffSchema }) },
    config: { access: plansPolicy.read },
  }, async (request) => unwrap(await diffPlanFor(ctx, request.params.id, request.query.from, request.query.to)));

  app.get('/api/v1/plans/:id/coverage', {
    schema: { tags: ['plans'], summary: '计划覆盖率：计划抽查户数 / 范围内名录户数，对照目标比例（默认 3%）', params: idParamsSchema, response: withProblems({ 200: planCoverageSchema }) },
    config: { access: plansPolicy.read },
  }, async (request) => unwrap(await planCoverageFor(ctx, request.params.id)));

  app.get('/api/v1/plans/:id/export.xlsx', {
    schema: { tags: ['plans'], summary: '导出年度抽查计划（xlsx）', params: idParamsSchema, response: withProblems({ 200: z.any().describe('xlsx 文件') }) },
    config: { access: plansPolicy.read },
  }, async (request, reply) => {
    const result = unwrap(await exportPlanFor(ctx, principalOf(request), request.params.id));
    const stream = createReadStream(result.file);
    stream.once('close', () => { void result.cleanup(); });
    return reply
      .type(xlsxType)
      .header('content-disposition', `attachment; filename="plan.xlsx"; filename*=UTF-8''${encodeURIComponent(result.fileName)}`)
      .send(stream);
  });

  app.get('/api/v1/public/plans', {
    schema: { tags: ['public'], summary: '抽查计划公告：已公开的年度计划（含已被调整替代的历史版本；format=csv 每个计划任务一行）', querystring: publicListQuerySchema.pick({ year: true, format: true }).strict(), response: withProblems({ 200: publicPlanListSchema }) },
    config: { access: publicAccess },
  }, async (request, reply) => {
    const plans = unwrap(await publicPlans(ctx, request.query.year));
    if (request.query.format === 'csv') return sendCsv(reply, '抽查计划公告.csv', publicPlansCsv(plans.items));
    return plans;
  });
}
