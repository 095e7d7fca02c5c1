import type { Store } from '../store/open.js';
import { Triage } from '../triage/index.js';
import type { LlmConfig } from '../triage/index.js';
import { createVault, type Vault } from '../redact/vault.js';
import { WriteLock } from './write-lock.js';

/** Request counts allowed per client address and time window, per endpoint group. */
export interface RateLimits {
  login: { max: number; windowMs: number };
  signup: { max: number; windowMs: number };
  faqSuggest: { max: number; windowMs: number };
  intake: { max: number; windowMs: number };
}

/** Settings of a running server, with every default applied. */
export interface ServerSettings {
  /** Secure flag of the session cookie: always, never, or when the request came over https. */
  cookieSecure: boolean | 'auto';
  sessionTtlHours: number;
  bodyLimitBytes: number;
  importLimitBytes: number;
  slowRequestMs: number;
  rateLimits: RateLimits;
  /** Folder of the built web app served at `/`, or null when there is none. */
  webRoot: string | null;
  /** Vault key for sealing contact values, or null when the vault is off. */
  vaultKey: Uint8Array | null;
}

/** State shared by every route handler: the store, settings, the write queue and the triage. */
// The triage engine caches category totals and approved FAQ entries. This server drops the
// cache after its own writes; the age limit picks up imports run by other processes.
const TRIAGE_MAX_AGE_MS = 60_000;

export class ServerContext {
  readonly writes = new WriteLock();
  /** The vault that seals contact values of new text, or null when no key is set. */
  readonly vault: Vault | null;
  #triage: Promise<Triage> | undefined;
  #triageLoadedAt = 0;

  constructor(
    readonly store: Store,
    readonly settings: ServerSettings,
    private readonly llm: LlmConfig | null,
  ) {
    this.vault = settings.vaultKey ? createVault(settings.vaultKey) : null;
  }

  /** Returns the triage engine, loading the category model and approved FAQ entries when stale. */
  triage(): Promise<Triage> {
    if (Date.now() - this.#triageLoadedAt > TRIAGE_MAX_AGE_MS) this.#triage = undefined;
    if (!this.#triage) {
      this.#triageLoadedAt = Date.now();
      this.#triage = Triage.open(this.store, { llm: this.llm }).catch((error: unknown) => {
        this.#triage = undefined;
        throw error;
      });
    }
    return this.#triage;
  }

  /** Drops the loaded triage engine after cases, categories or FAQ entries changed. */
  invalidateTriage(): void {
    this.#triage = undefined;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    casebook: ServerContext;
  }
}
