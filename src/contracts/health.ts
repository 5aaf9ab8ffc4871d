import { z } from 'zod';
import { auditChainStatusSchema } from './audit.ts';

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.object({ engine: z.enum(['pglite', 'postgresql']), schemaVersion: z.string() }),
  auditChain: auditChainStatusSchema,
});
