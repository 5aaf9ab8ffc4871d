import { anyRole, type PrincipalUser } from '../../http/access.ts';

/**
 * 检查对象名录: everyone who plans, supervises or inspects reads it; system and department
 * admins maintain it. A department admin edits, tags and exports only within what their
 * department has claimed (认领), and claims new entities for their own department only.
 */
export const entitiesPolicy = {
  read: anyRole('system_admin', 'department_admin', 'oversight', 'leader', 'officer'),
  write: anyRole('system_admin', 'department_admin'),
} as const;

export function isSystemAdmin(actor: PrincipalUser): boolean {
  return actor.roles.includes('system_admin');
}

/** The department whose claimed entities the actor may change; undefined = all (system admin); null = none. */
export function writeScope(actor: PrincipalUser): string | null | undefined {
  if (isSystemAdmin(actor)) return undefined;
  if (actor.roles.includes('department_admin')) return actor.departmentId;
  return null;
}

export function canEditEntity(actor: PrincipalUser, entity: { claimedByDepartmentId: string | null }): boolean {
  const scope = writeScope(actor);
  if (scope === undefined) return true;
  return scope !== null && entity.claimedByDepartmentId === scope;
}
