import type { z } from 'zod';
import { planListSchema, planVersionSchema, type Plan, type PlanVersion } from '../../contracts/plans.ts';
import {
  oneIndustryTemplateSchema, taskPageSchema, taskSchema,
  type createTaskBodySchema, type OneIndustryTemplate, type Task, type updateTaskBodySchema,
} from '../../contracts/tasks.ts';
import { apiRequest } from './client.ts';

export type TaskPage = z.infer<typeof taskPageSchema>;
export type CreateTaskBody = z.input<typeof createTaskBodySchema>;
export type UpdateTaskBody = z.input<typeof updateTaskBodySchema>;

export interface TaskFilter {
  status?: Task['status'];
  year?: number;
  planId?: string;
  departmentId?: string;
}

export function listTasks(query: TaskFilter & { page: number; pageSize: number }): Promise<TaskPage> {
  return apiRequest('GET', '/api/v1/tasks', { query: { ...query }, schema: taskPageSchema });
}

export function getTask(id: string): Promise<Task> {
  return apiRequest('GET', `/api/v1/tasks/${encodeURIComponent(id)}`, { schema: taskSchema });
}

export function createTask(body: CreateTaskBody): Promise<Task> {
  return apiRequest('POST', '/api/v1/tasks', { body, schema: taskSchema });
}

export function updateTask(id: string, body: UpdateTaskBody): Promise<Task> {
  return apiRequest('PATCH', `/api/v1/tasks/${encodeURIComponent(id)}`, { body, schema: taskSchema });
}

/** 一业一查: the claimed items of one industry and a prefilled joint task. */
export function getOneIndustryTemplate(industry: string, objectType?: string): Promise<OneIndustryTemplate> {
  return apiRequest('GET', '/api/v1/tasks/one-industry-template', { query: { industry, objectType }, schema: oneIndustryTemplateSchema });
}

/** Plans of a year (the editor offers the published ones as the source of a task). */
export async function listPlans(year?: number): Promise<Plan[]> {
  return (await apiRequest('GET', '/api/v1/plans', { query: { year }, schema: planListSchema })).items;
}

export function getPlanVersion(planId: string, version: number): Promise<PlanVersion> {
  return apiRequest('GET', `/api/v1/plans/${encodeURIComponent(planId)}/versions/${version}`, { schema: planVersionSchema });
}
