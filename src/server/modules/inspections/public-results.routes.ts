import type { FastifyReply } from 'fastify';
import {
  publicEntityParamsSchema, publicEntityQuerySchema, publicEntityResultsSchema, publicResultFields, publicResultsPageSchema, publicResultsQuerySchema,
} from '../../../contracts/inspections.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { unwrap } from '../../http/failures.ts';
import { sendCsv } from '../../http/open-data-csv.ts';
import { withProblems } from '../../http/schemas.ts';
import { inspectionsPolicy } from './inspections.policy.ts';
import { publicResultsCacheLimits } from './public-results.cache.ts';
import { publicResultsCsv } from './public-results.presenter.ts';
import { publicEntityResults, searchPublicResults } from './public-results.service.ts';

/** The public portal's open data: generous for people, a brake on scrapers. */
const publicRateLimit = { max: 120, timeWindow: 60_000 };

/** Sends JSON that is already serialised (the untyped reply: the typed one only takes the schema's shape). */
function sendJsonBytes(reply: FastifyReply, json: Buffer): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}

/** Published results on the portal (no login): search, and the page of one object. */
export function registerPublicResultsRoutes(app: ZodApp, ctx: ServiceContext): void {
  app.get('/api/v1/public/results', {
    schema: {
      tags: ['public'],
      summary: '检查结果公示查询：按企业名称（部分）或统一社会信用代码查询已公示的检查结果；format=csv 下载 CSV（UTF-8），默认 JSON',
      description: `每条结果的字段：${publicResultFields.join('、')}。不含执法人员姓名及被检查对象代表等个人信息。每个 IP 每分钟最多 ${publicRateLimit.max} 次。`,
      querystring: publicResultsQuerySchema, response: withProblems({ 200: publicResultsPageSchema }),
    },
    config: { access: inspectionsPolicy.public, rateLimit: publicRateLimit },
  }, async (request, reply) => {
    const page = unwrap(await searchPublicResults(ctx, request.query));
    if (request.query.format === 'csv') return sendCsv(reply, `检查结果-${request.query.q}.csv`, publicResultsCsv(page.items));
    return page;
  });

  app.get('/api/v1/public/results/:key', {
    schema: {
      tags: ['public'],
      summary: '某一检查对象（统一社会信用代码或对象代码）的全部已公示检查结果，含更正历史与后续处置状态；format=csv 下载 CSV',
      description: `结果在服务器内缓存，公示、更正、后续处置等变更后立即更新；多实例部署时其他实例最迟 ${publicResultsCacheLimits.ttlMs / 1000} 秒后更新。每个 IP 每分钟最多 ${publicRateLimit.max} 次。`,
      params: publicEntityParamsSchema, querystring: publicEntityQuerySchema, response: withProblems({ 200: publicEntityResultsSchema }),
    },
    config: { access: inspectionsPolicy.public, rateLimit: publicRateLimit },
  }, async (request, reply) => {
    const { answer, json } = unwrap(await publicEntityResults(ctx, request.params.key));
    if (request.query.format === 'csv') return sendCsv(reply, `检查结果-${answer.entity.key}.csv`, publicResultsCsv(answer.results));
    // The cached JSON bytes as they are: no per-request validation and serialisation through
    // the response schema. The presenter's typed output is what the schema describes, and
    // public-results.routes.test.ts checks the answer against the schema.
    return sendJsonBytes(reply, json);
  });
}
