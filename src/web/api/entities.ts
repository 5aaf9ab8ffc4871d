import type { z } from 'zod';
import {
  bulkTagsResultSchema, claimResultSchema, entityDetailSchema, entityFacetsSchema, entityPageSchema,
  type EntityDetail, type EntityFacets, type EntityFilter, type EntityPage, type EntitySort, type UpdateEntityBody,
} from '../../contracts/entities.ts';
import { apiRequest, buildUrl } from './client.ts';

export interface EntityListQuery extends EntityFilter {
  page: number;
  pageSize: number;
  sort?: EntitySort;
}

export interface BulkTagsRequest {
  ids?: string[];
  filter?: EntityFilter;
  addTags?: string[];
  removeTags?: string[];
  addFocusAreas?: string[];
  removeFocusAreas?: string[];
}

export type BulkTagsResult = z.infer<typeof bulkTagsResultSchema>;
export type ClaimResult = z.infer<typeof claimResultSchema>;

/** The filter without empty values, as a query string or a bulk-edit body sends it. */
export function cleanFilter(filter: EntityFilter): EntityFilter {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== null && v !== '')) as EntityFilter;
}

export function listEntities(query: EntityListQuery): Promise<EntityPage> {
  return apiRequest('GET', '/api/v1/entities', { query: { ...query }, schema: entityPageSchema });
}

export function getEntity(id: string): Promise<EntityDetail> {
  return apiRequest('GET', `/api/v1/entities/${encodeURIComponent(id)}`, { schema: entityDetailSchema });
}

export function updateEntity(id: string, body: UpdateEntityBody): Promise<EntityDetail> {
  return apiRequest('PATCH', `/api/v1/entities/${encodeURIComponent(id)}`, { body, schema: entityDetailSchema });
}

export function bulkEditTags(body: BulkTagsRequest): Promise<BulkTagsResult> {
  return apiRequest('POST', '/api/v1/entities/bulk-tags', { body, schema: bulkTagsResultSchema });
}

export function claimEntities(ids: string[], departmentId?: string): Promise<ClaimResult> {
  return apiRequest('POST', '/api/v1/entities/claim', { body: departmentId ? { ids, departmentId } : { ids }, schema: claimResultSchema });
}

export function getEntityFacets(): Promise<EntityFacets> {
  return apiRequest('GET', '/api/v1/entities/facets', { schema: entityFacetsSchema });
}

/** The export link for the current filters (a plain GET: the browser downloads it with the session cookie). */
export function entityExportUrl(filter: EntityFilter): string {
  return buildUrl('/api/v1/entities/export.xlsx', { ...cleanFilter(filter) });
}
