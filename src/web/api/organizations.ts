import type { z } from 'zod';
import {
  departmentListSchema,
  departmentSchema,
  type Department,
  type createDepartmentBodySchema,
  type updateDepartmentBodySchema,
} from '../../contracts/organizations.ts';
import { apiRequest } from './client.ts';

export type CreateDepartmentBody = z.input<typeof createDepartmentBodySchema>;
export type UpdateDepartmentBody = z.input<typeof updateDepartmentBodySchema>;

/** Every department the user may see, flat (the page builds the tree). */
export async function listDepartments(): Promise<Department[]> {
  const list = await apiRequest('GET', '/api/v1/organizations', { schema: departmentListSchema });
  return list.items;
}

export function createDepartment(body: CreateDepartmentBody): Promise<Department> {
  return apiRequest('POST', '/api/v1/organizations', { body, schema: departmentSchema });
}

export function updateDepartment(id: string, body: UpdateDepartmentBody): Promise<Department> {
  return apiRequest('PATCH', `/api/v1/organizations/${encodeURIComponent(id)}`, { body, schema: departmentSchema });
}
