import type { Problem } from '../../contracts/common.ts';

/**
 * What the client needs of a response schema: zod schemas from src/contracts fit. Kept
 * structural so that this module (and the public portal) does not load zod itself.
 */
export interface ResponseSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: readonly unknown[] } };
}

/** An error from the API (or from reaching it), carrying the problem details to show. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  /** Field errors keyed by dotted path, as the server sends them. */
  get fieldErrors(): ReadonlyArray<{ path: string; message: string }> {
    return this.problem.errors ?? [];
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

interface RequestOptions<T> {
  query?: Query;
  body?: unknown;
  /** Validates the response body; omit for responses without content. */
  schema?: ResponseSchema<T>;
  /** Do not call the 401 handler (used by the session check and the login itself). */
  quietUnauthorized?: boolean;
  /** A non-JSON body sent as is (e.g. a file upload), with its content type; instead of `body`. */
  rawBody?: { data: Blob; contentType: string };
  /** Extra request headers (e.g. x-file-name). */
  headers?: Record<string, string>;
}

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

/** Cookie-authenticated mutations must send the token of the current session. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request answers 401 (session ended): the app goes to the login page. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

const statusTitles: Record<number, string> = {
  400: '请求有误',
  401: '登录已失效，请重新登录',
  403: '没有权限执行此操作',
  404: '请求的内容不存在',
  409: '数据已被修改或存在冲突',
  413: '提交的内容过大',
  423: '账号已被锁定',
  429: '操作过于频繁，请稍后再试',
  500: '服务器内部错误',
  502: '服务器暂时无法访问',
  503: '服务暂不可用，请稍后再试',
};

function isProblem(value: unknown): value is Problem {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  if (typeof v.title !== 'string' || typeof v.status !== 'number') return false;
  if (v.detail !== undefined && typeof v.detail !== 'string') return false;
  if (v.errors === undefined) return true;
  return Array.isArray(v.errors) && v.errors.every((e: unknown) => (
    !!e && typeof e === 'object' && typeof (e as Record<string, unknown>).path === 'string'
    && typeof (e as Record<string, unknown>).message === 'string'));
}

async function problemFrom(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: statusTitles[response.status] ?? `请求失败（状态码 ${response.status}）`,
    status: response.status,
  };
  const text = await response.text().catch(() => '');
  if (!text) return fallback;
  try {
    const raw: unknown = JSON.parse(text);
    if (isProblem(raw)) return { ...raw, type: typeof raw.type === 'string' ? raw.type : 'about:blank' };
    // Not problem+json (e.g. a proxy or the rate limiter): keep a Chinese message if there is one.
    if (raw && typeof raw === 'object' && 'message' in raw && typeof raw.message === 'string') {
      return { ...fallback, detail: /[\u4e00-\u9fff]/.test(raw.message) ? raw.message : undefined };
    }
  } catch {
    // not JSON
  }
  return fallback;
}

export async function apiRequest<T = void>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  options: RequestOptions<T> = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.rawBody) headers['content-type'] = options.rawBody.contentType;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.rawBody ? options.rawBody.data : options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError({ type: 'about:blank', title: '无法连接服务器', status: 0, detail: '请检查网络连接后重试。' });
  }
  if (!response.ok) {
    const problem = await problemFrom(response);
    if (response.status === 401 && !options.quietUnauthorized) unauthorizedHandler?.();
    throw new ApiError(problem);
  }
  if (!options.schema) return undefined as T;
  const json: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) {
    console.warn(`Response of ${method} ${path} does not match the contract`, parsed.error.issues);
    throw new ApiError({
      type: 'about:blank',
      title: '服务器返回的数据格式不符合约定',
      status: response.status,
      detail: '请联系系统管理员。',
    });
  }
  return parsed.data;
}
