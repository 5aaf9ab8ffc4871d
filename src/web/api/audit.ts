import type { z } from 'zod';
import { auditChainStatusSchema, auditPageSchema } from '../../contracts/audit.ts';
import { apiRequest } from './client.ts';

export type AuditPage = z.infer<typeof auditPageSchema>;
export type AuditChainStatus = z.infer<typeof auditChainStatusSchema>;

export interface AuditQuery {
  page: number;
  pageSize: number;
  action?: string;
  actorId?: string;
  subjectType?: string;
  /** YYYY-MM-DD, inclusive */
  from?: string;
  to?: string;
}

export function listAuditEvents(query: AuditQuery): Promise<AuditPage> {
  return apiRequest('GET', '/api/v1/audit', { query: { ...query }, schema: auditPageSchema });
}

export function verifyAuditChain(): Promise<AuditChainStatus> {
  return apiRequest('GET', '/api/v1/audit/verify', { schema: auditChainStatusSchema });
}
