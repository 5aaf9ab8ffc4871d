import { anyRole, signedIn, type PrincipalUser } from '../../http/access.ts';

/**
 * 后续处置: the owner department (the task's organising department) decides the measure,
 * transfers and adds measures; the department it was transferred to records progress and
 * closes as well. Staff of a department read their own follow-ups and those transferred to
 * it; oversight, leaders and system admins read all. Object-level checks are in the service.
 */
export const followUpsPolicy = {
  read: signedIn,
  write: anyRole('system_admin', 'department_admin'),
} as const;

interface Owned { ownerDepartmentId: string | null; transferDepartmentId: string | null }

export function seesAllFollowUps(actor: PrincipalUser): boolean {
  return actor.roles.includes('oversight') || actor.roles.includes('leader') || actor.roles.includes('system_admin');
}

export function canReadFollowUp(actor: PrincipalUser, f: Owned): boolean {
  if (seesAllFollowUps(actor)) return true;
  return actor.departmentId !== null && (f.ownerDepartmentId === actor.departmentId || f.transferDepartmentId === actor.departmentId);
}

/** Measure, transfer, further measures: the owner department's admin (a system admin any). */
export function canManageFollowUp(actor: PrincipalUser, f: Owned): boolean {
  if (actor.roles.includes('system_admin')) return true;
  return actor.roles.includes('department_admin') && actor.departmentId !== null && f.ownerDepartmentId === actor.departmentId;
}

/** Progress and closure: the owner, or the admin of the platform department it was transferred to. */
export function canHandleFollowUp(actor: PrincipalUser, f: Owned): boolean {
  if (canManageFollowUp(actor, f)) return true;
  return actor.roles.includes('department_admin') && actor.departmentId !== null && f.transferDepartmentId === actor.departmentId;
}
