import { describeType } from './transcripts/fields.js';

/** A parsed JSON object, keyed by field name. */
export type JsonObject = Record<string, unknown>;

/** Tells whether a parsed JSON value is an object, not an array or null. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The result of {@link parseJsonObject}: the object, or why the text is not one. */
export type ParsedObject =
  | { object: JsonObject }
  | { invalid: 'syntax'; reason: string }
  | { invalid: 'type'; found: string };

/**
 * Parses one line of JSON Lines that must be an object. A failure gives the parser's message
 * for invalid JSON, or the type that was found (`an array`) for valid JSON that is no object.
 */
export function parseJsonObject(text: string): ParsedObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { invalid: 'syntax', reason: error instanceof Error ? error.message : String(error) };
  }
  return isObject(value) ? { object: value } : { invalid: 'type', found: describeType(value) };
}
