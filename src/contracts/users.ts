import { z } from 'zod';
import { passwordSchema } from './password.ts';
import { roleSchema } from './roles.ts';
import { pageOf, pageQuerySchema } from './common.ts';

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const usernameSchema = z.string().regex(/^[a-z0-9_.-]{3,32}$/, '用户名为 3–32 位小写字母、数字、下划线、点或连字符');

export const createUserBodySchema = z.object({
  username: usernameSchema,
  displayName: z.string().min(1).max(64),
  roles: z.array(roleSchema).min(1),
  departmentId: z.string().uuid().nullable(),
  password: passwordSchema,
}).strict();

export const updateUserBodySchema = z.object({
  displayName: z.string().min(1).max(64).optional(),
  roles: z.array(roleSchema).min(1).optional(),
  departmentId: z.string().uuid().nullable().optional(),
  active: z.boolean().optional(),
}).strict();

export const resetPasswordBodySchema = z.object({ newPassword: passwordSchema }).strict();

export const listUsersQuerySchema = pageQuerySchema.extend({
  q: z.string().max(64).optional(),
  departmentId: z.string().uuid().optional(),
}).strict();

/** GET /api/v1/users. */
export const userPageSchema = pageOf(userSchema);
