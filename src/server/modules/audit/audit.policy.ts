import { anyRole } from '../../http/access.ts';

/** Audit log: read by system admins and oversight (督导); nobody writes it through the API. */
export const auditPolicy = {
  list: anyRole('system_admin', 'oversight'),
  verify: anyRole('system_admin', 'oversight'),
} as const;
