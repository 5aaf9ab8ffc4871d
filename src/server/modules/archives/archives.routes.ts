import type { FastifyReply } from 'fastify';
import { archiveCheckSchema } from '../../../contracts/archives.ts';
import { idParamsSchema } from '../../../contracts/common.ts';
import { principalOf } from '../../http/authenticate.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { unwrap } from '../../http/failures.ts';
import { withProblems } from '../../http/schemas.ts';
import { archivesPolicy } from './archives.policy.ts';
import { archiveCheckFor, archiveTaskFor, archiveZipFor } from './archives.service.ts';

function sendZip(reply: FastifyReply, file: { fileName: string; content: Uint8Array }) {
  return reply.type('application/zip').header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="archive.zip"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .send(Buffer.from(file.content));
}

export function registerArchivesRoutes(app: ZodApp, ctx: ServiceContext): void {
  app.get('/api/v1/tasks/:id/archive/check', {
    schema: {
      tags: ['archives'], summary: '归档前完整性检查：列出缺少的内容（派发确认、检查结果公示、签字、证据、未完结的后续处置）；已归档则给出归档信息',
      params: idParamsSchema, response: withProblems({ 200: archiveCheckSchema }),
    },
    config: { access: archivesPolicy.read },
  }, async (request) => unwrap(await archiveCheckFor(ctx, principalOf(request), request.params.id)));

  app.post('/api/v1/tasks/:id/archive', {
    schema: {
      tags: ['archives'],
      summary: '归档：完整性检查通过后生成 zip（抽取记录、公告、计划版本、实施方案、一企一表、检查结果、证据、签字、后续处置及 SHA-256 清单），此后任务只读；不完整时 409 并在 errors 中列出缺少的内容',
      params: idParamsSchema, response: withProblems({ 201: archiveCheckSchema }),
    },
    config: { access: archivesPolicy.write },
  }, async (request, reply) => reply.code(201).send(unwrap(await archiveTaskFor(ctx, principalOf(request), request.params.id))));

  app.get('/api/v1/tasks/:id/archive.zip', {
    schema: {
      tags: ['archives'], summary: '下载归档包（zip；用 suiji archive verify 按清单核验）',
      params: idParamsSchema, produces: ['application/zip'], response: withProblems({}),
    },
    config: { access: archivesPolicy.read },
  }, async (request, reply) => {
    const file = unwrap(await archiveZipFor(ctx, principalOf(request), request.params.id));
    return sendZip(reply, file);
  });
}
