import { anyRole, signedIn, type PrincipalUser } from '../../http/access.ts';

/**
 * Plans: department admins draft, submit, publish and revise their own department's plan
 * (a system admin any plan); a leader (领导) approves; every signed-in user reads.
 */
export const plansPolicy = {
  read: signedIn,
  write: anyRole('system_admin', 'department_admin'),
  approve: anyRole('leader'),
} as const;

export function canManageDepartment(actor: PrincipalUser, departmentId: string): boolean {
  if (actor.roles.includes('system_admin')) return true;
  return actor.roles.includes('department_admin') && actor.departmentId === departmentId;
}
