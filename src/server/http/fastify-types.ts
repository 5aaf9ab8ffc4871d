import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Access, Principal } from './access.ts';

export interface RegisteredRoute {
  method: string;
  url: string;
  access: Access | undefined;
  /** The zod schemas of the route (body, querystring, params), for the route walkers in tests. */
  schema: { body?: unknown; querystring?: unknown; params?: unknown } | undefined;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; required on every /api route (see access.ts). */
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Every route of the app as registered (method, url, access), for the role × route matrix. */
    suijiRoutes: RegisteredRoute[];
  }
}

export type ZodApp = FastifyInstance<
  RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider
>;
