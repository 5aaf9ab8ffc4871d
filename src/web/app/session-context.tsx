import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionResponse, SessionUser } from '../../contracts/session.ts';
import type { Role } from '../../contracts/roles.ts';
import { ApiError, setCsrfToken, setUnauthorizedHandler } from '../api/client.ts';
import { fetchSession, login as apiLogin, logout as apiLogout } from '../api/session.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; reason?: 'expired' | 'logged-out' }
  | { status: 'authenticated'; session: SessionResponse };

interface SessionApi {
  state: SessionState;
  login: (username: string, password: string) => Promise<SessionResponse>;
  logout: () => Promise<void>;
  /** Re-reads the session (after a password change, for example). */
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const accept = useCallback((session: SessionResponse) => {
    setCsrfToken(session.csrfToken);
    setState({ status: 'authenticated', session });
  }, []);

  const refresh = useCallback(async () => {
    try {
      accept(await fetchSession());
    } catch (error) {
      setCsrfToken(null);
      if (error instanceof ApiError && error.status === 401) setState({ status: 'anonymous' });
      else throw error;
    }
  }, [accept]);

  useEffect(() => {
    refresh().catch(() => setState({ status: 'anonymous' }));
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setState({ status: 'anonymous', reason: 'expired' });
    });
    return () => setUnauthorizedHandler(null);
  }, [refresh]);

  const login = useCallback(async (username: string, password: string) => {
    const session = await apiLogin({ username, password });
    accept(session);
    return session;
  }, [accept]);

  const logout = useCallback(async () => {
    try {
      await apiLogout();
    } finally {
      setCsrfToken(null);
      setState({ status: 'anonymous', reason: 'logged-out' });
    }
  }, []);

  const value = useMemo(() => ({ state, login, logout, refresh }), [state, login, logout, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside SessionProvider');
  return value;
}

/** The signed-in user; only for pages under the authenticated layout. */
export function useCurrentUser(): SessionUser {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useCurrentUser needs a signed-in user');
  return state.session.user;
}

export function hasAnyRole(user: SessionUser, roles: readonly Role[]): boolean {
  return user.roles.some((role) => roles.includes(role));
}
