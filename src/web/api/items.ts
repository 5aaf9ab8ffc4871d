import type { z } from 'zod';
import {
  itemDetailSchema, itemDiffSchema, itemPageSchema, itemSchema, itemVersionListSchema,
  type claimItemBodySchema, type createItemBodySchema, type Item, type ItemDetail, type ItemDiff, type ItemVersion,
  type updateItemBodySchema,
} from '../../contracts/items.ts';
import { apiRequest, buildUrl } from './client.ts';

export type ItemPage = z.infer<typeof itemPageSchema>;
export type CreateItemBody = z.input<typeof createItemBodySchema>;
export type UpdateItemBody = z.input<typeof updateItemBodySchema>;
export type ClaimItemBody = z.input<typeof claimItemBodySchema>;

export interface ItemFilter {
  q?: string;
  category?: 'key' | 'general';
  status?: 'active' | 'retired';
  claimed?: 'claimed' | 'unclaimed';
  departmentId?: string;
  level?: 'province' | 'city' | 'county';
}

export function listItems(query: ItemFilter & { page: number; pageSize: number }): Promise<ItemPage> {
  return apiRequest('GET', '/api/v1/items', { query: { ...query }, schema: itemPageSchema });
}

export function getItem(id: string): Promise<ItemDetail> {
  return apiRequest('GET', `/api/v1/items/${encodeURIComponent(id)}`, { schema: itemDetailSchema });
}

export async function listItemVersions(id: string): Promise<ItemVersion[]> {
  return (await apiRequest('GET', `/api/v1/items/${encodeURIComponent(id)}/versions`, { schema: itemVersionListSchema })).items;
}

export function diffItemVersions(id: string, from: number, to: number): Promise<ItemDiff> {
  return apiRequest('GET', `/api/v1/items/${encodeURIComponent(id)}/diff`, { query: { from, to }, schema: itemDiffSchema });
}

export function createItem(body: CreateItemBody): Promise<Item> {
  return apiRequest('POST', '/api/v1/items', { body, schema: itemSchema });
}

export function updateItem(id: string, body: UpdateItemBody): Promise<Item> {
  return apiRequest('PATCH', `/api/v1/items/${encodeURIComponent(id)}`, { body, schema: itemSchema });
}

export function claimItem(id: string, body: ClaimItemBody): Promise<Item> {
  return apiRequest('POST', `/api/v1/items/${encodeURIComponent(id)}/claim`, { body, schema: itemSchema });
}

export function retireItem(id: string, reason: string): Promise<Item> {
  return apiRequest('POST', `/api/v1/items/${encodeURIComponent(id)}/retire`, { body: { reason }, schema: itemSchema });
}

/** The URL of the xlsx export with the current filters (a plain GET: the browser downloads it). */
export function itemsExportUrl(filter: ItemFilter): string {
  return buildUrl('/api/v1/items/export.xlsx', { ...filter });
}
