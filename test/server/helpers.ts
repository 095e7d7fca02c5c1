import { openTestStore } from '../database.js';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { importArchives } from '../../src/ingest/index.js';
import { buildApp, ensureAdmin, type AppOptions } from '../../src/server/index.js';
import { type Store } from '../../src/store/index.js';
import { SAMPLE, tempDir } from '../helpers.js';

/** Rate limits high enough that only the rate-limit tests reach them. */
export const RELAXED_LIMITS = {
  login: { max: 1000, windowMs: 60_000 },
  signup: { max: 1000, windowMs: 60_000 },
  faqSuggest: { max: 1000, windowMs: 60_000 },
  intake: { max: 1000, windowMs: 60_000 },
};

/** A test server on a SQLite file with the sample archive imported. */
export interface TestServer {
  app: FastifyInstance;
  store: Store;
  dir: string;
  admin: { email: string; password: string };
  close(): Promise<void>;
}

/** Builds an app on a fresh database in a temporary folder, with the sample imported. */
export async function startTestServer(options: Partial<AppOptions> = {}): Promise<TestServer> {
  const { dir, cleanup } = tempDir('casebook-server-');
  const store = await openTestStore(dir, 'cases.db');
  await importArchives(store, [SAMPLE]);
  const admin = (await ensureAdmin(store))!;
  const app = await buildApp({
    store,
    logger: false,
    webRoot: null,
    rateLimits: RELAXED_LIMITS,
    ...options,
  });
  return {
    app,
    store,
    dir,
    admin,
    close: async () => {
      await app.close();
      await store.close();
      cleanup();
    },
  };
}

/** A logged-in client: its session cookie and CSRF token. */
export class Client {
  constructor(
    readonly app: FastifyInstance,
    readonly cookie: string,
    readonly csrfToken: string,
    readonly user: { id: number; role: string; email: string },
  ) {}

  /** Sends a request with the session cookie and, unless `csrf` is false, the CSRF header. */
  request(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    options: { csrf?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {};
    if (options.csrf !== false) headers['x-csrf-token'] = this.csrfToken;
    return this.app.inject({
      method,
      url,
      headers,
      cookies: { casebook_session: this.cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  }
}

function clientFrom(app: FastifyInstance, response: LightMyRequestResponse): Client {
  if (response.statusCode >= 300) {
    throw new Error(`login failed with ${response.statusCode}: ${response.body}`);
  }
  const cookie = response.cookies.find((c) => c.name === 'casebook_session');
  const body = response.json() as { user: Client['user']; csrfToken: string };
  return new Client(app, cookie!.value, body.csrfToken, body.user);
}

/** Logs in and returns the client. */
export async function login(app: FastifyInstance, email: string, password: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
  });
  return clientFrom(app, response);
}

/** Signs up a customer and returns the logged-in client. */
export async function signup(app: FastifyInstance, email: string, password = 'customer-pass-1') {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: { email, password, name: email.split('@')[0] },
  });
  return clientFrom(app, response);
}

/** Creates an account of any role through the admin API and logs it in. */
export async function createAccount(
  admin: Client,
  email: string,
  role: 'admin' | 'agent' | 'customer',
  password = 'account-pass-1',
): Promise<Client> {
  const created = await admin.request('POST', '/api/v1/users', {
    email,
    name: email.split('@')[0],
    role,
    password,
  });
  if (created.statusCode !== 201) throw new Error(`create ${email}: ${created.body}`);
  return login(admin.app, email, password);
}

/** Returns the error code of an error response. */
export function errorCode(response: LightMyRequestResponse): string | undefined {
  return (response.json() as { error?: { code?: string } }).error?.code;
}
