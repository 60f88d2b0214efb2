/** Who is signed in (from GET /api/session), with the CSRF token state-changing calls must send back. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, apiRequest } from './api/client.js';
import type { OrganisationView, SessionView, SignedIn, UserView } from './api/types.js';

export interface Session {
  readonly user: UserView;
  readonly organisation: OrganisationView;
  readonly csrfToken: string | null;
}

interface SessionState {
  /** undefined while the first check runs; null when nobody is signed in. */
  readonly session: Session | null | undefined;
  signedIn(result: SignedIn): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    apiRequest<SessionView>('/api/session')
      .then((view) => {
        if (!cancelled) setSession(view.user ? { user: view.user, organisation: view.organisation, csrfToken: view.csrfToken ?? null } : null);
      })
      .catch((error: unknown) => {
        // 401 is the ordinary "nobody signed in"; any other failure also leaves the visitor anonymous.
        if (!cancelled) setSession(null);
        if (!(error instanceof ApiError && error.status === 401)) console.warn('session check failed', error);
      });
    return () => {
      cancelled = true;
    };
  }, []);
  const signedIn = useCallback((result: SignedIn) => setSession({ user: result.user, organisation: result.organisation, csrfToken: result.csrfToken }), []);
  const signOut = useCallback(async () => {
    await apiRequest('/api/auth/logout', { method: 'POST', csrfToken: session?.csrfToken ?? null });
    setSession(null);
  }, [session]);
  const value = useMemo(() => ({ session, signedIn, signOut }), [session, signedIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
