import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Returns `bytes` random bytes as base64url text, for session ids, CSRF tokens and API tokens. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Returns the SHA-256 of a secret as hex. Session ids and API tokens carry 256 random bits, so
 * a fast hash is enough: the database then contains nothing that can be presented as a credential.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares two strings in time that depends only on their length. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
