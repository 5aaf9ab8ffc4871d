import { auditChainStatusSchema, auditPageSchema, listAuditQuerySchema } from '../../../contracts/audit.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { unwrap } from '../../http/failures.ts';
import { withProblems } from '../../http/schemas.ts';
import { auditPolicy } from './audit.policy.ts';
import { listAudit, verifyAudit } from './audit.service.ts';

export function registerAuditRoutes(app: ZodApp, ctx: ServiceContext): void {
  app.get('/api/v1/audit', {
    schema: { tags: ['audit'], summary: '审计日志（新的在前）', querystring: listAuditQuerySchema, response: withProblems({ 200: auditPageSchema }) },
    config: { access: auditPolicy.list },
  }, async (request) => unwrap(await listAudit(ctx, request.query)));

  app.get('/api/v1/audit/verify', {
    schema: { tags: ['audit'], summary: '校验审计日志哈希链', response: withProblems({ 200: auditChainStatusSchema }) },
    config: { access: auditPolicy.verify },
  }, async () => unwrap(await verifyAudit(ctx)));
}
