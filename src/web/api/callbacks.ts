import type { z } from 'zod';
import {
  callbackPageSchema, callbackSchema, callbackSummarySchema, type Callback, type createCallbackBodySchema,
} from '../../contracts/callbacks.ts';
import { apiRequest } from './client.ts';

export type CallbackPage = z.infer<typeof callbackPageSchema>;
export type CallbackSummary = z.infer<typeof callbackSummarySchema>;
export type CreateCallbackBody = z.input<typeof createCallbackBodySchema>;

export interface CallbackQuery {
  page: number;
  pageSize: number;
  year?: number;
  concernsOnly?: 'true';
}

export function listCallbacks(query: CallbackQuery): Promise<CallbackPage> {
  return apiRequest('GET', '/api/v1/callbacks', { query: { ...query }, schema: callbackPageSchema });
}

export function getCallbackSummary(year: number): Promise<CallbackSummary> {
  return apiRequest('GET', '/api/v1/callbacks/summary', { query: { year }, schema: callbackSummarySchema });
}

export function recordCallback(body: CreateCallbackBody): Promise<Callback> {
  return apiRequest('POST', '/api/v1/callbacks', { body, schema: callbackSchema });
}
