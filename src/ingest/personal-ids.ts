import { createHash } from 'node:crypto';
import { redact } from '../redact/index.js';

// An e-mail sign, a mainland mobile number or a run of 15 or more digits (an ID number).
const PERSONAL_IN_ID = /@|(?<!\d)1[3-9]\d{9}(?!\d)|\d{15,}/;

/** Tells whether an id contains personal data, and so must not be stored or listed as it is. */
export function hasPersonalData(id: string): boolean {
  // Inside an identifier the redactor keeps digits (wx_oAbc123-13912345678), which an id must not.
  return redact(id).entities.length > 0 || PERSONAL_IN_ID.test(id);
}

// The form storedId gives an id with personal data.
const DIGEST = /^h[0-9a-f]{16}$/;

/** Tells whether an id is a digest that {@link storedId} made. */
export function isDigestId(id: string): boolean {
  return DIGEST.test(id);
}

/**
 * Returns an id as it may be stored and listed: the id itself, or, when it contains personal
 * data, `h` and the first 16 hex digits of its SHA-256. The digest is the same on every import,
 * so re-importing a file still finds what the id named.
 */
export function storedId(id: string): string {
  if (!hasPersonalData(id)) return id;
  return `h${createHash('sha256').update(id).digest('hex').slice(0, 16)}`;
}
