import { anyRole, hasAnyRole, type PrincipalUser } from '../../http/access.ts';
import { canManageTask } from '../tasks/tasks.policy.ts';

/**
 * 归档: the department admins of the task's organising or participating departments (a
 * system admin any task) archive it; they, oversight and leaders read the completeness check
 * and download the archive.
 */
export const archivesPolicy = {
  read: anyRole('system_admin', 'department_admin', 'oversight', 'leader'),
  write: anyRole('system_admin', 'department_admin'),
} as const;

export function canReadArchive(actor: PrincipalUser, task: { organizerDepartmentId: string; participatingDepartmentIds: readonly string[] }): boolean {
  return hasAnyRole(actor, ['system_admin', 'oversight', 'leader']) || canManageTask(actor, task);
}
