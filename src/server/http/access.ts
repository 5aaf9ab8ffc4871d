import type { Role } from '../../contracts/roles.ts';

/**
 * Who may call a route at all, declared on every /api route (in the area's policy file).
 * Object-level rules (e.g. a department admin only manages their own department) are
 * checked by the service with the same policy file.
 */
export type Access =
  | { kind: 'public' }
  /** Any signed-in user. `duringPasswordChange` keeps it open while a password change is pending. */
  | { kind: 'signed_in'; duringPasswordChange?: boolean }
  | { kind: 'roles'; roles: readonly Role[] };

export const publicAccess: Access = { kind: 'public' };
export const signedIn: Access = { kind: 'signed_in' };
export const signedInDuringPasswordChange: Access = { kind: 'signed_in', duringPasswordChange: true };
export function anyRole(...roles: Role[]): Access {
  return { kind: 'roles', roles };
}

export interface PrincipalUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  departmentId: string | null;
  mustChangePassword: boolean;
}

export type Principal =
  | { via: 'session'; user: PrincipalUser; sessionId: string; csrfToken: string; idleExpiresAt: Date; absoluteExpiresAt: Date }
  | { via: 'token'; user: PrincipalUser; tokenId: string; scopes: readonly string[] };

export function hasAnyRole(user: PrincipalUser, roles: readonly Role[]): boolean {
  return user.roles.some((r) => roles.includes(r));
}
