import { openDataAllRows, sendCsv } from '../../http/open-data-csv.ts';
import { publicTasksCsv } from './public-tasks-csv.ts';
import { idParamsSchema, pageOf } from '../../../contracts/common.ts';
import {
  createTaskBodySchema, drawSchema, listTasksQuerySchema, oneIndustryTemplateQuerySchema, oneIndustryTemplateSchema, publicListQuerySchema, publicTaskDetailSchema, publicTaskParamsSchema, publicTaskSchema,
  seedBodySchema, taskPageSchema, taskSchema, updateTaskBodySchema,
} from '../../../contracts/tasks.ts';
import { principalOf } from '../../http/authenticate.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { unwrap } from '../../http/failures.ts';
import { withProblems } from '../../http/schemas.ts';
import type { JobRunner } from '../../jobs/job-runner.ts';
import { runTaskDrawFor, setTaskSeedFor } from '../draws/draws.service.ts';
import { tasksPolicy } from './tasks.policy.ts';
import {
  createTaskFor, freezeTaskFor, getTaskFor, listTasksFor, oneIndustryTemplateFor, publicTaskDetail, publicTasks, updateTaskFor,
} from './tasks.service.ts';

export function registerTasksRoutes(app: ZodApp, ctx: ServiceContext, jobs: JobRunner): void {
  app.get('/api/v1/tasks', {
    schema: { tags: ['tasks'], summary: '抽查任务列表', querystring: listTasksQuerySchema, response: withProblems({ 200: taskPageSchema }) },
    config: { access: tasksPolicy.read },
  }, async (request) => unwrap(await listTasksFor(ctx, request.query)));

  app.post('/api/v1/tasks', {
    schema: { tags: ['tasks'], summary: '创建抽查任务（实施方案）：来自年度计划或临时任务', body: createTaskBodySchema, response: withProblems({ 201: taskSchema }) },
    config: { access: tasksPolicy.write },
  }, async (request, reply) => reply.code(201).send(unwrap(await createTaskFor(ctx, principalOf(request), request.body))));

  app.get('/api/v1/tasks/one-industry-template', {
    schema: {
      tags: ['tasks'], summary: '“一业一查”模板：某行业全部已认领、在用的抽查事项（按认领部门分组）及预填的联合抽查任务',
      querystring: oneIndustryTemplateQuerySchema, response: withProblems({ 200: oneIndustryTemplateSchema }),
    },
    config: { access: tasksPolicy.write },
  }, async (request) => unwrap(await oneIndustryTemplateFor(ctx, principalOf(request), request.query)));

  app.get('/api/v1/tasks/:id', {
    schema: { tags: ['tasks'], summary: '抽查任务详情（含各次抽取）', params: idParamsSchema, response: withProblems({ 200: taskSchema }) },
    config: { access: tasksPolicy.read },
  }, async (request) => unwrap(await getTaskFor(ctx, request.params.id)));

  app.patch('/api/v1/tasks/:id', {
    schema: { tags: ['tasks'], summary: '修改抽查任务（冻结后拒绝修改并记入审计日志）', params: idParamsSchema, body: updateTaskBodySchema, response: withProblems({ 200: taskSchema }) },
    config: { access: tasksPolicy.write },
  }, async (request) => unwrap(await updateTaskFor(ctx, principalOf(request), request.params.id, request.body)));

  app.post('/api/v1/tasks/:id/freeze', {
    schema: {
      tags: ['tasks'], summary: '冻结：按范围与排除规则确定候选名单和执法人员库，发布抽取公告（名单哈希、规则）',
      params: idParamsSchema, response: withProblems({ 201: drawSchema }),
    },
    config: { access: tasksPolicy.write },
  }, async (request, reply) => reply.code(201).send(unwrap(await freezeTaskFor(ctx, principalOf(request), request.params.id))));

  app.post('/api/v1/tasks/:id/seed', {
    schema: { tags: ['tasks'], summary: '为任务当前的抽取产生随机种子（冻结前拒绝）', params: idParamsSchema, body: seedBodySchema, response: withProblems({ 200: drawSchema }) },
    config: { access: tasksPolicy.write },
  }, async (request) => unwrap(await setTaskSeedFor(ctx, principalOf(request), request.params.id, request.body)));

  app.post('/api/v1/tasks/:id/draw', {
    schema: { tags: ['tasks'], summary: '执行任务当前的抽取（须已冻结并产生种子；异步，返回 202）', params: idParamsSchema, response: withProblems({ 202: drawSchema }) },
    config: { access: tasksPolicy.write },
  }, async (request, reply) => reply.code(202).send(unwrap(await runTaskDrawFor(ctx, jobs, principalOf(request), request.params.id))));

  app.get('/api/v1/public/tasks', {
    schema: { tags: ['public'], summary: '抽查任务公告：已冻结公布的任务（format=csv 下载全部 CSV）', querystring: publicListQuerySchema, response: withProblems({ 200: pageOf(publicTaskSchema) }) },
    config: { access: tasksPolicy.public },
  }, async (request, reply) => {
    const { format, ...query } = request.query;
    if (format === 'csv') {
      const all = unwrap(await publicTasks(ctx, { ...query, ...openDataAllRows }));
      return sendCsv(reply, '抽查任务公告.csv', publicTasksCsv(all.items));
    }
    return unwrap(await publicTasks(ctx, query));
  });

  app.get('/api/v1/public/tasks/:code', {
    schema: {
      tags: ['public'], summary: '抽查任务公告详情：实施方案与抽取公告（候选数、名单哈希、规则、排除数）',
      params: publicTaskParamsSchema, response: withProblems({ 200: publicTaskDetailSchema }),
    },
    config: { access: tasksPolicy.public },
  }, async (request) => unwrap(await publicTaskDetail(ctx, request.params.code)));
}
