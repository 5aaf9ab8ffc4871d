import { anyRole, type PrincipalUser } from '../../http/access.ts';

/**
 * Imports change the directories: system admins and department admins may import, see their
 * jobs and download templates. A department admin sees the jobs of their own department
 * (and their own); a system admin sees all.
 */
export const importsPolicy = {
  import: anyRole('system_admin', 'department_admin'),
  read: anyRole('system_admin', 'department_admin'),
  template: anyRole('system_admin', 'department_admin'),
} as const;

export function canSeeImportJob(actor: PrincipalUser, job: { departmentId: string | null; createdBy: string | null }): boolean {
  if (actor.roles.includes('system_admin')) return true;
  if (!actor.roles.includes('department_admin')) return false;
  return job.createdBy === actor.id || (actor.departmentId !== null && job.departmentId === actor.departmentId);
}
