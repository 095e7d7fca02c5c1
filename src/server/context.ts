import type { Store } from '../store/open.js';
import { Triage } from '../triage/index.js';
import type { LlmConfig } from '../triage/index.js';
import { createVault, type Vault } from '../redact/vault.js';
import { WriteLock } from './write-lock.js';
import { modelFingerprint } from '../store/model-fingerprint.js';
import type { JobQueue } from '../jobs/index.js';

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
  /** How long a request waits for its job before the reply becomes 202 with the job. */
  jobWaitMs: number;
}

// The triage engine caches category totals, the temperature and approved FAQ entries. It is
// rebuilt at once after this instance's own writes. Changes by another instance or process show
// in the model fingerprint, which is read at most once per interval. The costly vocabulary count
// is reused for a minute, because a few new terms barely move the smoothing.
const FINGERPRINT_INTERVAL_MS = 1000;
const VOCABULARY_MAX_AGE_MS = 60_000;

/** State shared by every route handler: the store, settings, the write queue and the triage. */
export class ServerContext {
  readonly writes: WriteLock;
  /** The vault that seals contact values of new text, or null when no key is set. */
  readonly vault: Vault | null;
  #triage: Promise<Triage> | undefined;
  #fingerprint = '';
  #checkedAt = 0;
  #checking: Promise<Triage> | undefined;
  #vocabulary: { size: number; at: number } | undefined;

  constructor(
    readonly store: Store,
    readonly settings: ServerSettings,
    private readonly llm: LlmConfig | null,
    /** The queue of long work: imports, FAQ mining, re-indexing. */
    readonly jobs: JobQueue,
  ) {
    this.writes = new WriteLock(store.dialect === 'sqlite');
    this.vault = settings.vaultKey ? createVault(settings.vaultKey) : null;
  }

  /** Returns the triage engine, reloading it when the model in the database has changed. */
  triage(): Promise<Triage> {
    if (this.#triage && Date.now() - this.#checkedAt < FINGERPRINT_INTERVAL_MS) {
      return this.#triage;
    }
    this.#checking ??= this.#refresh().finally(() => {
      this.#checking = undefined;
    });
    return this.#checking;
  }

  async #refresh(): Promise<Triage> {
    const fingerprint = await modelFingerprint(this.store);
    this.#checkedAt = Date.now();
    if (this.#triage && fingerprint === this.#fingerprint) return this.#triage;

    this.#fingerprint = fingerprint;
    const vocabulary = this.#vocabulary;
    const fresh = vocabulary && Date.now() - vocabulary.at < VOCABULARY_MAX_AGE_MS;
    const loading = Triage.open(this.store, {
      llm: this.llm,
      vocabularySize: fresh ? vocabulary.size : undefined,
    });
    this.#triage = loading;
    try {
      const triage = await loading;
      if (!fresh) this.#vocabulary = { size: triage.vocabularySize, at: Date.now() };
      return triage;
    } catch (error) {
      this.#triage = undefined;
      this.#fingerprint = '';
      throw error;
    }
  }

  /** Drops the loaded triage engine after cases, categories or FAQ entries changed. */
  invalidateTriage(): void {
    this.#triage = undefined;
    this.#fingerprint = '';
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    casebook: ServerContext;
  }
}
