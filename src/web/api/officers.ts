import type { z } from 'zod';
import {
  officerConflictListSchema, officerConflictSchema, officerPageSchema, officerSchema,
  type createConflictBodySchema, type createOfficerBodySchema, type Officer, type OfficerConflict, type updateOfficerBodySchema,
} from '../../contracts/officers.ts';
import { apiRequest, buildUrl } from './client.ts';

export type OfficerPage = z.infer<typeof officerPageSchema>;
export type CreateOfficerBody = z.input<typeof createOfficerBodySchema>;
export type UpdateOfficerBody = z.input<typeof updateOfficerBodySchema>;
export type CreateConflictBody = z.input<typeof createConflictBodySchema>;

export interface OfficerFilter {
  q?: string;
  departmentId?: string;
  tag?: string;
  status?: 'active' | 'suspended' | 'on_leave';
  category?: 'officer' | 'expert';
  eligibleOn?: string;
}

export function listOfficers(query: OfficerFilter & { page: number; pageSize: number }): Promise<OfficerPage> {
  return apiRequest('GET', '/api/v1/officers', { query: { ...query }, schema: officerPageSchema });
}

export function getOfficer(id: string): Promise<Officer> {
  return apiRequest('GET', `/api/v1/officers/${encodeURIComponent(id)}`, { schema: officerSchema });
}

export function createOfficer(body: CreateOfficerBody): Promise<Officer> {
  return apiRequest('POST', '/api/v1/officers', { body, schema: officerSchema });
}

export function updateOfficer(id: string, body: UpdateOfficerBody): Promise<Officer> {
  return apiRequest('PATCH', `/api/v1/officers/${encodeURIComponent(id)}`, { body, schema: officerSchema });
}

export async function listConflicts(officerId: string): Promise<OfficerConflict[]> {
  return (await apiRequest('GET', `/api/v1/officers/${encodeURIComponent(officerId)}/conflicts`, { schema: officerConflictListSchema })).items;
}

export function createConflict(officerId: string, body: CreateConflictBody): Promise<OfficerConflict> {
  return apiRequest('POST', `/api/v1/officers/${encodeURIComponent(officerId)}/conflicts`, { body, schema: officerConflictSchema });
}

export function endConflict(officerId: string, conflictId: string, validTo?: string): Promise<OfficerConflict> {
  return apiRequest('POST', `/api/v1/officers/${encodeURIComponent(officerId)}/conflicts/${encodeURIComponent(conflictId)}/end`, {
    body: validTo ? { validTo } : {}, schema: officerConflictSchema,
  });
}

export function officersExportUrl(filter: OfficerFilter): string {
  return buildUrl('/api/v1/officers/export.xlsx', { ...filter });
}
