/**
 * Every audit action the platform writes. Adding a state change means adding its name
 * here first, so that the log has a closed vocabulary (auditors filter by these).
 */
export const auditActions = [
  'session.login',
  'session.login_failed',
  'session.account_locked',
  'session.logout',
  'session.password_changed',
  'user.created',
  'user.updated',
  'user.password_reset',
  'department.created',
  'department.updated',
  'token.created',
  'token.revoked',
  'system.demo_seeded',
  'import.committed',
  'entity.updated',
  'entity.tags_bulk_edited',
  'entity.claimed',
  'entity.exported',
  'directory.demo_seeded',
  'item.created',
  'item.updated',
  'item.claimed',
  'item.retired',
  'guideline.version_created',
  'officer.created',
  'officer.updated',
  'officer_conflict.created',
  'officer_conflict.ended',
  'plan.created',
  'plan.updated',
  'plan.submitted',
  'plan.approved',
  'plan.published',
  'plan.revision_started',
  'plan.exported',
  'task.created',
  'task.updated',
  'task.change_refused',
  'draw.frozen',
  'draw.seed_set',
  'draw.seed_refused',
  'draw.started',
  'draw.completed',
  'draw.failed',
  'draw.run_refused',
  'draw.change_refused',
  'draw.abandoned',
  'draw.officer_replaced',
  'draw.list_confirmed',
  'inspection.entry_refused',
  'inspection.draft_saved',
  'inspection.evidence_added',
  'inspection.evidence_removed',
  'inspection.signed',
  'inspection.submitted',
  'inspection.approved',
  'inspection.returned',
  'inspection.published',
  'inspection.corrected',
  'task.archived',
  'followup.measure_set',
  'followup.progress_recorded',
  'followup.transferred',
  'followup.closed',
  'followup.added',
  'callback.recorded',
  'anomaly.reviewed',
  'stats.exported',
] as const;
export type AuditAction = (typeof auditActions)[number];

export type AuditSubjectType = 'session' | 'user' | 'department' | 'api_token' | 'system'
  | 'item' | 'guideline' | 'officer' | 'officer_conflict' | 'entity' | 'import_job'
  | 'plan' | 'task' | 'draw' | 'inspection' | 'callback' | 'anomaly' | 'follow_up';

export interface AuditActor {
  id: string | null;
  name: string | null;
}

export interface AuditEventInput {
  actor: AuditActor;
  action: AuditAction;
  subjectType: AuditSubjectType;
  subjectId: string | null;
  /** One Chinese sentence a reviewer can read. */
  summary: string;
  /** What changed: field → value, or field → { from, to }. Never secrets. */
  changes?: Record<string, unknown> | null;
}

export const systemActor: AuditActor = { id: null, name: '系统' };
