import type { z } from 'zod';
import type { AuditEvent, listAuditQuerySchema } from '../../../contracts/audit.ts';
import { verifyAuditChain, type AuditChainStatus } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../http/context.ts';
import { ok, type Result } from '../../http/failures.ts';
import { listAuditEvents, type AuditEventRow } from './audit.repository.ts';

export function presentAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    seq: row.seq, at: row.at.toISOString(), actorId: row.actorId, actorName: row.actorName, action: row.action,
    subjectType: row.subjectType, subjectId: row.subjectId, summary: row.summary, changes: row.changes ?? null,
    prevHash: row.prevHash, hash: row.hash,
  };
}

/** Start of a calendar day in China Standard Time (UTC+8, no daylight saving). */
export function startOfChinaDay(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

export async function listAudit(
  ctx: ServiceContext, query: z.infer<typeof listAuditQuerySchema>,
): Promise<Result<{ items: AuditEvent[]; total: number; page: number; pageSize: number }>> {
  const { items, total } = await listAuditEvents(ctx.db, {
    action: query.action, actorId: query.actorId, subjectType: query.subjectType,
    from: query.from ? startOfChinaDay(query.from) : undefined,
    toExclusive: query.to ? new Date(startOfChinaDay(query.to).getTime() + 86_400_000) : undefined,
    page: query.page, pageSize: query.pageSize,
  });
  return ok({ items: items.map(presentAuditEvent), total, page: query.page, pageSize: query.pageSize });
}

export async function verifyAudit(ctx: ServiceContext): Promise<Result<AuditChainStatus>> {
  return ok(await verifyAuditChain(ctx.db));
}
