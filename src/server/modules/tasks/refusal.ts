import { appendAudit } from '../../audit/audit-log.ts';
import type { AuditAction, AuditSubjectType } from '../../audit/audit-events.ts';
import type { Principal } from '../../http/access.ts';
import type { ServiceContext } from '../../http/context.ts';
import { fail, type FailureKind, type Result } from '../../http/failures.ts';

/**
 * A refused attempt on a frozen task or a draw (changing frozen inputs, a seed before the
 * freeze, a second draw …) is itself a fact worth keeping: it is written to the audit log in
 * its own transaction, then answered as a problem with the same Chinese reason.
 */
export async function refuseAudited<T>(
  ctx: ServiceContext,
  principal: Principal,
  event: { action: AuditAction; subjectType: AuditSubjectType; subjectId: string; attempted: string },
  detail: string,
  kind: FailureKind = 'conflict',
): Promise<Result<T>> {
  await ctx.db.transaction(async (tx) => {
    await appendAudit(tx, {
      actor: { id: principal.user.id, name: principal.user.displayName },
      action: event.action, subjectType: event.subjectType, subjectId: event.subjectId,
      summary: `已拒绝：${detail}`,
      changes: { attempted: event.attempted, refused: detail },
    }, ctx.now());
  });
  return fail(kind, detail);
}
