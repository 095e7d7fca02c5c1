/** Base path of every HTTP API route. */
export const API_BASE = '/api/v1';

/** An error response of the API, or a network failure (`code` is then `network-error`). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

// The session's CSRF token from GET /auth/me. State-changing requests echo it in x-csrf-token.
let csrfToken: string | null = null;

/** Stores the CSRF token that later POST, PATCH and DELETE requests send. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Returns the CSRF token of the session, for requests sent without {@link apiRequest}. */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

/** Options of {@link apiRequest}. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** A JSON body; FormData and strings are sent as they are. */
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Builds `/api/v1{path}?query`, leaving out empty query values. */
export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

function encodeBody(body: unknown, headers: Headers): BodyInit | undefined {
  if (body === undefined) return undefined;
  if (body instanceof FormData || typeof body === 'string' || body instanceof Blob) return body;
  headers.set('content-type', 'application/json');
  return JSON.stringify(body);
}

/** Converts the JSON error body of a failed response into an {@link ApiRequestError}. */
export function errorFromBody(status: number, statusText: string, payload: unknown) {
  const error = (payload as { error?: { code?: string; message?: string; details?: unknown } })
    ?.error;
  return new ApiRequestError(
    status,
    error?.code ?? `http-${status}`,
    error?.message ?? statusText,
    error?.details,
  );
}

async function toError(response: Response): Promise<ApiRequestError> {
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // A body that is not JSON (a proxy's HTML error page, for example) keeps the status text.
  }
  return errorFromBody(response.status, response.statusText, payload);
}

/** Sends a request to the API and returns the parsed response: JSON, text or nothing. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers = new Headers(options.headers);
  headers.set('accept', 'application/json');
  if (method !== 'GET' && csrfToken) headers.set('x-csrf-token', csrfToken);

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body: encodeBody(options.body, headers),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiRequestError(0, 'network-error', (error as Error).message);
  }

  if (!response.ok) throw await toError(response);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('application/json')) return (await response.json()) as T;
  return (await response.text()) as T;
}
