import { apiRequest, setCsrfToken } from './client';
import type { Me } from './types';

/** Returns the signed-in user, or null when the browser has no valid session. */
export async function fetchMe(): Promise<Me | null> {
  // GET /auth/session returns 200 for a visitor who is not logged in, so the browser logs no
  // failed request on every page a visitor opens.
  const session = await apiRequest<{ user: Me['user'] | null; csrfToken: string | null }>(
    '/auth/session',
  );
  setCsrfToken(session.csrfToken);
  return session.user === null ? null : { user: session.user, csrfToken: session.csrfToken };
}

function accept(me: Me): Me {
  setCsrfToken(me.csrfToken);
  return me;
}

/** Signs in with e-mail and password. */
export async function login(email: string, password: string): Promise<Me> {
  return accept(await apiRequest<Me>('/auth/login', { method: 'POST', body: { email, password } }));
}

/** Creates a customer account and signs it in. */
export async function signup(fields: { email: string; name: string; password: string }) {
  return accept(await apiRequest<Me>('/auth/signup', { method: 'POST', body: fields }));
}

/** Ends the session. */
export async function logout(): Promise<void> {
  await apiRequest('/auth/logout', { method: 'POST' });
  setCsrfToken(null);
}
