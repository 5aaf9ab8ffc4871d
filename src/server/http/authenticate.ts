import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeEqual } from '../auth/secrets.ts';
import { resolveSession } from '../modules/session/session.service.ts';
import { requiredScope } from '../modules/tokens/tokens.policy.ts';
import { resolveToken } from '../modules/tokens/tokens.service.ts';
import { hasAnyRole, type Principal } from './access.ts';
import type { ServiceContext } from './context.ts';
import { failureError } from './failures.ts';

export const sessionCookieName = 'suiji_session';
export const csrfHeaderName = 'x-csrf-token';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * onRequest hook of every route that declares `config.access`: finds the principal
 * (Bearer token or session cookie), then enforces sign-in, CSRF, token scope, a pending
 * password change and the route's roles. It runs before the body is parsed, so an
 * anonymous caller gets 401 whatever it sends.
 */
export function authenticate(ctx: ServiceContext, secureCookies: boolean) {
  return async function authenticateHook(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const access = request.routeOptions.config.access;
    if (!access) return;
    let principal: Principal | null = null;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match?.[1]) throw failureError('unauthenticated', 'Authorization 头应为 “Bearer <令牌>”');
      principal = await resolveToken(ctx, match[1]);
      if (!principal) throw failureError('unauthenticated', 'API 令牌无效、已过期或已吊销');
    } else {
      const cookie = request.cookies[sessionCookieName];
      if (cookie) {
        principal = await resolveSession(ctx, cookie);
        if (!principal) {
          reply.clearCookie(sessionCookieName, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies });
        }
      }
    }
    request.principal = principal;
    if (access.kind === 'public') return;
    if (!principal) throw failureError('unauthenticated', '请先登录');

    if (!safeMethods.has(request.method)) {
      if (principal.via === 'session') {
        const header = request.headers[csrfHeaderName];
        if (typeof header !== 'string' || !safeEqual(header, principal.csrfToken)) {
          throw failureError('csrf', `修改数据的请求须带请求头 ${csrfHeaderName}（登录时返回的 csrfToken）`);
        }
      } else if (!principal.scopes.includes(requiredScope(request.method))) {
        throw failureError('insufficient_scope', '该令牌只有只读权限（read），不能修改数据');
      }
    }
    if (principal.user.mustChangePassword && !(access.kind === 'signed_in' && access.duringPasswordChange)) {
      throw failureError('password_change_required', '管理员已重置您的密码，请先修改密码再继续');
    }
    if (access.kind === 'roles' && !hasAnyRole(principal.user, access.roles)) {
      throw failureError('forbidden');
    }
  };
}

/** The principal of a request on a signed-in route (the hook guarantees it). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw failureError('unauthenticated');
  return request.principal;
}
