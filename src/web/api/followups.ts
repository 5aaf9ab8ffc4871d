import type { z } from 'zod';
import {
  followUpDetailSchema, followUpListSchema,
  type FollowUpDetail, type FollowUpList, type FollowUpListItem, type followUpCloseBodySchema, type followUpMeasureBodySchema,
  type followUpProgressBodySchema, type FollowUpStatus, type followUpTransferBodySchema,
} from '../../contracts/followups.ts';
import { apiRequest } from './client.ts';

export type { FollowUpDetail, FollowUpList, FollowUpListItem };
export type FollowUpMeasureBody = z.input<typeof followUpMeasureBodySchema>;
export type FollowUpProgressBody = z.input<typeof followUpProgressBodySchema>;
export type FollowUpTransferBody = z.input<typeof followUpTransferBodySchema>;
export type FollowUpCloseBody = z.input<typeof followUpCloseBodySchema>;

export interface FollowUpQuery {
  status?: FollowUpStatus;
  overdue?: 'true';
  year?: number;
  page: number;
  pageSize: number;
}

const path = (id: string, action = '') => `/api/v1/followups/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

export function listFollowUps(query: FollowUpQuery): Promise<FollowUpList> {
  return apiRequest('GET', '/api/v1/followups', { query: { ...query }, schema: followUpListSchema });
}

export function getFollowUp(id: string): Promise<FollowUpDetail> {
  return apiRequest('GET', path(id), { schema: followUpDetailSchema });
}

export function setFollowUpMeasure(id: string, body: FollowUpMeasureBody): Promise<FollowUpDetail> {
  return apiRequest('POST', path(id, 'measure'), { body, schema: followUpDetailSchema });
}

export function recordFollowUpProgress(id: string, body: FollowUpProgressBody): Promise<FollowUpDetail> {
  return apiRequest('POST', path(id, 'progress'), { body, schema: followUpDetailSchema });
}

export function transferFollowUp(id: string, body: FollowUpTransferBody): Promise<FollowUpDetail> {
  return apiRequest('POST', path(id, 'transfer'), { body, schema: followUpDetailSchema });
}

export function closeFollowUp(id: string, body: FollowUpCloseBody): Promise<FollowUpDetail> {
  return apiRequest('POST', path(id, 'close'), { body, schema: followUpDetailSchema });
}

/** Another measure for the same result; answers the new follow-up. */
export function addFollowUpMeasure(id: string, body: FollowUpMeasureBody): Promise<FollowUpDetail> {
  return apiRequest('POST', path(id, 'measures'), { body, schema: followUpDetailSchema });
}
