import type { Db } from '../db/database.ts';
import type { Principal } from '../http/access.ts';
import type { Result } from '../http/failures.ts';
import { toRoles } from '../modules/session/session.service.ts';
import { findUserByUsername } from '../modules/users/users.repository.ts';

/** The demo writes through the same services as the HTTP routes; a refusal there is a bug in the demo. */
export function must<T>(result: Result<T>, step: string): T {
  if (!result.ok) throw new Error(`demo: ${step} failed: ${result.failure.detail ?? result.failure.kind}`);
  return result.value;
}

/** A demo account as the services see a signed-in user. */
export async function demoPrincipal(db: Db, username: string): Promise<Principal> {
  const user = await findUserByUsername(db, username);
  if (!user) throw new Error(`demo user ${username} is missing`);
  return {
    via: 'token', tokenId: `demo-${username}`, scopes: [],
    user: { id: user.id, username: user.username, displayName: user.displayName, roles: toRoles(user.roles), departmentId: user.departmentId, mustChangePassword: false },
  };
}
