import { signedIn } from '../../http/access.ts';

/** API tokens: every signed-in user manages their own tokens, and only their own. */
export const tokensPolicy = {
  list: signedIn,
  create: signedIn,
  revoke: signedIn,
} as const;

/** Scope a token needs for a request of this HTTP method. */
export function requiredScope(method: string): 'read' | 'write' {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? 'read' : 'write';
}

export const tokenPrefix = 'sjt_';
export const lastUsedIntervalMs = 60_000;
