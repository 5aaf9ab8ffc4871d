import { healthSchema } from '../../../contracts/health.ts';
import { AuditChainMonitor } from '../../audit/audit-chain-monitor.ts';
import { schemaVersion, type Engine } from '../../db/database.ts';
import { publicAccess } from '../../http/access.ts';
import { appVersion } from '../../version.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { withProblems } from '../../http/schemas.ts';

export function registerHealthRoutes(app: ZodApp, ctx: ServiceContext, engine: Engine): void {
  const auditMonitor = new AuditChainMonitor(ctx.db, () => ctx.now().getTime());
  app.get('/api/health', {
    schema: { tags: ['health'], summary: '健康检查：数据库、迁移版本、审计链', response: withProblems({ 200: healthSchema }) },
    config: { access: publicAccess },
  }, async () => {
    const [version, auditChain] = await Promise.all([schemaVersion(ctx.db), auditMonitor.status()]);
    return {
      status: auditChain.ok ? ('ok' as const) : ('degraded' as const),
      version: appVersion,
      database: { engine, schemaVersion: version },
      auditChain,
    };
  });
}
