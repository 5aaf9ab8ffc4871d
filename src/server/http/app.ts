import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { appVersion, repoRoot } from '../version.ts';
import { createJobRunner } from '../jobs/job-runner.ts';
import { registerArchivesRoutes } from '../modules/archives/archives.routes.ts';
import { registerAuditRoutes } from '../modules/audit/audit.routes.ts';
import { registerDrawsRoutes } from '../modules/draws/draws.routes.ts';
import { registerEntitiesRoutes } from '../modules/entities/entities.routes.ts';
import { registerGuidelinesRoutes } from '../modules/guidelines/guidelines.routes.ts';
import { registerHealthRoutes } from '../modules/health/health.routes.ts';
import { registerImportsRoutes } from '../modules/imports/imports.routes.ts';
import { registerCallbacksRoutes } from '../modules/callbacks/callbacks.routes.ts';
import { registerOversightRoutes } from '../modules/oversight/oversight.routes.ts';
import { registerInspectionsRoutes } from '../modules/inspections/inspections.routes.ts';
import { registerFollowUpsRoutes } from '../modules/followups/followups.routes.ts';
import { registerItemsRoutes } from '../modules/items/items.routes.ts';
import { registerOfficersRoutes } from '../modules/officers/officers.routes.ts';
import { registerOrganizationsRoutes } from '../modules/organizations/organizations.routes.ts';
import { registerPlansRoutes } from '../modules/plans/plans.routes.ts';
import { registerPublicRoutes } from '../modules/public/public.routes.ts';
import { registerSessionRoutes } from '../modules/session/session.routes.ts';
import { registerTasksRoutes } from '../modules/tasks/tasks.routes.ts';
import { registerTokensRoutes } from '../modules/tokens/tokens.routes.ts';
import { registerUsersRoutes } from '../modules/users/users.routes.ts';
import { publicAccess } from './access.ts';
import { authenticate } from './authenticate.ts';
import type { ServiceContext } from './context.ts';
import type { RegisteredRoute, ZodApp } from './fastify-types.ts';
import { handleError, sendProblem } from './problem.ts';

// Validation messages of the API are Chinese (field errors in problem+json).
z.config(z.locales.zhCN());

export const defaultWebRoot = path.join(repoRoot, 'dist', 'web');
export const bodyLimitBytes = 1024 * 1024;

export interface BuildAppOptions {
  config: Config;
  database: Database;
  /** The clock (tests move it); defaults to the system clock. */
  now?: () => Date;
  /** Fastify logger: false in tests, pino options otherwise (default: structured logs at config.logLevel). */
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built web app (default dist/web). */
  webRoot?: string;
  /** Login attempts per IP (default 20 a minute). */
  loginRateLimit?: { max: number; timeWindowMs: number };
  /** Client addresses exempt from rate limits (a trusted load balancer's health checks, benchmarks). */
  rateLimitAllowList?: readonly string[];
}

const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

const notBuiltPage = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>随机 Suiji</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.6">
<h1>随机 Suiji</h1>
<p>服务器已启动，但网页应用尚未构建。请在项目目录运行 <code>npm run build</code>（或 <code>npm start</code>），然后刷新本页。</p>
<p>接口文档：<a href="/api/docs">/api/docs</a></p>
</body></html>`;

export async function buildApp(options: BuildAppOptions): Promise<ZodApp> {
  const { config, database } = options;
  const now = options.now ?? (() => new Date());
  const ctx: ServiceContext = { db: database.db, config, now };

  const app = Fastify({
    logger: options.logger ?? {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
    },
    bodyLimit: bodyLimitBytes,
    requestIdHeader: false,
    genReqId: (req) => {
      const header = req.headers['x-request-id'];
      return typeof header === 'string' && requestIdPattern.test(header) ? header : randomUUID();
    },
    trustProxy: false,
    routerOptions: { ignoreTrailingSlash: false },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  // Only JSON bodies: text/plain and anything else is 415.
  app.removeContentTypeParser('text/plain');

  const routes: RegisteredRoute[] = [];
  app.decorate('suijiRoutes', routes);
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url.startsWith('/api/')) {
      route.config ??= {};
      if (!route.config.access) {
        if (route.url.startsWith('/api/docs')) route.config.access = publicAccess;
        else throw new Error(`Route ${methods.join(',')} ${route.url} declares no access (config.access)`);
      }
    }
    for (const method of methods) routes.push({ method, url: route.url, access: route.config?.access, schema: route.schema });
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  await app.register(fastifyCookie);
  // After the cookie plugin, whose onRequest hook parses the cookies this one reads.
  app.addHook('onRequest', authenticate(ctx, config.secureCookies));
  await app.register(fastifyRateLimit, {
    global: false,
    allowList: [...(options.rateLimitAllowList ?? [])],
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'SUIJI_RATE_LIMITED',
      message: `请求过于频繁，请 ${Math.ceil(context.ttl / 1000)} 秒后再试`,
    }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Suiji (随机) API',
        description: '双随机、一公开 random inspection platform. Errors are application/problem+json (RFC 9457).',
        version: appVersion,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'suiji_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: publicAccess } }, async () => app.swagger());
  registerHealthRoutes(app, ctx, database.engine);
  registerSessionRoutes(app, ctx, options.loginRateLimit ?? { max: 20, timeWindowMs: 60_000 });
  registerUsersRoutes(app, ctx);
  registerOrganizationsRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerTokensRoutes(app, ctx);
  registerPublicRoutes(app, ctx);
  registerItemsRoutes(app, ctx);
  registerGuidelinesRoutes(app, ctx);
  registerOfficersRoutes(app, ctx);
  registerEntitiesRoutes(app, ctx);
  // Draws run as jobs after the request is answered; closing the app waits for them.
  const jobs = createJobRunner((name, error) => app.log.error({ err: error, job: name }, 'job failed'));
  app.addHook('onClose', async () => jobs.drain());
  registerPlansRoutes(app, ctx);
  registerTasksRoutes(app, ctx, jobs);
  registerDrawsRoutes(app, ctx, jobs);
  registerImportsRoutes(app, ctx);
  registerInspectionsRoutes(app, ctx);
  registerFollowUpsRoutes(app, ctx);
  registerCallbacksRoutes(app, ctx);
  registerArchivesRoutes(app, ctx);
  registerOversightRoutes(app, ctx);

  const webRoot = options.webRoot ?? defaultWebRoot;
  const webBuilt = existsSync(path.join(webRoot, 'index.html'));
  if (webBuilt) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: true, index: ['index.html'] });
  } else {
    app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(notBuiltPage));
  }

  app.setNotFoundHandler(async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      return sendProblem(reply, request, { kind: 'not_found', detail: `接口不存在：${request.method} ${pathname}` });
    }
    if (webBuilt && (request.method === 'GET' || request.method === 'HEAD')) {
      const portal = pathname === '/portal' || pathname.startsWith('/portal/');
      const file = portal ? 'portal/index.html' : 'index.html';
      if (existsSync(path.join(webRoot, file))) return reply.type('text/html; charset=utf-8').sendFile(file);
    }
    return reply.code(404).type('text/plain; charset=utf-8').send('页面不存在');
  });

  return app;
}
