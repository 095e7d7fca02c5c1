import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

import { RedactError } from './errors.js';
import type { ValueHook } from './placeholders.js';
import type { EntityType } from './types.js';

/** Types whose original values may be sealed: contact data, never secrets. */
export const VAULT_TYPES: ReadonlySet<EntityType> = new Set<EntityType>([
  'PHONE',
  'EMAIL',
  'NAME',
  'LANDLINE',
  'WECHAT',
  'QQ',
  'ADDRESS',
]);

/** One sealed value, as the store keeps it; storage and the audit log of reveals live there. */
export interface VaultEntry {
  /** Stable id of the case the placeholder belongs to. */
  caseKey: string;
  placeholder: string;
  type: EntityType;
  /** Output of Vault.seal. */
  sealed: string;
}

/** AES-256-GCM encryption of single values. */
export interface Vault {
  /** Encrypts `value` with a fresh random IV; returns `v1.<iv>.<ciphertext>.<tag>` in base64url. */
  seal(value: string): string;
  /** Decrypts the output of seal; raises RedactError when the key or the data does not match. */
  open(sealed: string): string;
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT_VERSION = 'v1';

/** Decodes a 32-byte key given as bytes, 64 hex digits or base64 (standard or URL-safe). */
export function parseVaultKey(key: string | Uint8Array): Buffer {
  let bytes: Buffer;
  if (typeof key !== 'string') {
    bytes = Buffer.from(key);
  } else {
    const trimmed = key.trim();
    // Hex first: an even-length run of hex digits is never the base64 of a 32-byte key, which
    // is 43 or 44 characters long.
    if (/^(?:[0-9a-fA-F]{2})+$/.test(trimmed)) {
      bytes = Buffer.from(trimmed, 'hex');
    } else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
      bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    } else {
      throw new RedactError(
        'REDACT_VAULT_KEY_INVALID',
        'Invalid vault key: expected 32 bytes written as 64 hex digits or as base64. ' +
          'Generate one with `openssl rand -base64 32`.',
      );
    }
  }
  if (bytes.length !== KEY_BYTES) {
    throw new RedactError(
      'REDACT_VAULT_KEY_INVALID',
      `Invalid vault key: it decodes to ${bytes.length} bytes, expected ${KEY_BYTES}. ` +
        'Generate one with `openssl rand -base64 32`.',
    );
  }
  return bytes;
}

/**
 * Reads the vault key from CASEBOOK_VAULT_KEY. Returns null when the variable is unset or
 * empty, which leaves the vault off, and raises RedactError when it is set but invalid.
 */
export function vaultKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const value = env.CASEBOOK_VAULT_KEY;
  if (value === undefined || value.trim() === '') return null;
  return parseVaultKey(value);
}

function invalidSealed(): RedactError {
  return new RedactError(
    'REDACT_VAULT_SEALED_INVALID',
    `Invalid sealed value: expected "${FORMAT_VERSION}.<iv>.<ciphertext>.<tag>" in base64url.`,
  );
}

/** Creates a vault that seals values with AES-256-GCM under `key` (see parseVaultKey). */
export function createVault(key: string | Uint8Array): Vault {
  const secret = parseVaultKey(key);
  return {
    seal(value: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', secret, iv);
      const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [FORMAT_VERSION, iv, ciphertext, tag]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },

    open(sealed: string): string {
      const parts = sealed.split('.');
      if (parts.length !== 4 || parts[0] !== FORMAT_VERSION) throw invalidSealed();
      if (!parts.slice(1).every((part) => /^[A-Za-z0-9_-]*$/.test(part))) throw invalidSealed();
      const [iv, ciphertext, tag] = parts.slice(1).map((part) => Buffer.from(part, 'base64url'));
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw invalidSealed();

      const decipher = createDecipheriv('aes-256-gcm', secret, iv);
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch {
        throw new RedactError(
          'REDACT_VAULT_OPEN_FAILED',
          'Failed to open sealed value: it was sealed with another key or has been altered.',
        );
      }
    },
  };
}

/**
 * Builds a session hook that seals each new contact value and passes the entry to `store`.
 * Values of other types (IP, URL, ID numbers) are not sealed.
 */
export function sealingHook(
  vault: Vault,
  caseKey: string,
  store: (entry: VaultEntry) => void,
): ValueHook {
  return (type, placeholder, value) => {
    if (!VAULT_TYPES.has(type)) return;
    store({ caseKey, placeholder, type, sealed: vault.seal(value) });
  };
}
