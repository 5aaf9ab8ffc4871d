import type { z } from 'zod';
import type { publicItemSchema } from '../../contracts/items.ts';
import type { publicPlanSchema } from '../../contracts/plans.ts';
import type { publicHomeSchema } from '../../contracts/public.ts';
import type { publicTaskDetailSchema, publicTaskSchema, publicTicketSchema } from '../../contracts/tasks.ts';
import type { publicResultSchema } from '../../contracts/inspections.ts';
import { apiRequest, type ResponseSchema } from './client.ts';

export type PublicHome = z.infer<typeof publicHomeSchema>;

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/**
 * A hand-written check instead of the zod schema, so that the public portal stays small
 * (it does not load zod). Mirrors publicHomeSchema in src/contracts/public.ts.
 */
const publicHomeCheck: ResponseSchema<PublicHome> = {
  safeParse(data: unknown) {
    const d = data as Partial<Record<keyof PublicHome, unknown>> | null;
    const counts = d?.counts as Partial<Record<keyof PublicHome['counts'], unknown>> | null | undefined;
    const ok = !!d && typeof d.bureauName === 'string' && typeof d.regionCode === 'string'
      && Array.isArray(d.departments) && d.departments.every((x: unknown) => !!x && typeof (x as { name?: unknown }).name === 'string')
      && !!counts && isCount(counts.items) && isCount(counts.plans) && isCount(counts.tasks) && isCount(counts.results);
    return ok ? { success: true, data: data as PublicHome } : { success: false, error: { issues: ['does not match publicHomeSchema'] } };
  },
};

export function fetchPublicHome(): Promise<PublicHome> {
  return apiRequest('GET', '/api/v1/public/home', { schema: publicHomeCheck, quietUnauthorized: true });
}

// ——— Items, plans, tasks, draws, tickets (no login) ———
// Like publicHomeCheck: structural checks of the fields the portal reads, not zod.

export type PublicItem = z.infer<typeof publicItemSchema>;
export type PublicPlan = z.infer<typeof publicPlanSchema>;
export type PublicTask = z.infer<typeof publicTaskSchema>;
export type PublicTaskDetail = z.infer<typeof publicTaskDetailSchema>;
export type PublicTicket = z.infer<typeof publicTicketSchema>;
export interface PublicPage<T> { items: T[]; total: number; page: number; pageSize: number }

type Check = (value: Record<string, unknown>) => boolean;
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string';
const isTextOrNull = (v: unknown) => v === null || isText(v);

function checked<T>(name: string, ok: (data: unknown) => boolean): ResponseSchema<T> {
  return {
    safeParse(data: unknown) {
      return ok(data) ? { success: true, data: data as T } : { success: false, error: { issues: [`does not match ${name}`] } };
    },
  };
}
const listOf = (check: Check) => (v: unknown) => Array.isArray(v) && v.every((x) => isObject(x) && check(x));
const pageCheck = (check: Check) => (d: unknown) => isObject(d) && listOf(check)(d.items) && isCount(d.total) && isCount(d.page) && isCount(d.pageSize);

const itemCheck: Check = (i) => isText(i.code) && isText(i.name) && isText(i.category) && isText(i.legalBasis) && Array.isArray(i.methods);
const planCheck: Check = (p) => isText(p.department) && isCount(p.year) && isCount(p.version) && isText(p.title)
  && isTextOrNull(p.reason) && typeof p.superseded === 'boolean' && listOf((l) => isText(l.name) && Array.isArray(l.items) && isCount(l.ratioBp))(p.lines);
const taskCheck: Check = (x) => isText(x.code) && isText(x.name) && isText(x.status) && isTextOrNull(x.latestDrawId) && Array.isArray(x.participatingDepartments);
const announcementCheck: Check = (d) => isText(d.drawId) && isText(d.status) && isText(d.frozenAt)
  && listOf((s) => isText(s.name) && isCount(s.n) && isText(s.listHash))(d.strata) && Array.isArray(d.exclusions) && Array.isArray(d.replacements);
