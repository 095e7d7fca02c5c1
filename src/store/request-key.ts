import { createHash } from 'node:crypto';

/**
 * Returns the form in which an Idempotency-Key is stored: its SHA-256 digest. A client may put
 * anything in the header, an order number or an e-mail address among them, and the key is only
 * ever compared, so the database keeps no copy of it.
 */
export function storedRequestKey(key: string): string {
  return `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}
