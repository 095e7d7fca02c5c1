import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { openTestStore } from '../database.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { buildApp, ensureAdmin } from '../../src/server/index.js';
import { type Store } from '../../src/store/index.js';

/** Chromium from Debian's package; the browser tests skip when it is missing. */
export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser tests skip, or false when they can run. */
export const SKIP_REASON = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} is missing; install Debian's chromium package to run the browser tests`;

// Flags that keep a headless Chromium from reaching hosts other than the test server.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = path.join(ROOT, 'data/samples/support-records-part14.md');

/** Phone and desktop sizes every page must fit without horizontal scrolling. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 375, height: 812 },
} as const;

/** Login of an account the tests use. */
export interface Account {
  email: string;
  password: string;
  name: string;
}

/** A signed-in API client that keeps the session cookie and sends the CSRF token. */
export class ApiClient {
  private cookie = '';
  private csrf = '';

  constructor(private readonly baseUrl: string) {}

  /** Signs in, or with `signup` creates a customer account first. */
  async signIn(account: Account, options: { signup?: boolean } = {}): Promise<number> {
    const route = options.signup ? '/auth/signup' : '/auth/login';
    const body = options.signup ? account : { email: account.email, password: account.password };
    const response = await fetch(`${this.baseUrl}/api/v1${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${route} failed: ${response.status} ${await response.text()}`);
    this.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
    const session = (await response.json()) as { user: { id: number }; csrfToken: string };
    this.csrf = session.csrfToken;
    return session.user.id;
  }

  /** Sends a request and returns the parsed JSON body; raises on an error status. */
  async request<T>(method: string, route: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { cookie: this.cookie, 'x-csrf-token': this.csrf };
    let payload: FormData | string | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await fetch(`${this.baseUrl}/api/v1${route}`, {
      method,
      headers,
      body: payload,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${route} failed: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** A running server on a temporary database with the sample archive, and its accounts. */
export interface TestServer {
  url: string;
  app: FastifyInstance;
  store: Store;
  admin: ApiClient;
  adminAccount: Account;
  agent: Account;
  /** Creates a customer account through the API and returns a client signed in as it. */
  customer(name: string): Promise<{ account: Account; client: ApiClient; id: number }>;
  close(): Promise<void>;
}

let accountCounter = 0;

/** Returns a fresh account login with a unique address. */
export function newAccount(name: string): Account {
  accountCounter += 1;
  return {
    name,
    email: `${name.toLowerCase().replace(/\W+/g, '')}-${Date.now()}-${accountCounter}@example.test`,
    password: 'correct-horse-battery',
  };
}

async function buildWeb(outDir: string): Promise<void> {
  await build({
    configFile: path.join(ROOT, 'web/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}

async function seed(admin: ApiClient): Promise<void> {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(SAMPLE)]), path.basename(SAMPLE));
  await admin.request('POST', '/import', form);

  // Approved FAQ entries are what the portal suggests while a customer types.
  await admin.request('POST', '/faq/mine', { minCases: 2 });
  const pending = await admin.request<Array<{ id: number }>>('GET', '/faq?status=pending');
  for (const entry of pending) {
    await admin.request('PATCH', `/faq/${entry.id}`, { status: 'approved' });
  }
}

/**
 * Builds the web app into a temporary folder, opens a temporary SQLite database, imports the
 * sample archive through the API, approves the mined FAQ entries, creates an agent, and
 * listens on 127.0.0.1 at a free port.
 */
export async function startServer(): Promise<TestServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'casebook-web-'));
  const webRoot = path.join(dir, 'dist');
  await buildWeb(webRoot);

  const store = await openTestStore(dir, 'casebook.db');
  const initial = (await ensureAdmin(store))!;
  const generous = { max: 10_000, windowMs: 60_000 };
  const app = await buildApp({
    store,
    logger: false,
    webRoot,
    rateLimits: { login: generous, signup: generous, faqSuggest: generous },
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });

  const adminAccount = { ...initial, name: 'Administrator' };
  const admin = new ApiClient(address);
  await admin.signIn(adminAccount);
  await seed(admin);
  const agent = newAccount('Agent Li');
  await admin.request('POST', '/users', { ...agent, role: 'agent' });

  return {
    url: address,
    app,
    store,
    admin,
    adminAccount,
    agent,
    async customer(name) {
      const account = newAccount(name);
      const client = new ApiClient(address);
      const id = await client.signIn(account, { signup: true });
      return { account, client, id };
    },
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A Chromium with a fresh profile folder, one per simulated user. */
export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Launches headless Chromium with its own fresh --user-data-dir. */
export async function openBrowser(
  viewport: { width: number; height: number } = VIEWPORTS.desktop,
  timezoneId = 'Asia/Shanghai',
): Promise<TestBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'casebook-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale: 'zh-CN',
    timezoneId,
  });
  // Every step of these tests takes well under a second; a wait this long means a failure.
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the sign-in page and waits for the user's home page. */
export async function signInWithForm(page: Page, baseUrl: string, account: Account) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('邮箱').fill(account.email);
  await page.getByLabel('密码').fill(account.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/(console|portal)/);
}

/** Returns how far the page is wider than its viewport, in CSS pixels (0 when it fits). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    'Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth',
  );
}
