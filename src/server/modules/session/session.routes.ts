import { z } from 'zod';
import { changePasswordBodySchema, loginBodySchema, sessionResponseSchema } from '../../../contracts/session.ts';
import { principalOf, sessionCookieName } from '../../http/authenticate.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { unwrap } from '../../http/failures.ts';
import { withProblems } from '../../http/schemas.ts';
import { sessionPolicy } from './session.policy.ts';
import { changeOwnPassword, currentSession, login, logout } from './session.service.ts';

export function registerSessionRoutes(app: ZodApp, ctx: ServiceContext, rateLimit: { max: number; timeWindowMs: number }): void {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: ctx.config.secureCookies };

  app.post('/api/v1/session', {
    schema: { tags: ['session'], summary: '登录', body: loginBodySchema, response: withProblems({ 200: sessionResponseSchema }) },
    config: { access: sessionPolicy.login, rateLimit: { max: rateLimit.max, timeWindow: rateLimit.timeWindowMs } },
  }, async (request, reply) => {
    const result = unwrap(await login(ctx, {
      username: request.body.username,
      password: request.body.password,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    }));
    reply.setCookie(sessionCookieName, result.token, cookieOptions);
    return result.response;
  });

  app.get('/api/v1/session', {
    schema: { tags: ['session'], summary: '当前会话', response: withProblems({ 200: sessionResponseSchema }) },
    config: { access: sessionPolicy.current },
  }, async (request) => unwrap(await currentSession(ctx, principalOf(request))));

  app.delete('/api/v1/session', {
    schema: { tags: ['session'], summary: '退出登录', response: withProblems({ 204: z.undefined() }) },
    config: { access: sessionPolicy.logout },
  }, async (request, reply) => {
    unwrap(await logout(ctx, principalOf(request)));
    reply.clearCookie(sessionCookieName, cookieOptions);
    return reply.code(204).send();
  });

  app.post('/api/v1/session/password', {
    schema: { tags: ['session'], summary: '修改本人密码', body: changePasswordBodySchema, response: withProblems({ 204: z.undefined() }) },
    config: { access: sessionPolicy.changePassword },
  }, async (request, reply) => {
    unwrap(await changeOwnPassword(ctx, principalOf(request), request.body));
    return reply.code(204).send();
  });
}
