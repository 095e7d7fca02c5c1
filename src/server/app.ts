import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { databaseRateLimitStore } from './plugins/rate-limit-store.js';
import { loadMemorySearch } from './memory-search.js';
import { createJobQueue, type JobQueueOptions } from '../jobs/index.js';
import { registerJobHandlers } from './jobs/index.js';
import { packagePath } from '../shared/paths.js';
import type { Store } from '../store/open.js';
import { deleteExpiredSessions } from '../store/sessions.js';
import { deleteStaleUploads } from '../store/import-uploads.js';
import type { LlmConfig } from '../triage/index.js';
import { ServerContext, type RateLimits, type ServerSettings } from './context.js';
import { registerErrorHandler } from './error-handler.js';
import { answerClientError } from './client-error.js';
import { loggerOptions, registerRequestLogging, type LogSettings } from './logging.js';
import { registerOpenApi, registerOpenApiUi } from './plugins/openapi.js';
import { registerSecurity } from './plugins/security.js';
import { registerWebApp } from './plugins/web-app.js';
import { apiRoutes } from './routes/index.js';

/** Options of {@link buildApp}; everything but `store` has a default. */
export interface AppOptions {
  store: Store;
  /** Log settings, or false for no log. Default: info level on stdout. */
  logger?: LogSettings | false;
  /** Language model for reply drafts; none by default. */
  llm?: LlmConfig | null;
  /** Secure flag of the session cookie. Default `auto`: set when the request came over https. */
  cookieSecure?: boolean | 'auto';
  /** Trust X-Forwarded-* headers of a reverse proxy, for the client address and https. */
  trustProxy?: boolean;
  /** Session lifetime in hours. Default 168 (7 days). */
  sessionTtlHours?: number;
  /** Largest JSON body in bytes. Default 1 MiB. */
  bodyLimitBytes?: number;
  /** Largest upload of POST /import in bytes. Default 50 MiB. */
  importLimitBytes?: number;
  /** Requests taking this many milliseconds or more are logged as slow. Default 1000. */
  slowRequestMs?: number;
  rateLimits?: Partial<RateLimits>;
  /** Folder of the built web app. Default `web/dist` of the package; null serves none. */
  webRoot?: string | null;
  /** Key of the vault that seals contact values on import; the vault is off by default. */
  vaultKey?: Uint8Array | null;
  /** How long an import, FAQ mining or re-index request waits for its job. Default 120 s. */
  jobWaitMs?: number;
  /** Settings of the job queue, such as pg-boss's expiry; the defaults suit production. */
  jobQueue?: JobQueueOptions;
  /** Load the search index into memory after start (`casebook serve` does). Default false. */
  memorySearch?: boolean;
  /**
   * Snapshot file of the in-memory search index. Default: beside a SQLite database file, and
   * none for PostgreSQL.
   */
  indexSnapshot?: string;
}

/** Default request limits per client address. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  login: { max: 10, windowMs: 15 * 60_000 },
  signup: { max: 5, windowMs: 60 * 60_000 },
  faqSuggest: { max: 60, windowMs: 60_000 },
  intake: { max: 120, windowMs: 60_000 },
};

const SESSION_SWEEP_MS = 60 * 60_000;
const UPLOAD_MAX_AGE_MS = 24 * 60 * 60_000;

function resolveSettings(options: AppOptions): ServerSettings {
  return {
    cookieSecure: options.cookieSecure ?? 'auto',
    sessionTtlHours: options.sessionTtlHours ?? 168,
    bodyLimitBytes: options.bodyLimitBytes ?? 1024 * 1024,
    importLimitBytes: options.importLimitBytes ?? 50 * 1024 * 1024,
    slowRequestMs: options.slowRequestMs ?? 1000,
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
    webRoot: options.webRoot === undefined ? packagePath('web', 'dist') : options.webRoot,
    vaultKey: options.vaultKey ?? null,
    jobWaitMs: options.jobWaitMs ?? 120_000,
  };
}

/**
 * Builds the helpdesk HTTP app on an open store without listening, so tests can call
 * `app.inject`. The API is under /api/v1, its OpenAPI document at /api/v1/openapi.json and
 * its UI at /api/docs; the web app, when built, is served at /.
 *
 * @example
 * const app = await buildApp({ store, logger: false });
 * const response = await app.inject({ method: 'GET', url: '/api/v1/auth/me' });
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const settings = resolveSettings(options);
  const app = Fastify({
    logger: loggerOptions(options.logger),
    bodyLimit: settings.bodyLimitBytes,
    trustProxy: options.trustProxy ?? false,
    genReqId: () => randomUUID(),
    // Requests are logged by registerRequestLogging, with the route pattern instead of the URL.
    logController: new LogController({ disableRequestLogging: true }),
    // Unknown properties are rejected rather than silently dropped.
    ajv: { customOptions: { removeAdditional: false } },
    clientErrorHandler: answerClientError,
  });

  const jobs = createJobQueue(options.store, { ...options.jobQueue, logger: app.log });
  const context = new ServerContext(options.store, settings, options.llm ?? null, jobs);
  registerJobHandlers(jobs, context);
  app.decorate('casebook', context);
  // Jobs start once the routes are ready, and the queue stops before the store is closed.
  app.addHook('onReady', () => jobs.start());
  app.addHook('onClose', () => jobs.stop());
  app.decorateRequest('principal', null);
  registerErrorHandler(app);
  registerRequestLogging(app, settings.slowRequestMs);

  await registerSecurity(app);
  // Instances on one PostgreSQL database share their counters; one SQLite process counts in
  // memory.
  const store = options.store;
  await app.register(rateLimit, {
    global: false,
    ...(store.dialect === 'postgres' ? { store: databaseRateLimitStore(store.sql) } : {}),
  });
  await registerOpenApi(app);
  await app.register(apiRoutes, { prefix: '/api/v1' });
  await registerOpenApiUi(app);
  await registerWebApp(app, settings.webRoot);
  sweepExpiredSessions(app);
  if (options.memorySearch) loadMemorySearch(app, store, options.indexSnapshot);
  return app;
}

function sweepExpiredSessions(app: FastifyInstance): void {
  const sweep = async () => {
    const removed = await deleteExpiredSessions(app.casebook.store, new Date().toISOString());
    if (removed > 0) app.log.info({ removed }, 'expired sessions deleted');
    // Uploads of jobs that failed for good; a retried job runs well within a day.
    const dayAgo = new Date(Date.now() - UPLOAD_MAX_AGE_MS).toISOString();
    const uploads = await deleteStaleUploads(app.casebook.store, dayAgo);
    if (uploads > 0) app.log.info({ uploads }, 'stale import uploads deleted');
  };
  let timer: NodeJS.Timeout | undefined;

  app.addHook('onReady', async () => {
    await sweep();
    timer = setInterval(() => {
      sweep().catch((error: unknown) => app.log.error({ err: error }, 'session sweep failed'));
    }, SESSION_SWEEP_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    app.log.info('server stopped');
  });
}
