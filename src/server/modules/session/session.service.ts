import { roleSchema, type Role } from '../../../contracts/roles.ts';
import type { SessionResponse } from '../../../contracts/session.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import { burnPasswordVerification, hashPassword, randomSecret, sha256Hex, verifyPassword } from '../../auth/secrets.ts';
import type { Principal, PrincipalUser } from '../../http/access.ts';
import type { ServiceContext } from '../../http/context.ts';
import { fail, ok, type Result } from '../../http/failures.ts';
import { findUserById, findUserByUsername, incrementFailedLogins, updateUser } from '../users/users.repository.ts';
import { lockoutMinutes, maxConsecutiveFailures, touchIntervalMs } from './session.policy.ts';
import {
  deleteExpiredSessionsOfUser, deleteSession, deleteSessionsOfUser, findSessionWithUser, insertSession, touchSession,
} from './session.repository.ts';

export const wrongCredentials = '用户名或密码错误';

export function toRoles(values: readonly string[]): Role[] {
  return values.flatMap((v) => {
    const parsed = roleSchema.safeParse(v);
    return parsed.success ? [parsed.data] : [];
  });
}

function minDate(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

function formatTime(date: Date): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(date);
}

export interface LoginInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export interface LoginSuccess {
  /** The cookie value; only its SHA-256 is stored. */
  token: string;
  response: SessionResponse;
}

export async function login(ctx: ServiceContext, input: LoginInput): Promise<Result<LoginSuccess>> {
  const now = ctx.now();
  const user = await findUserByUsername(ctx.db, input.username);
  if (!user) {
    await burnPasswordVerification(input.password);
    await ctx.db.transaction(async (tx) => {
      await appendAudit(tx, {
        actor: { id: null, name: null }, action: 'session.login_failed', subjectType: 'session', subjectId: null,
        summary: `用户名“${input.username}”登录失败：用户不存在`, changes: { username: input.username, ip: input.ip, reason: 'unknown_user' },
      }, now);
    });
    return fail('invalid_credentials', wrongCredentials);
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) {
    await burnPasswordVerification(input.password);
    return fail('locked', `连续登录失败次数过多，账户已临时锁定，请于 ${formatTime(user.lockedUntil)} 后再试`);
  }
  const valid = (await verifyPassword(user.passwordHash, input.password)) && user.active;
  const actor = { id: user.id, name: user.displayName };
  if (!valid) {
    let lockedUntil: Date | null = null;
    await ctx.db.transaction(async (tx) => {
      const failures = await incrementFailedLogins(tx, user.id);
      await appendAudit(tx, {
        actor, action: 'session.login_failed', subjectType: 'user', subjectId: user.id,
        summary: `用户“${user.username}”登录失败（连续第 ${failures} 次）`,
        changes: { ip: input.ip, reason: user.active ? 'wrong_password' : 'inactive', consecutiveFailures: failures },
      }, now);
      if (failures >= maxConsecutiveFailures) {
        lockedUntil = new Date(now.getTime() + lockoutMinutes * 60_000);
        await updateUser(tx, user.id, { lockedUntil, failedLoginCount: 0 });
        await appendAudit(tx, {
          actor, action: 'session.account_locked', subjectType: 'user', subjectId: user.id,
          summary: `用户“${user.username}”连续 ${failures} 次登录失败，账户锁定 ${lockoutMinutes} 分钟`,
          changes: { lockedUntil: lockedUntil.toISOString(), ip: input.ip },
        }, now);
      }
    });
    if (lockedUntil) {
      return fail('locked', `连续登录失败次数过多，账户已临时锁定，请于 ${formatTime(lockedUntil)} 后再试`);
    }
    return fail('invalid_credentials', wrongCredentials);
  }

  const token = randomSecret();
  const csrfToken = randomSecret();
  const absoluteExpiresAt = new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 3_600_000);
  const idleExpiresAt = minDate(new Date(now.getTime() + ctx.config.sessionIdleMinutes * 60_000), absoluteExpiresAt);
  await ctx.db.transaction(async (tx) => {
    await updateUser(tx, user.id, { failedLoginCount: 0, lockedUntil: null });
    await deleteExpiredSessionsOfUser(tx, user.id, now);
    const session = await insertSession(tx, {
      tokenHash: sha256Hex(token), userId: user.id, csrfToken, createdAt: now, lastSeenAt: now,
      idleExpiresAt, absoluteExpiresAt, ip: input.ip, userAgent: input.userAgent?.slice(0, 512) ?? null,
    });
    await appendAudit(tx, {
      actor, action: 'session.login', subjectType: 'session', subjectId: session.id,
      summary: `用户“${user.username}”登录`, changes: { ip: input.ip },
    }, now);
  });
  return ok({
    token,
    response: {
      user: {
        id: user.id, username: user.username, displayName: user.displayName, roles: toRoles(user.roles),
        departmentId: user.departmentId, departmentName: user.departmentName, mustChangePassword: user.mustChangePassword,
      },
      csrfToken,
      idleExpiresAt: idleExpiresAt.toISOString(),
      absoluteExpiresAt: absoluteExpiresAt.toISOString(),
    },
  });
}

