import { anyRole, hasAnyRole, type PrincipalUser } from '../../http/access.ts';

/**
 * 督导考核 is 政策法规科's (oversight) tool; leaders read it; the system admin administers it.
 * A department admin reads its own department's indicators and flags (to see what oversight
 * sees), but reviews nothing and exports no bureau report.
 */
export const oversightPolicy = {
  read: anyRole('oversight', 'leader', 'system_admin', 'department_admin'),
  review: anyRole('oversight', 'system_admin'),
  report: anyRole('oversight', 'leader', 'system_admin'),
} as const;

/** The department a reader is limited to: null = the whole bureau; undefined = nothing (a department admin without a department). */
export function departmentScope(user: PrincipalUser): string | null | undefined {
  if (hasAnyRole(user, ['oversight', 'leader', 'system_admin'])) return null;
  return user.departmentId ?? undefined;
}
