import type { z } from 'zod';
import {
  planCoverageSchema, planDiffSchema, planListSchema, planSchema, plansOverviewSchema, planVersionSchema,
  type createPlanBodySchema, type Plan, type PlanDiff, type PlanVersion, type updatePlanBodySchema,
} from '../../contracts/plans.ts';
import { apiRequest } from './client.ts';

export type CreatePlanBody = z.input<typeof createPlanBodySchema>;
export type UpdatePlanBody = z.input<typeof updatePlanBodySchema>;
export type PlanCoverage = z.infer<typeof planCoverageSchema>;
export type PlansOverview = z.infer<typeof plansOverviewSchema>;
export type PlanTransition = 'submit' | 'approve' | 'publish';

const planPath = (id: string) => `/api/v1/plans/${encodeURIComponent(id)}`;

export async function listPlans(query: { year?: number; departmentId?: string }): Promise<Plan[]> {
  return (await apiRequest('GET', '/api/v1/plans', { query: { ...query }, schema: planListSchema })).items;
}

export function plansOverview(year: number): Promise<PlansOverview> {
  return apiRequest('GET', '/api/v1/plans/overview', { query: { year }, schema: plansOverviewSchema });
}

export function getPlan(id: string): Promise<Plan> {
  return apiRequest('GET', planPath(id), { schema: planSchema });
}

export function createPlan(body: CreatePlanBody): Promise<Plan> {
  return apiRequest('POST', '/api/v1/plans', { body, schema: planSchema });
}

export function updatePlan(id: string, body: UpdatePlanBody): Promise<Plan> {
  return apiRequest('PATCH', planPath(id), { body, schema: planSchema });
}

export function transitionPlan(id: string, transition: PlanTransition): Promise<Plan> {
  return apiRequest('POST', `${planPath(id)}/${transition}`, { schema: planSchema });
}

export function revisePlan(id: string, reason: string): Promise<Plan> {
  return apiRequest('POST', `${planPath(id)}/revisions`, { body: { reason }, schema: planSchema });
}

export function getPlanVersion(id: string, version: number): Promise<PlanVersion> {
  return apiRequest('GET', `${planPath(id)}/versions/${version}`, { schema: planVersionSchema });
}

export function diffPlanVersions(id: string, from: number, to: number): Promise<PlanDiff> {
  return apiRequest('GET', `${planPath(id)}/diff`, { query: { from, to }, schema: planDiffSchema });
}

export function planCoverage(id: string): Promise<PlanCoverage> {
  return apiRequest('GET', `${planPath(id)}/coverage`, { schema: planCoverageSchema });
}

/** The xlsx of the current version (a plain GET: the browser downloads it with the session cookie). */
export function planExportUrl(id: string): string {
  return `${planPath(id)}/export.xlsx`;
}
