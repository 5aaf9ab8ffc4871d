import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Problem } from '../../contracts/common.ts';
import { FailureError, failureTable, type Failure, type FieldError } from './failures.ts';

export const problemContentType = 'application/problem+json; charset=utf-8';

export function problemOf(failure: Failure, request: FastifyRequest): Problem {
  const entry = failureTable[failure.kind];
  const problem: Problem = {
    type: `urn:suiji:problem:${failure.kind}`,
    title: entry.title,
    status: entry.status,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: request.id,
  };
  if (failure.detail !== undefined) problem.detail = failure.detail;
  if (failure.errors !== undefined) problem.errors = failure.errors;
  return problem;
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, failure: Failure): FastifyReply {
  const problem = problemOf(failure, request);
  return reply.code(problem.status).type(problemContentType).send(problem);
}

function joinPath(context: string | undefined, segments: string): string {
  const tail = segments.split('/').filter((s) => s !== '').join('.');
  return [context, tail].filter((s) => s !== undefined && s !== '').join('.');
}

function fieldErrorsOf(error: FastifyError): FieldError[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  const context = (error as FastifyError & { validationContext?: string }).validationContext;
  return error.validation.flatMap((issue): FieldError[] => {
    const keys = (issue.params as { keys?: unknown }).keys;
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      return keys.map((key) => ({ path: joinPath(context, `${issue.instancePath}/${String(key)}`), message: '不允许的字段' }));
    }
    return [{ path: joinPath(context, issue.instancePath), message: issue.message ?? '取值无效' }];
  });
}

/** Maps Fastify's own 4xx errors (parsing, content type, body size) to failures. */
function failureOfFastifyError(error: FastifyError): Failure | null {
  const status = error.statusCode ?? 500;
  if (status < 400 || status >= 500) return null;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { kind: 'payload_too_large', detail: '请求体超过 1 MiB 上限' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return status === 415
        ? { kind: 'unsupported_media_type', detail: '请求体须为 application/json' }
        : { kind: 'bad_request', detail: '请求体长度无效' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { kind: 'bad_request', detail: '内容类型为 JSON，但请求体为空' };
    default:
      break;
  }
  if (status === 413) return { kind: 'payload_too_large' };
  if (status === 415) return { kind: 'unsupported_media_type', detail: '请求体须为 application/json' };
  if (status === 429) return { kind: 'rate_limited', detail: error.message };
  if (status === 404) return { kind: 'not_found' };
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return { kind: 'bad_request', detail: '请求体不是有效的 JSON' };
  }
  return { kind: 'bad_request' };
}

/** The one error handler: typed failures and client errors → problem; anything else is a bug → logged 500. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof FailureError) return sendProblem(reply, request, error.failure);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = fieldErrorsOf(error);
    return sendProblem(reply, request, { kind: 'validation', detail: errors.map((e) => `${e.path}: ${e.message}`).join('；'), errors });
  }
  const clientFailure = failureOfFastifyError(error);
  if (clientFailure) return sendProblem(reply, request, clientFailure);
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, request, { kind: 'internal', detail: `请联系管理员并提供请求编号 ${request.id}` });
}
