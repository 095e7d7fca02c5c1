import type { LlmConfig } from './config.js';
import type { ChatMessage } from './prompt.js';

/** A failed model request; the caller falls back to the extractive draft. */
export class LlmError extends Error {
  constructor(
    readonly code: 'llm-request-failed' | 'llm-timeout' | 'llm-bad-response',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LlmError';
  }
}

interface ChatCompletion {
  choices?: Array<{ message?: { content?: unknown } }>;
}

/**
 * Sends one non-streaming chat-completions request (the OpenAI protocol that Ollama, vLLM and
 * hosted services accept) and returns the first choice's text.
 */
export async function completeChat(config: LlmConfig, messages: ChatMessage[]): Promise<string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;

  let response: Response;
  try {
    response = await fetch(config.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ model: config.model, messages, temperature: 0.2, stream: false }),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new LlmError(
        'llm-timeout',
        `No response from ${config.url} within ${config.timeoutMs} ms.`,
        { cause: error },
      );
    }
    throw new LlmError('llm-request-failed', `Request to ${config.url} failed: ${String(error)}`, {
      cause: error,
    });
  }

  if (!response.ok) {
    throw new LlmError('llm-request-failed', `${config.url} returned HTTP ${response.status}.`);
  }
  let body: ChatCompletion;
  try {
    body = (await response.json()) as ChatCompletion;
  } catch (error) {
    throw new LlmError('llm-bad-response', `${config.url} returned a body that is not JSON.`, {
      cause: error,
    });
  }
  const content = body.choices?.[0]?.message?.content;
  if (typeof content !== 'string' || content.trim() === '') {
    throw new LlmError(
      'llm-bad-response',
      `${config.url} returned no message content in choices[0].`,
    );
  }
  return content.trim();
}
