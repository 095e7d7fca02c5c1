/** Settings of the optional language-model reply writer. */
export interface LlmConfig {
  /** Chat-completions endpoint, such as `http://127.0.0.1:11434/v1/chat/completions`. */
  url: string;
  model: string;
  /** Bearer token; local servers usually need none. */
  apiKey?: string;
  /** Milliseconds to wait for the whole response before falling back. */
  timeoutMs: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;

/**
 * Reads the language-model settings from the environment. Returns null unless
 * `CASEBOOK_LLM_URL` is set, so nothing calls out by default.
 */
export function llmConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LlmConfig | null {
  const url = env.CASEBOOK_LLM_URL?.trim();
  if (!url) return null;

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(
      `Invalid CASEBOOK_LLM_URL "${url}": expected an http(s) URL of a chat-completions endpoint.`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`Invalid CASEBOOK_LLM_URL "${url}": only http and https are supported.`);
  }

  const model = env.CASEBOOK_LLM_MODEL?.trim();
  if (!model)
    throw new Error(
      'CASEBOOK_LLM_URL is set but CASEBOOK_LLM_MODEL is not: name the model to use.',
    );

  const timeout = env.CASEBOOK_LLM_TIMEOUT_MS
    ? Number(env.CASEBOOK_LLM_TIMEOUT_MS)
    : DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeout) || timeout <= 0) {
    throw new Error(
      `Invalid CASEBOOK_LLM_TIMEOUT_MS "${env.CASEBOOK_LLM_TIMEOUT_MS}": expected milliseconds > 0.`,
    );
  }
  return { url, model, apiKey: env.CASEBOOK_LLM_KEY || undefined, timeoutMs: timeout };
}
