import assert from 'node:assert/strict';
import { idCardCheckChar, luhnCheckDigit } from '../../src/redact/checksums.js';
import { Redactor, type RedactOptions } from '../../src/redact/index.js';

const redactors = new Map<string, Redactor>();

/** Redacts `text` with a fresh session and returns the output text. */
export function redacted(text: string, options: RedactOptions = {}): string {
  const key = JSON.stringify(options);
  let redactor = redactors.get(key);
  if (redactor === undefined) {
    redactor = new Redactor(options);
    redactors.set(key, redactor);
  }
  return redactor.redact(text).text;
}

/** Asserts that each text redacts to its expected output. */
export function assertRedacts(cases: Array<[string, string]>): void {
  for (const [text, expected] of cases) assert.equal(redacted(text), expected, text);
}

/** Asserts that each text comes out of redaction unchanged. */
export function assertKeeps(texts: string[]): void {
  for (const text of texts) assert.equal(redacted(text), text, text);
}

/** Builds a valid 18-character ID number from its first 17 digits. */
export function idCard(first17: string): string {
  return first17 + idCardCheckChar(first17);
}

/** Builds a Luhn-valid card number from all digits but the last. */
export function card(partial: string): string {
  return partial + luhnCheckDigit(partial);
}
