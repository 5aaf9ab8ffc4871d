import {
  importJobSchema, type ImportJob, type ImportKindName,
} from '../../contracts/imports.ts';
import { apiRequest } from './client.ts';

/**
 * Uploads a file to start an import: 202 and the job, validating in the background. Goes to
 * POST /api/v1/imports/:kind, or to `legacyPath?kind=` when given (/api/v1/entities/import).
 */
export function uploadImport(kind: ImportKindName, file: File, legacyPath?: string): Promise<ImportJob> {
  return apiRequest('POST', legacyPath ?? `/api/v1/imports/${encodeURIComponent(kind)}`, {
    ...(legacyPath ? { query: { kind } } : {}),
    rawBody: { data: file, contentType: 'application/octet-stream' },
    headers: { 'x-file-name': encodeURIComponent(file.name) },
    schema: importJobSchema,
  });
}

export function getImport(id: string): Promise<ImportJob> {
  return apiRequest('GET', `/api/v1/imports/${encodeURIComponent(id)}`, { schema: importJobSchema });
}

export function commitImport(id: string): Promise<ImportJob> {
  return apiRequest('POST', `/api/v1/imports/${encodeURIComponent(id)}/commit`, { schema: importJobSchema });
}

export function cancelImport(id: string): Promise<ImportJob> {
  return apiRequest('POST', `/api/v1/imports/${encodeURIComponent(id)}/cancel`, { schema: importJobSchema });
}

export function importTemplateUrl(kind: ImportKindName): string {
  return `/api/v1/imports/templates/${encodeURIComponent(kind)}`;
}

export function rejectedRowsUrl(id: string): string {
  return `/api/v1/imports/${encodeURIComponent(id)}/rejected.xlsx`;
}
