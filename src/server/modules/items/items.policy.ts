import { anyRole, publicAccess, signedIn, type PrincipalUser } from '../../http/access.ts';

/**
 * Items (随机抽查事项清单) and their guidelines: every signed-in member of staff reads them;
 * a system admin changes any item; a department admin changes the items of their own
 * department (the responsible department or the one that claimed it) and claims items
 * for their own department only. The public portal sees active, claimed items.
 */
export const itemsPolicy = {
  read: signedIn,
  write: anyRole('system_admin', 'department_admin'),
  publicList: publicAccess,
} as const;

export function isSystemAdmin(actor: PrincipalUser): boolean {
  return actor.roles.includes('system_admin');
}

function ownDepartment(actor: PrincipalUser): string | null {
  return actor.roles.includes('department_admin') ? actor.departmentId : null;
}

/** May the actor change this item (and its guideline)? */
export function canManageItem(actor: PrincipalUser, item: { responsibleDepartmentId: string | null; claimedByDepartmentId: string | null }): boolean {
  if (isSystemAdmin(actor)) return true;
  const own = ownDepartment(actor);
  return own !== null && (item.responsibleDepartmentId === own || item.claimedByDepartmentId === own);
}

/** May the actor make this department responsible for an item (create, or move it)? */
export function canAssignDepartment(actor: PrincipalUser, departmentId: string | null): boolean {
  if (isSystemAdmin(actor)) return true;
  const own = ownDepartment(actor);
  return own !== null && departmentId === own;
}

/** May the actor claim items on behalf of this department? */
export function canClaimFor(actor: PrincipalUser, departmentId: string): boolean {
  if (isSystemAdmin(actor)) return true;
  return ownDepartment(actor) === departmentId;
}
