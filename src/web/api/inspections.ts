import type { z } from 'zod';
import {
  evidenceSchema, inspectionListSchema, inspectionSchema,
  type correctionBodySchema, type Evidence, type Inspection, type InspectionDraftBody, type InspectionList,
  type InspectionStatus, type SignatureBody,
} from '../../contracts/inspections.ts';
import { apiRequest } from './client.ts';

export type { Evidence, Inspection, InspectionList };
export type CorrectionBody = z.input<typeof correctionBodySchema>;

export interface InspectionListQuery {
  scope: 'mine' | 'review';
  status?: InspectionStatus;
  page?: number;
  pageSize?: number;
}

export function listInspections(query: InspectionListQuery): Promise<InspectionList> {
  return apiRequest('GET', '/api/v1/inspections', { query: { ...query }, schema: inspectionListSchema });
}

export function getInspection(id: string): Promise<Inspection> {
  return apiRequest('GET', `/api/v1/inspections/${encodeURIComponent(id)}`, { schema: inspectionSchema });
}

export function saveInspectionDraft(id: string, body: InspectionDraftBody): Promise<Inspection> {
  return apiRequest('PUT', `/api/v1/inspections/${encodeURIComponent(id)}/draft`, { body, schema: inspectionSchema });
}

/** The file's bytes are the body; the server recognises the type from the content, not the name. */
export function uploadEvidence(id: string, file: File): Promise<Evidence> {
  return apiRequest('POST', `/api/v1/inspections/${encodeURIComponent(id)}/evidence`, {
    rawBody: { data: file, contentType: file.type || 'application/octet-stream' },
    headers: { 'x-file-name': encodeURIComponent(file.name) },
    schema: evidenceSchema,
  });
}

export function evidenceUrl(id: string, evidenceId: string, options: { inline?: boolean } = {}): string {
  return `/api/v1/inspections/${encodeURIComponent(id)}/evidence/${encodeURIComponent(evidenceId)}${options.inline ? '?inline=1' : ''}`;
}

/** A photo's thumbnail (≤ 320×320 WebP); PDFs have none. */
export function evidenceThumbnailUrl(id: string, evidenceId: string): string {
  return `${evidenceUrl(id, evidenceId)}/thumbnail`;
}

export function removeEvidence(id: string, evidenceId: string): Promise<Inspection> {
  return apiRequest('DELETE', evidenceUrl(id, evidenceId), { schema: inspectionSchema });
}

export function sign(id: string, body: SignatureBody): Promise<Inspection> {
  return apiRequest('POST', `/api/v1/inspections/${encodeURIComponent(id)}/signatures`, { body, schema: inspectionSchema });
}

export function submitInspection(id: string): Promise<Inspection> {
  return apiRequest('POST', `/api/v1/inspections/${encodeURIComponent(id)}/submit`, { schema: inspectionSchema });
}

export function reviewInspection(id: string, decision: 'approve' | 'return', comment: string): Promise<Inspection> {
  return apiRequest('POST', `/api/v1/inspections/${encodeURIComponent(id)}/review`, { body: { decision, comment }, schema: inspectionSchema });
}

export function publishInspection(id: string): Promise<Inspection> {
  return apiRequest('POST', `/api/v1/inspections/${encodeURIComponent(id)}/publish`, { schema: inspectionSchema });
}

export function correctInspection(id: string, body: CorrectionBody): Promise<Inspection> {
  return apiRequest('POST', `/api/v1/inspections/${encodeURIComponent(id)}/corrections`, { body, schema: inspectionSchema });
}
