import type { z } from 'zod';
import type { Role } from '../../../contracts/roles.ts';
import type { createUserBodySchema, listUsersQuerySchema, updateUserBodySchema, User } from '../../../contracts/users.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import { hashPassword } from '../../auth/secrets.ts';
import type { Principal } from '../../http/access.ts';
import type { ServiceContext } from '../../http/context.ts';
import { fail, ok, type Result } from '../../http/failures.ts';
import { findDepartmentByCode, findDepartmentById } from '../organizations/organizations.repository.ts';
import { deleteSessionsOfUser } from '../session/session.repository.ts';
import { toRoles } from '../session/session.service.ts';
import { canManageUser, isSystemAdmin, listScope } from './users.policy.ts';
import {
  findUserById, findUserByUsername, insertUser, listUsers, updateUser, type UserWithDepartment,
} from './users.repository.ts';

export function presentUser(row: UserWithDepartment): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    roles: toRoles(row.roles),
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    active: row.active,
    lockedUntil: row.lockedUntil?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

function actorOf(principal: Principal) {
  return { id: principal.user.id, name: principal.user.displayName };
}

const forbiddenDetail = '机构管理员只能管理本机构的用户，且不能授予系统管理员或督导角色';

export async function listUsersFor(
  ctx: ServiceContext, principal: Principal, query: z.infer<typeof listUsersQuerySchema>,
): Promise<Result<{ items: User[]; total: number; page: number; pageSize: number }>> {
  const scope = listScope(principal.user);
  let departmentId = query.departmentId;
  if (!scope.all) {
    if (scope.departmentId === null) return fail('forbidden', '您不属于任何机构');
    if (departmentId && departmentId !== scope.departmentId) return fail('forbidden', '机构管理员只能查看本机构的用户');
    departmentId = scope.departmentId;
  }
  const { items, total } = await listUsers(ctx.db, { q: query.q, departmentId, page: query.page, pageSize: query.pageSize });
  return ok({ items: items.map(presentUser), total, page: query.page, pageSize: query.pageSize });
}

async function checkDepartment(ctx: ServiceContext, departmentId: string | null): Promise<Result<void>> {
  if (departmentId === null || (await findDepartmentById(ctx.db, departmentId))) return ok(undefined);
  return fail('validation', '机构不存在', [{ path: 'body.departmentId', message: '机构不存在' }]);
}

export async function createUser(
  ctx: ServiceContext, principal: Principal, input: z.infer<typeof createUserBodySchema>,
): Promise<Result<User>> {
  const roles = [...new Set(input.roles)];
  if (!canManageUser(principal.user, { departmentId: input.departmentId, roles })) return fail('forbidden', forbiddenDetail);
  const department = await checkDepartment(ctx, input.departmentId);
  if (!department.ok) return department;
  if (await findUserByUsername(ctx.db, input.username)) {
    return fail('conflict', `用户名“${input.username}”已存在`, [{ path: 'body.username', message: '用户名已存在' }]);
  }
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now();
  const id = await ctx.db.transaction(async (tx) => {
    const row = await insertUser(tx, {
      username: input.username, displayName: input.displayName, passwordHash, roles, departmentId: input.departmentId,
      // A password chosen by someone else must be replaced at first sign-in.
      mustChangePassword: true, createdAt: now, updatedAt: now,
    });
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'user.created', subjectType: 'user', subjectId: row.id,
      summary: `创建用户“${input.username}”（${input.displayName}）`,
      changes: { username: input.username, displayName: input.displayName, roles, departmentId: input.departmentId },
    }, now);
    return row.id;
  });
  const created = await findUserById(ctx.db, id);
  if (!created) throw new Error('created user not found');
  return ok(presentUser(created));
}