/** The principal of a session cookie, or null when unknown, expired or the user is inactive. Slides the idle expiry. */
export async function resolveSession(ctx: ServiceContext, token: string): Promise<Principal | null> {
  const row = await findSessionWithUser(ctx.db, sha256Hex(token));
  if (!row) return null;
  const now = ctx.now();
  const { session, user } = row;
  if (!user.active || now >= session.idleExpiresAt || now >= session.absoluteExpiresAt) {
    await deleteSession(ctx.db, session.id);
    return null;
  }
  let idleExpiresAt = session.idleExpiresAt;
  if (now.getTime() - session.lastSeenAt.getTime() >= touchIntervalMs) {
    idleExpiresAt = minDate(new Date(now.getTime() + ctx.config.sessionIdleMinutes * 60_000), session.absoluteExpiresAt);
    await touchSession(ctx.db, session.id, now, idleExpiresAt);
  }
  const principalUser: PrincipalUser = {
    id: user.id, username: user.username, displayName: user.displayName, roles: toRoles(user.roles),
    departmentId: user.departmentId, mustChangePassword: user.mustChangePassword,
  };
  return {
    via: 'session', user: principalUser, sessionId: session.id, csrfToken: session.csrfToken,
    idleExpiresAt, absoluteExpiresAt: session.absoluteExpiresAt,
  };
}

export async function currentSession(ctx: ServiceContext, principal: Principal): Promise<Result<SessionResponse>> {
  if (principal.via !== 'session') return fail('bad_request', 'API 令牌没有会话；请用浏览器登录');
  const user = await findUserById(ctx.db, principal.user.id);
  if (!user) return fail('unauthenticated');
  return ok({
    user: {
      id: user.id, username: user.username, displayName: user.displayName, roles: toRoles(user.roles),
      departmentId: user.departmentId, departmentName: user.departmentName, mustChangePassword: user.mustChangePassword,
    },
    csrfToken: principal.csrfToken,
    idleExpiresAt: principal.idleExpiresAt.toISOString(),
    absoluteExpiresAt: principal.absoluteExpiresAt.toISOString(),
  });
}

export async function logout(ctx: ServiceContext, principal: Principal): Promise<Result<void>> {
  if (principal.via !== 'session') return fail('bad_request', 'API 令牌没有会话可退出');
  await ctx.db.transaction(async (tx) => {
    await deleteSession(tx, principal.sessionId);
    await appendAudit(tx, {
      actor: { id: principal.user.id, name: principal.user.displayName }, action: 'session.logout',
      subjectType: 'session', subjectId: principal.sessionId, summary: `用户“${principal.user.username}”退出登录`,
    }, ctx.now());
  });
  return ok(undefined);
}

export async function changeOwnPassword(
  ctx: ServiceContext, principal: Principal, input: { currentPassword: string; newPassword: string },
): Promise<Result<void>> {
  const user = await findUserById(ctx.db, principal.user.id);
  if (!user) return fail('unauthenticated');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return fail('validation', '当前密码不正确', [{ path: 'body.currentPassword', message: '当前密码不正确' }]);
  }
  if (input.newPassword === input.currentPassword) {
    return fail('validation', '新密码不能与当前密码相同', [{ path: 'body.newPassword', message: '新密码不能与当前密码相同' }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await updateUser(tx, user.id, { passwordHash, mustChangePassword: false, passwordChangedAt: now, updatedAt: now });
    await deleteSessionsOfUser(tx, user.id, principal.via === 'session' ? principal.sessionId : undefined);
    await appendAudit(tx, {
      actor: { id: user.id, name: user.displayName }, action: 'session.password_changed', subjectType: 'user',
      subjectId: user.id, summary: `用户“${user.username}”修改了自己的密码`,
    }, now);
  });
  return ok(undefined);
}
