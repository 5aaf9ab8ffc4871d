import { z } from 'zod';
import { callbackChannels, satisfactionLevels } from '../domain/oversight/callbacks.ts';
import { pageOf, pageQuerySchema } from './common.ts';
import { civilDateSchema } from './tasks.ts';

/** 回访 (callbacks) recorded by oversight, and their summary for the dashboard. */

export const callbackChannelSchema = z.enum(callbackChannels);
export const satisfactionSchema = z.enum(satisfactionLevels);

export const createCallbackBodySchema = z.strictObject({
  entityId: z.string().uuid(),
  taskId: z.string().uuid().nullable().default(null),
  calledOn: civilDateSchema,
  channel: callbackChannelSchema,
  contactPerson: z.string().trim().max(64).default(''),
  announcedInAdvance: z.boolean(),
  certificatesShown: z.boolean(),
  improperRequests: z.boolean(),
  satisfaction: satisfactionSchema,
  summary: z.string().trim().max(2000).default(''),
});
export type CreateCallbackBody = z.infer<typeof createCallbackBodySchema>;

export const callbackSchema = z.object({
  id: z.string().uuid(),
  entity: z.object({ id: z.string().uuid(), name: z.string(), uscc: z.string().nullable() }),
  task: z.object({ id: z.string().uuid(), code: z.string(), name: z.string() }).nullable(),
  calledOn: z.string(),
  channel: callbackChannelSchema,
  contactPerson: z.string(),
  announcedInAdvance: z.boolean(),
  certificatesShown: z.boolean(),
  improperRequests: z.boolean(),
  satisfaction: satisfactionSchema,
  summary: z.string(),
  needsAttention: z.boolean(),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type Callback = z.infer<typeof callbackSchema>;

export const listCallbacksQuerySchema = pageQuerySchema.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  entityId: z.string().uuid().optional(),
  concernsOnly: z.enum(['true', 'false']).optional(),
}).strict();

export const callbackPageSchema = pageOf(callbackSchema);

export const callbackSummaryQuerySchema = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const callbackSummarySchema = z.object({
  year: z.number().int(),
  total: z.number().int(),
  announcedInAdvance: z.number().int(),
  certificatesNotShown: z.number().int(),
  improperRequests: z.number().int(),
  bySatisfaction: z.object({ satisfied: z.number().int(), basically_satisfied: z.number().int(), dissatisfied: z.number().int() }),
  satisfactionRate: z.number().nullable(),
  concerns: z.number().int(),
});
