import { ApiRequestError, apiRequest, setCsrfToken } from './client';
import type { Me } from './types';

/** Returns the signed-in user, or null when the browser has no valid session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await apiRequest<Me>('/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) return null;
    throw error;
  }
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
