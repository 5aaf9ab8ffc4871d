import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  correctionBodySchema, evidenceFileQuerySchema, evidenceParamsSchema, evidenceSchema, inspectionDraftBodySchema, inspectionListQuerySchema, inspectionListSchema,
  inspectionParamsSchema, inspectionSchema, reviewBodySchema, signatureBodySchema,
} from '../../../contracts/inspections.ts';
import { DEFAULT_EVIDENCE_LIMITS } from '../../../domain/result/evidence.ts';
import { principalOf } from '../../http/authenticate.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { failureError, unwrap } from '../../http/failures.ts';
import { withProblems } from '../../http/schemas.ts';
import { inspectionsPolicy } from './inspections.policy.ts';
import {
  addEvidenceFor, correctFor, evidenceContentFor, evidenceThumbnailFor, getInspectionFor, listInspectionsFor, publishFor, removeEvidenceFor, reviewFor, saveDraftFor,
  signFor, submitFor, type UploadedFile,
} from './inspections.service.ts';
import { registerPublicResultsRoutes } from './public-results.routes.ts';

/** Content types an evidence upload may carry: the file's bytes as they are. The content decides, not the label. */
const evidenceUploadTypes = ['application/octet-stream', 'image/jpeg', 'image/jpg', 'image/png', 'image/webp', 'application/pdf'];
/** More than the largest accepted file: enough to know it is too large. */
const readCap = Math.max(DEFAULT_EVIDENCE_LIMITS.maxImageBytes, DEFAULT_EVIDENCE_LIMITS.maxPdfBytes) + 1;

function fileNameOf(header: string | string[] | undefined): string {
  if (typeof header !== 'string' || header === '') return '未命名文件';
  try {
    const name = [...decodeURIComponent(header)].map((ch) => (ch < ' ' || ch === '/' || ch === '\\' ? '_' : ch)).join('').trim();
    return name === '' ? '未命名文件' : name.slice(0, 200);
  } catch {
    throw failureError('bad_request', 'x-file-name 请求头应为 URL 编码的文件名');
  }
}

/**
 * Reads the upload up to the cap. Past it the file is refused anyway: reading stops (the
 * head is kept for the type check) and the size is the declared length or what arrived.
 */
async function readUpload(body: Readable, declaredLength: number): Promise<{ bytes: Uint8Array; size: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > readCap) break;
  }
  return { bytes: new Uint8Array(Buffer.concat(chunks)), size: Number.isFinite(declaredLength) ? Math.max(size, declaredLength) : size };
}

