import type { z } from 'zod';
import {
  drawSchema, jointRecordFormSchema, myAssignmentsSchema,
  type Draw, type MyAssignments, type replacementBodySchema, type seedBodySchema,
} from '../../contracts/tasks.ts';
import { apiRequest } from './client.ts';

/** The draw of a task: freeze, seed ceremony, the draw job, replacements, dispatch, 一企一表. */

export type SeedBody = z.input<typeof seedBodySchema>;
export type ReplacementBody = z.input<typeof replacementBodySchema>;
export type JointRecordForm = z.infer<typeof jointRecordFormSchema>;

const drawPath = (id: string) => `/api/v1/draws/${encodeURIComponent(id)}`;

export function freezeTask(taskId: string): Promise<Draw> {
  return apiRequest('POST', `/api/v1/tasks/${encodeURIComponent(taskId)}/freeze`, { schema: drawSchema });
}

export function getDraw(id: string): Promise<Draw> {
  return apiRequest('GET', drawPath(id), { schema: drawSchema });
}

export function setSeed(id: string, body: SeedBody): Promise<Draw> {
  return apiRequest('POST', `${drawPath(id)}/seed`, { body, schema: drawSchema });
}

/** Starts the draw job (202); poll getDraw while the status is running. */
export function runDraw(id: string): Promise<Draw> {
  return apiRequest('POST', `${drawPath(id)}/run`, { schema: drawSchema });
}

export function abandonDraw(id: string, reason: string): Promise<Draw> {
  return apiRequest('POST', `${drawPath(id)}/abandon`, { body: { reason }, schema: drawSchema });
}

export function replaceOfficer(id: string, body: ReplacementBody): Promise<Draw> {
  return apiRequest('POST', `${drawPath(id)}/replacements`, { body, schema: drawSchema });
}

export function confirmDraw(id: string, departmentId: string): Promise<Draw> {
  return apiRequest('POST', `${drawPath(id)}/confirm`, { body: { departmentId }, schema: drawSchema });
}

export function getJointRecordForm(id: string, object: string): Promise<JointRecordForm> {
  return apiRequest('GET', `${drawPath(id)}/forms/${encodeURIComponent(object)}`, { schema: jointRecordFormSchema });
}

/** A plain GET the browser downloads. */
export function jointRecordXlsxUrl(id: string, object: string): string {
  return `${drawPath(id)}/forms/${encodeURIComponent(object)}/export.xlsx`;
}

/** The staff print page of 一企一表. */
export function jointRecordPagePath(id: string, object: string): string {
  return `/draws/${encodeURIComponent(id)}/forms/${encodeURIComponent(object)}`;
}

/** The task's public page on the portal (hash routes, see src/web/portal/portal-pages.ts). */
export function portalTaskUrl(code: string): string {
  return `/portal/#/tasks/${encodeURIComponent(code)}`;
}

/** The published draw record (JSON, what `suiji verify` checks), as a download. */
export function publicRecordUrl(drawId: string): string {
  return `/api/v1/public/draws/${encodeURIComponent(drawId)}?download=1`;
}

export function myAssignments(): Promise<MyAssignments> {
  return apiRequest('GET', '/api/v1/me/assignments', { schema: myAssignmentsSchema });
}
