import { anyRole, publicAccess, signedIn, type PrincipalUser } from '../../http/access.ts';
import { canManageTask } from '../tasks/tasks.policy.ts';

/**
 * "谁检查、谁录入、谁公示": only the officers of the drawn team (their 执法人员 records linked to
 * the user account) enter the result of an inspection — anyone else gets 403, a system admin
 * included; the department admins of the task's organising or participating departments (a
 * system admin any) review, publish and correct it. Staff who may read the task read the
 * inspection; the published results are public.
 */
export const inspectionsPolicy = {
  /** Route level: every signed-in user; the service checks the team (enter) or the reader roles (read). */
  team: signedIn,
  read: signedIn,
  review: anyRole('system_admin', 'department_admin'),
  public: publicAccess,
} as const;

export function canReviewInspection(actor: PrincipalUser, task: { organizerDepartmentId: string; participatingDepartmentIds: readonly string[] }): boolean {
  return canManageTask(actor, task);
}

/** Who reads an inspection they are not on the team of: reviewers, and the roles that oversee all work. */
export function canReadInspection(actor: PrincipalUser, task: { organizerDepartmentId: string; participatingDepartmentIds: readonly string[] }, onTeam: boolean): boolean {
  if (onTeam || canReviewInspection(actor, task)) return true;
  return actor.roles.includes('oversight') || actor.roles.includes('leader') || actor.roles.includes('system_admin');
}
