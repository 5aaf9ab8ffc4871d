import { randomBytes } from 'node:crypto';
import type { Role } from '../../contracts/roles.ts';
import { hashPassword, randomSecret, sha256Hex } from '../auth/secrets.ts';
import type { Db } from '../db/database.ts';
import { insertDepartment, type DepartmentRow } from '../modules/organizations/organizations.repository.ts';
import { insertSession } from '../modules/session/session.repository.ts';
import { insertUser, type UserRow } from '../modules/users/users.repository.ts';

export const testPassword = 'Test-Passw0rd';
let cachedHash: Promise<string> | undefined;

function unique(prefix: string): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

export async function makeDepartment(db: Db, overrides: Partial<Omit<DepartmentRow, 'id'>> = {}): Promise<DepartmentRow> {
  return insertDepartment(db, {
    name: overrides.name ?? unique('测试科-'),
    kind: overrides.kind ?? 'section',
    code: overrides.code ?? unique('T').toUpperCase(),
    regionCode: overrides.regionCode ?? '130227',
    parentId: overrides.parentId ?? null,
    sortOrder: overrides.sortOrder ?? 0,
  });
}

export interface MakeUserOptions {
  roles?: Role[];
  departmentId?: string | null;
  username?: string;
  displayName?: string;
  password?: string;
  mustChangePassword?: boolean;
  active?: boolean;
}

export async function makeUser(db: Db, options: MakeUserOptions = {}): Promise<UserRow> {
  cachedHash ??= hashPassword(testPassword);
  const passwordHash = options.password ? await hashPassword(options.password) : await cachedHash;
  return insertUser(db, {
    username: options.username ?? unique('user_'),
    displayName: options.displayName ?? '测试用户',
    passwordHash,
    roles: options.roles ?? ['officer'],
    departmentId: options.departmentId ?? null,
    mustChangePassword: options.mustChangePassword ?? false,
    active: options.active ?? true,
  });
}

export interface TestSession {
  cookie: string;
  csrfToken: string;
  /** Headers for app.inject: the session cookie and the CSRF header. */
  headers: Record<string, string>;
}

/** A signed-in session for a user, made directly in the database (no login, no rate limit). */
export async function makeSession(db: Db, user: Pick<UserRow, 'id'>, now: Date = new Date()): Promise<TestSession> {
  const token = randomSecret();
  const csrfToken = randomSecret();
  await insertSession(db, {
    tokenHash: sha256Hex(token), userId: user.id, csrfToken, lastSeenAt: now,
    idleExpiresAt: new Date(now.getTime() + 30 * 60_000), absoluteExpiresAt: new Date(now.getTime() + 12 * 3_600_000),
  });
  const cookie = `suiji_session=${token}`;
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}