export async function updateUserFor(
  ctx: ServiceContext, principal: Principal, id: string, input: z.infer<typeof updateUserBodySchema>,
): Promise<Result<User>> {
  const target = await findUserById(ctx.db, id);
  if (!target) return fail('not_found', '用户不存在');
  if (!canManageUser(principal.user, target)) return fail('forbidden', forbiddenDetail);
  const next = {
    displayName: input.displayName ?? target.displayName,
    roles: input.roles ? [...new Set(input.roles)] : target.roles,
    departmentId: input.departmentId === undefined ? target.departmentId : input.departmentId,
    active: input.active ?? target.active,
  };
  if (!canManageUser(principal.user, next)) return fail('forbidden', forbiddenDetail);
  if (target.id === principal.user.id && (!next.active || (isSystemAdmin(principal.user) && !next.roles.includes('system_admin')))) {
    return fail('conflict', '不能停用自己的账户或撤销自己的系统管理员角色');
  }
  const department = await checkDepartment(ctx, next.departmentId);
  if (!department.ok) return department;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (next.displayName !== target.displayName) changes.displayName = { from: target.displayName, to: next.displayName };
  if (next.roles.join(',') !== target.roles.join(',')) changes.roles = { from: target.roles, to: next.roles };
  if (next.departmentId !== target.departmentId) changes.departmentId = { from: target.departmentId, to: next.departmentId };
  if (next.active !== target.active) changes.active = { from: target.active, to: next.active };
  if (Object.keys(changes).length > 0) {
    const now = ctx.now();
    await ctx.db.transaction(async (tx) => {
      await updateUser(tx, id, { ...next, updatedAt: now });
      if (!next.active) await deleteSessionsOfUser(tx, id);
      await appendAudit(tx, {
        actor: actorOf(principal), action: 'user.updated', subjectType: 'user', subjectId: id,
        summary: `修改用户“${target.username}”：${Object.keys(changes).join('、')}`, changes,
      }, now);
    });
  }
  const updated = await findUserById(ctx.db, id);
  if (!updated) return fail('not_found', '用户不存在');
  return ok(presentUser(updated));
}

export async function resetPasswordFor(
  ctx: ServiceContext, principal: Principal, id: string, newPassword: string,
): Promise<Result<void>> {
  const target = await findUserById(ctx.db, id);
  if (!target) return fail('not_found', '用户不存在');
  if (!canManageUser(principal.user, target)) return fail('forbidden', forbiddenDetail);
  const passwordHash = await hashPassword(newPassword);
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await updateUser(tx, id, {
      passwordHash, mustChangePassword: true, failedLoginCount: 0, lockedUntil: null, passwordChangedAt: now, updatedAt: now,
    });
    await deleteSessionsOfUser(tx, id);
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'user.password_reset', subjectType: 'user', subjectId: id,
      summary: `重置用户“${target.username}”的密码（下次登录须修改）`,
    }, now);
  });
  return ok(undefined);
}

/** The operator at the command line: has shell access to the data, so no role checks. */
export const cliActor = { id: null, name: '命令行' };

export interface CliCreateUserInput {
  username: string;
  displayName: string;
  roles: Role[];
  departmentCode: string | null;
  password: string;
}

export async function createUserFromCli(ctx: ServiceContext, input: CliCreateUserInput): Promise<Result<User>> {
  let departmentId: string | null = null;
  if (input.departmentCode) {
    const department = await findDepartmentByCode(ctx.db, input.departmentCode);
    if (!department) return fail('validation', `机构代码“${input.departmentCode}”不存在`);
    departmentId = department.id;
  }
  if (await findUserByUsername(ctx.db, input.username)) return fail('conflict', `用户名“${input.username}”已存在`);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now();
  const id = await ctx.db.transaction(async (tx) => {
    const row = await insertUser(tx, {
      username: input.username, displayName: input.displayName, passwordHash, roles: input.roles, departmentId,
      mustChangePassword: true, createdAt: now, updatedAt: now,
    });
    await appendAudit(tx, {
      actor: cliActor, action: 'user.created', subjectType: 'user', subjectId: row.id,
      summary: `命令行创建用户“${input.username}”（${input.displayName}）`,
      changes: { username: input.username, displayName: input.displayName, roles: input.roles, departmentId },
    }, now);
    return row.id;
  });
  const created = await findUserById(ctx.db, id);
  if (!created) throw new Error('created user not found');
  return ok(presentUser(created));
}

export async function resetPasswordFromCli(ctx: ServiceContext, username: string, newPassword: string): Promise<Result<void>> {
  const target = await findUserByUsername(ctx.db, username);
  if (!target) return fail('not_found', `用户“${username}”不存在`);
  const passwordHash = await hashPassword(newPassword);
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await updateUser(tx, target.id, {
      passwordHash, mustChangePassword: true, failedLoginCount: 0, lockedUntil: null, passwordChangedAt: now, updatedAt: now,
    });
    await deleteSessionsOfUser(tx, target.id);
    await appendAudit(tx, {
      actor: cliActor, action: 'user.password_reset', subjectType: 'user', subjectId: target.id,
      summary: `命令行重置用户“${username}”的密码（下次登录须修改）`,
    }, now);
  });
  return ok(undefined);
}