const taskDetailCheck = (d: unknown) => isObject(d) && taskCheck(d) && isObject(d.scheme) && listOf(announcementCheck)(d.draws);
const ticketCheck = (d: unknown) => isObject(d) && isText(d.ticket) && isText(d.stratum) && isTextOrNull(d.cutoffTicket) && typeof d.drawn === 'boolean';

export function fetchPublicItems(query: { q?: string; page?: number; pageSize?: number }): Promise<PublicPage<PublicItem>> {
  return apiRequest('GET', '/api/v1/public/items', { query, schema: checked('publicItemPageSchema', pageCheck(itemCheck)), quietUnauthorized: true });
}

export function fetchPublicPlans(): Promise<{ items: PublicPlan[] }> {
  return apiRequest('GET', '/api/v1/public/plans', { schema: checked('publicPlanListSchema', (d) => isObject(d) && listOf(planCheck)(d.items)), quietUnauthorized: true });
}

export function fetchPublicTasks(page = 1): Promise<PublicPage<PublicTask>> {
  return apiRequest('GET', '/api/v1/public/tasks', { query: { page, pageSize: 200 }, schema: checked('publicTaskSchema page', pageCheck(taskCheck)), quietUnauthorized: true });
}

export function fetchPublicTask(code: string): Promise<PublicTaskDetail> {
  return apiRequest('GET', `/api/v1/public/tasks/${encodeURIComponent(code)}`, { schema: checked('publicTaskDetailSchema', taskDetailCheck), quietUnauthorized: true });
}

/** The URL of the record as an attachment (what 下载抽取记录 links to and what the browser check reads). */
export function drawRecordUrl(drawId: string): string {
  return `/api/v1/public/draws/${encodeURIComponent(drawId)}?download=1`;
}

/** The record as published, unparsed: the portal checks its structure itself (portal/record-check.ts). */
export function fetchDrawRecordJson(drawId: string): Promise<unknown> {
  // The very download of 下载抽取记录 (?download=1), so the page checks the bytes a citizen saves.
  return apiRequest('GET', `/api/v1/public/draws/${encodeURIComponent(drawId)}`, {
    query: { download: 1 }, schema: checked('a JSON document', () => true), quietUnauthorized: true,
  });
}

export function fetchPublicTicket(drawId: string, key: string): Promise<PublicTicket> {
  return apiRequest('GET', `/api/v1/public/draws/${encodeURIComponent(drawId)}/tickets/${encodeURIComponent(key)}`, {
    schema: checked('publicTicketSchema', ticketCheck), quietUnauthorized: true,
  });
}

// ——— Results (检查结果公示) ———

export type PublicResult = z.infer<typeof publicResultSchema>;
export interface PublicEntityResults { entity: { key: string; name: string; uscc: string | null }; results: PublicResult[] }

const resultCheck: Check = (r) => isText(r.entityName) && isText(r.entityKey) && isText(r.taskCode) && isText(r.result)
  && isText(r.completedOn) && isText(r.publishedOn) && isCount(r.version) && Array.isArray(r.itemResults) && Array.isArray(r.corrections);

/** Search published results by entity name (part of it) or USCC. */
export function fetchPublicResults(query: { q: string; page?: number; pageSize?: number }): Promise<PublicPage<PublicResult>> {
  return apiRequest('GET', '/api/v1/public/results', { query, schema: checked('publicResultsPageSchema', pageCheck(resultCheck)), quietUnauthorized: true });
}

export function fetchEntityResults(key: string): Promise<PublicEntityResults> {
  return apiRequest('GET', `/api/v1/public/results/${encodeURIComponent(key)}`, {
    schema: checked('publicEntityResultsSchema', (d) => isObject(d) && isObject(d.entity) && isText(d.entity.key) && listOf(resultCheck)(d.results)),
    quietUnauthorized: true,
  });
}

/** The open-data downloads of the same listings. */
export function publicResultsDownloadUrl(q: string, format: 'csv' | 'json'): string {
  return `/api/v1/public/results?${new URLSearchParams({ q, format, pageSize: '500' }).toString()}`;
}

export function entityResultsDownloadUrl(key: string, format: 'csv' | 'json'): string {
  return `/api/v1/public/results/${encodeURIComponent(key)}?format=${format}`;
}
