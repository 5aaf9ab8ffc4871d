import { anyRole, type PrincipalUser } from '../../http/access.ts';

/**
 * The officer directory (执法检查人员名录库). A system admin manages everyone; a department
 * admin sees and manages only their own department's officers (others answer 404, so
 * their existence does not leak); oversight and leaders read everyone; an officer reads
 * only their own record (the one linked to their user).
 */
export const officersPolicy = {
  read: anyRole('system_admin', 'department_admin', 'oversight', 'leader', 'officer'),
  write: anyRole('system_admin', 'department_admin'),
  export: anyRole('system_admin', 'department_admin', 'oversight', 'leader'),
} as const;

export type OfficerScope =
  | { kind: 'all' }
  | { kind: 'department'; departmentId: string | null }
  | { kind: 'own'; userId: string };

/** Which officers the actor may read. */
export function officerReadScope(actor: PrincipalUser): OfficerScope {
  if (actor.roles.some((r) => r === 'system_admin' || r === 'oversight' || r === 'leader')) return { kind: 'all' };
  if (actor.roles.includes('department_admin')) return { kind: 'department', departmentId: actor.departmentId };
  return { kind: 'own', userId: actor.id };
}

export function inScope(scope: OfficerScope, officer: { departmentId: string; userId: string | null }): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'department':
      return scope.departmentId !== null && officer.departmentId === scope.departmentId;
    case 'own':
      return officer.userId === scope.userId;
  }
}

/** May the actor create, change or hold officers in this department? */
export function canManageOfficersOf(actor: PrincipalUser, departmentId: string): boolean {
  if (actor.roles.includes('system_admin')) return true;
  return actor.roles.includes('department_admin') && actor.departmentId !== null && actor.departmentId === departmentId;
}
