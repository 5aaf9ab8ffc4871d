import { publicAccess, signedInDuringPasswordChange } from '../../http/access.ts';

/** Session: anyone may try to sign in; the rest is about one's own session. */
export const sessionPolicy = {
  login: publicAccess,
  current: signedInDuringPasswordChange,
  logout: signedInDuringPasswordChange,
  changePassword: signedInDuringPasswordChange,
} as const;

export const maxConsecutiveFailures = 5;
export const lockoutMinutes = 15;
/** Sliding idle expiry is written back at most this often. */
export const touchIntervalMs = 60_000;
