import { RedactionSession, findPlaceholders, redact, type ValueHook } from '../../redact/index.js';

/**
 * Builds a redaction session whose numbering continues after the placeholders already in
 * `texts`, so a new message of a case never reuses a number the case gives to another value.
 * The session cannot know which original value an old placeholder stood for (only redacted
 * text is stored), so a value repeated in a later message gets the next free number.
 */
export function continuingSession(texts: readonly string[], onValue?: ValueHook): RedactionSession {
  const session = new RedactionSession({ onValue });
  for (const text of texts) {
    for (const span of findPlaceholders(text)) {
      if (span.type !== null && span.index !== null) session.reserve(span.type, span.index);
    }
  }
  return session;
}

/**
 * Redacts a message with a session that continues the numbering of a case's `texts`;
 * `onValue` receives each new value with its placeholder, for the vault.
 */
export function redactForCase(text: string, texts: readonly string[], onValue?: ValueHook): string {
  return redact(text, continuingSession(texts, onValue)).text;
}
