import type { ImportKindName } from '../../../contracts/imports.ts';
import { anyRole, hasAnyRole, type Access, type PrincipalUser } from '../../http/access.ts';
import { entitiesPolicy } from '../entities/entities.policy.ts';
import { guidelinesPolicy } from '../guidelines/guidelines.policy.ts';
import { itemsPolicy } from '../items/items.policy.ts';
import { officersPolicy } from '../officers/officers.policy.ts';

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

/**
 * Who may import what: whoever may write the directory the kind changes (its module's
 * policy). Which rows a department admin may create or change is decided inside the kinds
 * (ImportContext.restrictedTo, see importScopeOf).
 */
export const importKindAccess: Record<ImportKindName, Access> = {
  entities: entitiesPolicy.write,
  objects: entitiesPolicy.write,
  'risk-classes': entitiesPolicy.write,
  registrations: entitiesPolicy.write,
  items: itemsPolicy.write,
  guidelines: guidelinesPolicy.write,
  officers: officersPolicy.write,
};

export function mayImport(actor: PrincipalUser, kind: ImportKindName): boolean {
  const access = importKindAccess[kind];
  switch (access.kind) {
    case 'public':
    case 'signed_in':
      return true;
    case 'roles':
      return hasAnyRole(actor, access.roles);
  }
}

/** A system admin imports for everyone; anyone else only within their own department. */
export function importScopeOf(actor: PrincipalUser): { departmentId: string | null } | undefined {
  return actor.roles.includes('system_admin') ? undefined : { departmentId: actor.departmentId };
}

export function canSeeImportJob(actor: PrincipalUser, job: { departmentId: string | null; createdBy: string | null }): boolean {
  if (actor.roles.includes('system_admin')) return true;
  if (!actor.roles.includes('department_admin')) return false;
  return job.createdBy === actor.id || (actor.departmentId !== null && job.departmentId === actor.departmentId);
}
