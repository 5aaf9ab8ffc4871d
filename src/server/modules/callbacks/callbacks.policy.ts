import { anyRole } from '../../http/access.ts';

/** 回访 is oversight's tool (政策法规科; the system admin may record on its behalf); leaders read what it found. */
export const callbacksPolicy = {
  read: anyRole('oversight', 'leader', 'system_admin'),
  write: anyRole('oversight', 'system_admin'),
} as const;
