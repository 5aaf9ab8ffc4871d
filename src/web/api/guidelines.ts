import type { z } from 'zod';
import {
  guidelineSummaryPageSchema, guidelineVersionListSchema, guidelineVersionSchema, type GuidelineVersion, type putGuidelineBodySchema,
} from '../../contracts/guidelines.ts';
import { ApiError, apiRequest, buildUrl } from './client.ts';

export type GuidelineSummaryPage = z.infer<typeof guidelineSummaryPageSchema>;
export type PutGuidelineBody = z.input<typeof putGuidelineBodySchema>;

export function listGuidelines(query: { page: number; pageSize: number; q?: string; has?: 'with' | 'without' }): Promise<GuidelineSummaryPage> {
  return apiRequest('GET', '/api/v1/guidelines', { query: { ...query }, schema: guidelineSummaryPageSchema });
}

/** The item's current guideline, or null when it has none yet. */
export async function getCurrentGuideline(itemId: string): Promise<GuidelineVersion | null> {
  try {
    return await apiRequest('GET', `/api/v1/items/${encodeURIComponent(itemId)}/guideline`, { schema: guidelineVersionSchema });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && /尚未制定/.test(error.problem.detail ?? '')) return null;
    throw error;
  }
}

export async function listGuidelineVersions(itemId: string): Promise<GuidelineVersion[]> {
  return (await apiRequest('GET', `/api/v1/items/${encodeURIComponent(itemId)}/guideline/versions`, { schema: guidelineVersionListSchema })).items;
}

/** The URL of the xlsx export with the list's filters (the guideline import's layout; a plain GET: the browser downloads it). */
export function guidelinesExportUrl(filter: { q?: string | undefined; has?: 'with' | 'without' | undefined }): string {
  return buildUrl('/api/v1/guidelines/export.xlsx', { ...filter });
}

export function saveGuideline(itemId: string, body: PutGuidelineBody): Promise<GuidelineVersion> {
  return apiRequest('PUT', `/api/v1/items/${encodeURIComponent(itemId)}/guideline`, { body, schema: guidelineVersionSchema });
}
