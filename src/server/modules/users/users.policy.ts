import type { Role } from '../../../contracts/roles.ts';
import { anyRole, type PrincipalUser } from '../../http/access.ts';

/**
 * Users: a system admin manages everyone; a department admin manages the users of their
 * own department only, and may neither grant nor touch system_admin or oversight.
 */
export const usersPolicy = {
  list: anyRole('system_admin', 'department_admin'),
  create: anyRole('system_admin', 'department_admin'),
  update: anyRole('system_admin', 'department_admin'),
  resetPassword: anyRole('system_admin', 'department_admin'),
} as const;

/** Roles only a system admin may grant (or hold on a user a department admin manages). */
export const systemAdminOnlyRoles: readonly Role[] = ['system_admin', 'oversight'];

export function isSystemAdmin(actor: PrincipalUser): boolean {
  return actor.roles.includes('system_admin');
}

/** May the actor manage a user with this department and these roles (before or after a change)? */
export function canManageUser(actor: PrincipalUser, target: { departmentId: string | null; roles: readonly string[] }): boolean {
  if (isSystemAdmin(actor)) return true;
  if (!actor.roles.includes('department_admin') || actor.departmentId === null) return false;
  return target.departmentId === actor.departmentId && !target.roles.some((r) => (systemAdminOnlyRoles as readonly string[]).includes(r));
}

/** The department a user list is limited to: null means all departments. */
export function listScope(actor: PrincipalUser): { all: true } | { all: false; departmentId: string | null } {
  return isSystemAdmin(actor) ? { all: true } : { all: false, departmentId: actor.departmentId };
}
