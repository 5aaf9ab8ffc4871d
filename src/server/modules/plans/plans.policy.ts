import { anyRole, signedIn, type PrincipalUser } from '../../http/access.ts';

/**
 * Plans: department admins draft, submit, publish and revise their own department's plan
 * (a system admin any plan); a leader (领导) approves; every signed-in user reads.
 */
export const plansPolicy = {
  read: signedIn,
  write: anyRole('system_admin', 'department_admin'),
  /** Admits system admins too, so they get input validation; the service refuses anyone but a leader (canApprove). */
  approve: anyRole('system_admin', 'leader'),
} as const;

/** Only a leader (领导) approves a plan. */
export function canApprove(actor: PrincipalUser): boolean {
  return actor.roles.includes('leader');
}

export function canManageDepartment(actor: PrincipalUser, departmentId: string): boolean {
  if (actor.roles.includes('system_admin')) return true;
  return actor.roles.includes('department_admin') && actor.departmentId === departmentId;
}
