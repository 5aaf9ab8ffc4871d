import type { z } from 'zod';
import type { publicHomeSchema } from '../../contracts/public.ts';
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
