import {
  anomalyFlagSchema, anomalyListSchema, anomalyReviewBodySchema, anomalyReviewParamsSchema, reportQuerySchema, statsIndicatorsSchema,
  statsReportSchema, statsYearQuerySchema,
} from '../../../contracts/oversight.ts';
import { principalOf } from '../../http/authenticate.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { unwrap } from '../../http/failures.ts';
import { withProblems } from '../../http/schemas.ts';
import { sendXlsx, xlsxContentType } from '../items/xlsx-export.ts';
import { oversightPolicy } from './oversight.policy.ts';
import { anomaliesFor, assessmentXlsxFor, indicatorsFor, reportFor, reportXlsxFor, reviewAnomalyFor } from './oversight.service.ts';

export function registerOversightRoutes(app: ZodApp, ctx: ServiceContext): void {
  app.get('/api/v1/stats/indicators', {
    schema: { tags: ['oversight'], summary: '督导考核指标（年度，分部门及全局）', querystring: statsYearQuerySchema, response: withProblems({ 200: statsIndicatorsSchema }) },
    config: { access: oversightPolicy.read },
  }, async (request) => unwrap(await indicatorsFor(ctx, principalOf(request), request.query.year)));

  app.get('/api/v1/stats/anomalies', {
    schema: { tags: ['oversight'], summary: '异常提示（年度）', querystring: statsYearQuerySchema, response: withProblems({ 200: anomalyListSchema }) },
    config: { access: oversightPolicy.read },
  }, async (request) => unwrap(await anomaliesFor(ctx, principalOf(request), request.query.year)));

  app.post('/api/v1/stats/anomalies/:id/review', {
    schema: {
      tags: ['oversight'], summary: '标记异常提示已核查（附核查说明）', params: anomalyReviewParamsSchema, body: anomalyReviewBodySchema,
      response: withProblems({ 200: anomalyFlagSchema }),
    },
    config: { access: oversightPolicy.review },
  }, async (request) => unwrap(await reviewAnomalyFor(ctx, principalOf(request), request.params.id, request.body)));

  app.get('/api/v1/stats/report', {
    schema: { tags: ['oversight'], summary: '信息报送：统计期数据（供上级系统调用）', querystring: reportQuerySchema, response: withProblems({ 200: statsReportSchema }) },
    config: { access: oversightPolicy.report },
  }, async (request) => unwrap(await reportFor(ctx, request.query.period)));

  app.get('/api/v1/stats/report.xlsx', {
    schema: { tags: ['oversight'], summary: '信息报送统计表（xlsx）', querystring: reportQuerySchema, produces: [xlsxContentType], response: withProblems({}) },
    config: { access: oversightPolicy.report },
  }, async (request, reply) => {
    const file = unwrap(await reportXlsxFor(ctx, principalOf(request), request.query.period));
    return sendXlsx(reply, file.fileName, file.body);
  });

  app.get('/api/v1/stats/assessment.xlsx', {
    schema: { tags: ['oversight'], summary: '年度考核表（xlsx，分部门）', querystring: statsYearQuerySchema, produces: [xlsxContentType], response: withProblems({}) },
    config: { access: oversightPolicy.report },
  }, async (request, reply) => {
    const file = unwrap(await assessmentXlsxFor(ctx, principalOf(request), request.query.year));
    return sendXlsx(reply, file.fileName, file.body);
  });
}
