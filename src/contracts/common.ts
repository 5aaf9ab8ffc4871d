import { z } from 'zod';

/** RFC 9457 problem details, as every error of the API is sent (application/problem+json). */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  /** Validation errors, one per field: path in dotted form, message in Chinese. */
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const idSchema = z.string().uuid();
export const idParamsSchema = z.object({ id: idSchema }).strict();

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

/** Open data: every public listing as JSON (default) or CSV (`?format=csv`). */
export const openDataFormatSchema = z.enum(['json', 'csv']).default('json');