/** Whether an If-None-Match header names this entity tag (a list, `*` or a weak `W/` tag). */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => { const t = tag.trim(); return t === '*' || t.replace(/^W\//, '') === etag; });
}

/**
 * A thumbnail, tagged with its photo's SHA-256. Revalidated on every use, after the access
 * check: an officer replaced out of the team stops seeing it at once, and an unchanged
 * thumbnail costs a 304, not its bytes.
 */
function sendThumbnail(reply: FastifyReply, ifNoneMatch: string | undefined, thumbnail: { sha256: string; mime: string; content: Uint8Array }) {
  const etag = `"${thumbnail.sha256}"`;
  void reply.header('cache-control', 'private, no-cache').header('etag', etag);
  if (etagMatches(ifNoneMatch, etag)) return reply.code(304).send();
  return reply.type(thumbnail.mime).header('x-content-type-options', 'nosniff').send(Buffer.from(thumbnail.content));
}

/**
 * The original evidence file. A photo may be shown in the page (inline): its type was decided
 * from its bytes at upload, the response forbids sniffing, and the sandbox policy stops anything
 * in it from running as this site. PDFs are always downloaded (the browser's viewer does not
 * open inside a sandboxed response).
 */
function sendBytes(reply: FastifyReply, file: { fileName: string; mime: string; content: Uint8Array }, inline: boolean) {
  const showInline = inline && file.mime.startsWith('image/');
  void reply.type(file.mime).header('x-content-type-options', 'nosniff')
    .header('content-disposition', `${showInline ? 'inline' : 'attachment'}; filename="evidence"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
  if (showInline) void reply.header('content-security-policy', "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'");
  return reply.send(Buffer.from(file.content));
}


export function registerInspectionsRoutes(app: ZodApp, ctx: ServiceContext): void {
  app.get('/api/v1/inspections', {
    schema: {
      tags: ['inspections'],
      summary: '检查工作清单：scope=mine 本人所在检查组的检查（录入），scope=review 本部门待审核、待公示的检查；含公示期限（检查结束后 20 个工作日）与逾期数',
      querystring: inspectionListQuerySchema, response: withProblems({ 200: inspectionListSchema }),
    },
    config: { access: inspectionsPolicy.read },
  }, async (request) => unwrap(await listInspectionsFor(ctx, principalOf(request), request.query)));

  app.get('/api/v1/inspections/:id', {
    schema: {
      tags: ['inspections'], summary: '检查详情：一企一表（检查要点及答案）、检查日期、核查方式、检查结果、证据、签字、审核记录、公示期限与各版本',
      params: inspectionParamsSchema, response: withProblems({ 200: inspectionSchema }),
    },
    config: { access: inspectionsPolicy.read },
  }, async (request) => unwrap(await getInspectionFor(ctx, principalOf(request), request.params.id)));

  app.put('/api/v1/inspections/:id/draft', {
    schema: {
      tags: ['inspections'], summary: '暂存（自动保存）检查结果：只有检查组成员可以录入（否则 403）；给出的检查要点答案覆盖原答案',
      params: inspectionParamsSchema, body: inspectionDraftBodySchema, response: withProblems({ 200: inspectionSchema }),
    },
    config: { access: inspectionsPolicy.team },
  }, async (request) => unwrap(await saveDraftFor(ctx, principalOf(request), request.params.id, request.body)));

  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    // The file's bytes are the body (not JSON): a phone uploads the photo as it is.
    scope.addContentTypeParser(evidenceUploadTypes, (_request, payload, done) => {
      done(null, payload);
    });
    scope.post('/api/v1/inspections/:id/evidence', {
      schema: {
        tags: ['inspections'],
        summary: '上传检查证据（照片 JPEG/PNG/WebP ≤ 10 MB，PDF ≤ 20 MB）：按文件内容识别类型，类型不符、空文件、过大均拒绝；记录 SHA-256',
        description: '请求体为文件本身（Content-Type 为文件类型或 application/octet-stream），文件名放在 URL 编码的 x-file-name 请求头。',
        params: inspectionParamsSchema, response: withProblems({ 201: evidenceSchema }),
      },
      config: { access: inspectionsPolicy.team },
    }, async (request, reply) => {
      const body: unknown = request.body;
      if (!(body instanceof Readable)) {
        throw failureError('unsupported_media_type', '请求体须为文件本身（Content-Type: 文件类型或 application/octet-stream）');
      }
      const { bytes, size } = await readUpload(body, Number(request.headers['content-length'] ?? Number.NaN));
      const file: UploadedFile = { fileName: fileNameOf(request.headers['x-file-name']), claimedMime: request.headers['content-type'] ?? '', bytes, size };
      return reply.code(201).send(unwrap(await addEvidenceFor(ctx, principalOf(request), request.params.id, file)));
    });
  });

  app.get('/api/v1/inspections/:id/evidence/:evidenceId', {
    schema: {
      tags: ['inspections'], summary: '下载检查证据原文件（照片可加 inline=1 在浏览器中查看）', params: evidenceParamsSchema, querystring: evidenceFileQuerySchema,
      produces: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'], response: withProblems({}),
    },
    config: { access: inspectionsPolicy.read },
  }, async (request, reply) => {
    const file = unwrap(await evidenceContentFor(ctx, principalOf(request), request.params.id, request.params.evidenceId));
    return sendBytes(reply, file, request.query.inline !== undefined);
  });

  app.get('/api/v1/inspections/:id/evidence/:evidenceId/thumbnail', {
    schema: {
      tags: ['inspections'], summary: '检查证据照片的缩略图（WebP，不超过 320×320，已按拍摄方向旋转，不含元数据）；PDF 没有缩略图（404）',
      description: '访问权限与原文件相同。ETag 为原文件的 SHA-256；Cache-Control: private, no-cache，浏览器每次以 If-None-Match 重新验证（304），权限变化立即生效。',
      params: evidenceParamsSchema, produces: ['image/webp'], response: withProblems({}),
    },
    config: { access: inspectionsPolicy.read },
  }, async (request, reply) => {
    const thumbnail = unwrap(await evidenceThumbnailFor(ctx, principalOf(request), request.params.id, request.params.evidenceId));
    return sendThumbnail(reply, request.headers['if-none-match'], thumbnail);
  });

  app.delete('/api/v1/inspections/:id/evidence/:evidenceId', {
    schema: { tags: ['inspections'], summary: '删除检查证据（提交之前；已公示的证据数据库也拒绝删除）', params: evidenceParamsSchema, response: withProblems({ 200: inspectionSchema }) },
    config: { access: inspectionsPolicy.team },
  }, async (request) => unwrap(await removeEvidenceFor(ctx, principalOf(request), request.params.id, request.params.evidenceId)));

  app.post('/api/v1/inspections/:id/signatures', {
    schema: {
      tags: ['inspections'], summary: '签字：检查组成员、被检查对象代表在屏幕上签名（PNG），或登记已上传的纸质签字表；签字完整后才能提交',
      params: inspectionParamsSchema, body: signatureBodySchema, response: withProblems({ 201: inspectionSchema }),
    },
    config: { access: inspectionsPolicy.team },
  }, async (request, reply) => reply.code(201).send(unwrap(await signFor(ctx, principalOf(request), request.params.id, request.body))));

  app.post('/api/v1/inspections/:id/submit', {
    schema: {
      tags: ['inspections'], summary: '提交检查结果待审核：检查要点全部填写、检查结果代码符合规则、签字完整',
      params: inspectionParamsSchema, response: withProblems({ 200: inspectionSchema }),
    },
    config: { access: inspectionsPolicy.team },
  }, async (request) => unwrap(await submitFor(ctx, principalOf(request), request.params.id)));

  app.post('/api/v1/inspections/:id/review', {
    schema: {
      tags: ['inspections'], summary: '审核检查结果：通过，或退回并填写意见（任务组织或参与部门的机构管理员）',
      params: inspectionParamsSchema, body: reviewBodySchema, response: withProblems({ 200: inspectionSchema }),
    },
    config: { access: inspectionsPolicy.review },
  }, async (request) => unwrap(await reviewFor(ctx, principalOf(request), request.params.id, request.body)));

  app.post('/api/v1/inspections/:id/publish', {
    schema: {
      tags: ['inspections'], summary: '公示检查结果（审核通过后）：形成第 1 版，不可修改；发现问题待后续处理的结果生成后续处置记录',
      params: inspectionParamsSchema, response: withProblems({ 200: inspectionSchema }),
    },
    config: { access: inspectionsPolicy.review },
  }, async (request) => unwrap(await publishFor(ctx, principalOf(request), request.params.id)));

  app.post('/api/v1/inspections/:id/corrections', {
    schema: {
      tags: ['inspections'], summary: '更正已公示的检查结果：形成新版本并注明原因，原版本保留并在门户显示',
      params: inspectionParamsSchema, body: correctionBodySchema, response: withProblems({ 201: inspectionSchema }),
    },
    config: { access: inspectionsPolicy.review },
  }, async (request, reply) => reply.code(201).send(unwrap(await correctFor(ctx, principalOf(request), request.params.id, request.body))));

  // ——— Public (no login): open data, beside the public results service ———
  registerPublicResultsRoutes(app, ctx);
}
