import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import * as authApi from '../api/auth';
import type { Me, User } from '../api/types';

/** The session as components see it. */
export interface AuthState {
  /** True until the first GET /auth/me has returned. */
  loading: boolean;
  user: User | null;
  /** Set when the session check failed for a reason other than "not signed in". */
  error: Error | null;
  login(email: string, password: string): Promise<User>;
  signup(fields: { email: string; name: string; password: string }): Promise<User>;
  logout(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/** Loads the session once and provides it, with login, signup and logout, to the app. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [loading, setLoading] = useState(true);
  const [user, setUser] = useState<User | null>(null);
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    authApi
      .fetchMe()
      .then((me) => setUser(me?.user ?? null))
      .catch((cause: Error) => setError(cause))
      .finally(() => setLoading(false));
  }, []);

  const accept = useCallback((me: Me) => {
    setUser(me.user);
    setError(null);
    return me.user;
  }, []);

  const value = useMemo<AuthState>(
    () => ({
      loading,
      user,
      error,
      login: (email, password) => authApi.login(email, password).then(accept),
      signup: (fields) => authApi.signup(fields).then(accept),
      logout: async () => {
        // The local session ends even when the request fails, so the user can sign in again.
        try {
          await authApi.logout();
        } finally {
          setUser(null);
        }
      },
    }),
    [loading, user, error, accept],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** Returns the session context; components must sit inside {@link AuthProvider}. */
export function useAuth(): AuthState {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth was called outside <AuthProvider>.');
  return context;
}

/** Tells whether a user works the cases (agent or admin) rather than opening them. */
export function isStaff(user: User | null): boolean {
  return user?.role === 'agent' || user?.role === 'admin';
}
