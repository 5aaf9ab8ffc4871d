/**
 * Expected failures of services, as typed values. Routes unwrap them; the error handler
 * maps each kind to an HTTP status and a Chinese title through the one table below.
 */
export type FailureKind =
  | 'bad_request'
  | 'validation'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'forbidden'
  | 'csrf'
  | 'password_change_required'
  | 'insufficient_scope'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'locked'
  | 'rate_limited'
  | 'internal';

export interface FieldError {
  path: string;
  message: string;
}

export interface Failure {
  kind: FailureKind;
  detail?: string;
  errors?: FieldError[];
}

export const failureTable: Record<FailureKind, { status: number; title: string }> = {
  bad_request: { status: 400, title: '请求格式错误' },
  validation: { status: 400, title: '请求参数校验未通过' },
  unauthenticated: { status: 401, title: '未登录或登录已过期' },
  invalid_credentials: { status: 401, title: '用户名或密码错误' },
  forbidden: { status: 403, title: '无权执行此操作' },
  csrf: { status: 403, title: '请求缺少有效的防伪令牌' },
  password_change_required: { status: 403, title: '请先修改密码' },
  insufficient_scope: { status: 403, title: '令牌权限不足' },
  not_found: { status: 404, title: '资源不存在' },
  conflict: { status: 409, title: '与现有数据冲突' },
  payload_too_large: { status: 413, title: '请求体过大' },
  unsupported_media_type: { status: 415, title: '不支持的内容类型' },
  locked: { status: 423, title: '账户已临时锁定' },
  rate_limited: { status: 429, title: '请求过于频繁' },
  internal: { status: 500, title: '服务器内部错误' },
};

export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(kind: FailureKind, detail?: string, errors?: FieldError[]): Result<T> {
  const failure: Failure = { kind };
  if (detail !== undefined) failure.detail = detail;
  if (errors !== undefined) failure.errors = errors;
  return { ok: false, failure };
}

/** Carries a Failure through Fastify's error path; it is not a bug and is not logged as one. */
export class FailureError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.detail ?? failureTable[failure.kind].title);
    this.name = 'FailureError';
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new FailureError(result.failure);
}

export function failureError(kind: FailureKind, detail?: string): FailureError {
  return new FailureError(detail === undefined ? { kind } : { kind, detail });
}
