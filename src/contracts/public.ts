import { z } from 'zod';

/** GET /api/v1/public/home: what the portal's home page shows (no login). */
export const publicHomeSchema = z.object({
  bureauName: z.string(),
  regionCode: z.string(),
  departments: z.array(z.object({ name: z.string() })),
  counts: z.object({ items: z.number().int(), plans: z.number().int(), tasks: z.number().int(), results: z.number().int() }),
});
