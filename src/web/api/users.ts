import type { z } from 'zod';
import {
  userPageSchema,
  userSchema,
  type User,
  type createUserBodySchema,
  type updateUserBodySchema,
  type resetPasswordBodySchema,
} from '../../contracts/users.ts';
import { apiRequest } from './client.ts';

export type UserPage = z.infer<typeof userPageSchema>;
export type CreateUserBody = z.input<typeof createUserBodySchema>;
export type UpdateUserBody = z.input<typeof updateUserBodySchema>;

export interface UserListQuery {
  page: number;
  pageSize: number;
  q?: string;
  departmentId?: string;
}

export function listUsers(query: UserListQuery): Promise<UserPage> {
  return apiRequest('GET', '/api/v1/users', { query: { ...query }, schema: userPageSchema });
}

export function createUser(body: CreateUserBody): Promise<User> {
  return apiRequest('POST', '/api/v1/users', { body, schema: userSchema });
}

export function updateUser(id: string, body: UpdateUserBody): Promise<User> {
  return apiRequest('PATCH', `/api/v1/users/${encodeURIComponent(id)}`, { body, schema: userSchema });
}

export async function resetUserPassword(id: string, body: z.input<typeof resetPasswordBodySchema>): Promise<void> {
  await apiRequest('POST', `/api/v1/users/${encodeURIComponent(id)}/reset-password`, { body });
}
