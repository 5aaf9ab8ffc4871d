import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema } from '../../../contracts/common.ts';
import { importJobSchema, importKindParamsSchema, importTemplateParamsSchema, importUploadQuerySchema } from '../../../contracts/imports.ts';
import { principalOf } from '../../http/authenticate.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { failureError, unwrap } from '../../http/failures.ts';
import { withProblems } from '../../http/schemas.ts';
import { importsPolicy } from './imports.policy.ts';
import {
  cancelImportFor, commitImportFor, getImportFor, ImportWorkers, importFilesDir, recoverImports, rejectedXlsxFor,
  startImportFor, templateFor, type TempFile,
} from './imports.service.ts';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Content types an upload may carry: the file's bytes as they are. */
const uploadTypes = ['application/octet-stream', xlsxType, 'text/csv', 'application/csv', 'application/vnd.ms-excel'];

function sendFile(reply: FastifyReply, result: TempFile) {
  const stream = createReadStream(result.file);
  stream.once('close', () => {
    void result.cleanup();
  });
  return reply
    .type(xlsxType)
    .header('content-disposition', `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent(result.fileName)}`)
    .send(stream);
}

function fileNameOf(header: string | string[] | undefined, fallback: string): string {
  if (typeof header !== 'string' || header === '') return fallback;
  try {
    const name = [...decodeURIComponent(header)].map((ch) => (ch < ' ' || ch === '/' || ch === '\\' ? '_' : ch)).join('').trim();
    return name === '' ? fallback : name.slice(0, 200);
  } catch {
    throw failureError('bad_request', 'x-file-name 请求头应为 URL 编码的文件名');
  }
}

export function registerImportsRoutes(app: ZodApp, ctx: ServiceContext): void {
  const workers = new ImportWorkers({
    db: ctx.db, now: ctx.now, filesDir: importFilesDir(ctx),
    onUnexpectedError: (error, jobId) => app.log.error({ err: error, jobId }, 'import job failed unexpectedly'),
  });
  app.addHook('onReady', async () => {
    try {
      const failed = await recoverImports(ctx);
      if (failed > 0) app.log.warn({ failed }, 'import jobs interrupted by a restart were marked failed');
    } catch (error) {
      // An unmigrated database (`suiji openapi`) has no import_jobs table: nothing to recover.
      const code = (error as { code?: unknown; cause?: { code?: unknown } }).cause?.code ?? (error as { code?: unknown }).code;
      if (code !== '42P01') throw error;
    }
  });
  app.addHook('onClose', async () => {
    await workers.close();
  });

  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    // The file's bytes are the body, streamed to disk as they arrive (not buffered, not JSON).
    scope.addContentTypeParser(uploadTypes, (_request, payload, done) => {
      done(null, payload);
    });

    const receive = async (request: FastifyRequest, reply: FastifyReply, kind: string) => {
      const body: unknown = request.body;
      if (!(body instanceof Readable)) {
        throw failureError('unsupported_media_type', '请求体须为文件本身（Content-Type: application/octet-stream、text/csv 或 xlsx）');
      }
      const fileName = fileNameOf(request.headers['x-file-name'], `upload-${kind}`);
      const job = unwrap(await startImportFor(ctx, workers, principalOf(request), { kind, fileName, body }));
      return reply.code(202).send(job);
    };

    scope.post('/api/v1/imports/:kind', {
      schema: {
        tags: ['imports'],
        summary: '上传名录文件（xlsx 或 csv）开始导入：先校验并预览，确认后再提交',
        description: '请求体为文件本身（Content-Type: application/octet-stream），文件名放在 URL 编码的 x-file-name 请求头。'
          + 'kind：entities 主体类、objects 非主体类、risk-classes 信用风险分类、registrations 新设立登记主体、items 抽查事项、'
          + 'officers 执法检查人员、guidelines 抽查工作指引（每行一个检查要点）。谁可以导入与各名录的修改权限相同；'
          + '机构管理员只能新增或修改本机构的人员、本机构负责或认领的事项及其工作指引，其他行列为未通过并说明原因。返回 202 与导入任务。',
        params: importKindParamsSchema,
        response: withProblems({ 202: importJobSchema }),
      },
      config: { access: importsPolicy.import },
    }, (request, reply) => receive(request, reply, request.params.kind));

    // The first upload route (entities page, scripts): same as POST /api/v1/imports/:kind.
    scope.post('/api/v1/entities/import', {
      schema: {
        tags: ['imports'],
        summary: '上传检查对象名录文件开始导入（同 POST /api/v1/imports/:kind，保留兼容）',
        description: '请求体为文件本身（Content-Type: application/octet-stream），文件名放在 URL 编码的 x-file-name 请求头。'
          + 'kind：entities 主体类、objects 非主体类、risk-classes 信用风险分类、registrations 新设立登记主体。返回 202 与导入任务。',
        querystring: importUploadQuerySchema,
        response: withProblems({ 202: importJobSchema }),
      },
      config: { access: importsPolicy.import },
    }, (request, reply) => receive(request, reply, request.query.kind));
  });

  app.get('/api/v1/imports/templates/:kind', {
    schema: {
      tags: ['imports'], summary: '下载导入模板（xlsx，中文表头，代码列为文本格式）', params: importTemplateParamsSchema,
      response: withProblems({ 200: z.any().describe('xlsx 文件') }),
    },
    config: { access: importsPolicy.template },
  }, async (request, reply) => sendFile(reply, unwrap(await templateFor(request.params.kind))));

  app.get('/api/v1/imports/:id', {
    schema: {
      tags: ['imports'], summary: '导入任务：状态、进度、统计、前 100 条未通过的行', params: idParamsSchema,
      response: withProblems({ 200: importJobSchema }),
    },
    config: { access: importsPolicy.read },
  }, async (request) => unwrap(await getImportFor(ctx, workers, principalOf(request), request.params.id)));

  app.get('/api/v1/imports/:id/rejected.xlsx', {
    schema: {
      tags: ['imports'], summary: '下载未通过校验的行（xlsx，含原行号与错误原因）', params: idParamsSchema,
      response: withProblems({ 200: z.any().describe('xlsx 文件') }),
    },
    config: { access: importsPolicy.read },
  }, async (request, reply) => sendFile(reply, unwrap(await rejectedXlsxFor(ctx, principalOf(request), request.params.id))));

  app.post('/api/v1/imports/:id/commit', {
    schema: {
      tags: ['imports'], summary: '确认导入：在一个事务中写入全部通过校验的行（202，后台执行）', params: idParamsSchema,
      response: withProblems({ 202: importJobSchema }),
    },
    config: { access: importsPolicy.import },
  }, async (request, reply) => reply.code(202).send(unwrap(await commitImportFor(ctx, workers, principalOf(request), request.params.id))));

  app.post('/api/v1/imports/:id/cancel', {
    schema: {
      tags: ['imports'], summary: '取消导入（校验中或待确认的任务），目录不作任何修改', params: idParamsSchema,
      response: withProblems({ 200: importJobSchema }),
    },
    config: { access: importsPolicy.import },
  }, async (request) => unwrap(await cancelImportFor(ctx, workers, principalOf(request), request.params.id)));
}
