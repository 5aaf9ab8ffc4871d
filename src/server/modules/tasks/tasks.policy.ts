import { anyRole, publicAccess, signedIn, type PrincipalUser } from '../../http/access.ts';

/**
 * Tasks and draws: department admins of the organising or a participating department (a
 * system admin any task) write, freeze and run draws; every signed-in user reads; the
 * announcement and the record are public.
 */
export const tasksPolicy = {
  read: signedIn,
  write: anyRole('system_admin', 'department_admin'),
  public: publicAccess,
} as const;

export function canManageTask(actor: PrincipalUser, task: { organizerDepartmentId: string; participatingDepartmentIds: readonly string[] }): boolean {
  if (actor.roles.includes('system_admin')) return true;
  if (!actor.roles.includes('department_admin') || actor.departmentId === null) return false;
  return task.organizerDepartmentId === actor.departmentId || task.participatingDepartmentIds.includes(actor.departmentId);
}
