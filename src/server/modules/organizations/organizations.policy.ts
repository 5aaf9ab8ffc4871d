import { anyRole, signedIn } from '../../http/access.ts';

/** Organisations: every signed-in user reads the tree; only a system admin changes it. */
export const organizationsPolicy = {
  list: signedIn,
  tree: signedIn,
  create: anyRole('system_admin'),
  update: anyRole('system_admin'),
} as const;
