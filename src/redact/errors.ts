/**
 * Stable codes of the errors the redaction area raises.
 *
 * - REDACT_DATA_INVALID: a data file under data/redact is missing or has a field of the wrong
 *   shape. Restore the file from the repository or fix the field the message names.
 * - REDACT_VAULT_KEY_INVALID: the vault key is not 32 bytes written as base64 or hex.
 * - REDACT_VAULT_SEALED_INVALID: a sealed value is not in the `v1.` format the vault writes.
 * - REDACT_VAULT_OPEN_FAILED: a sealed value failed authentication: a different key sealed
 *   it, or it was altered.
 */
export type RedactErrorCode =
  | 'REDACT_DATA_INVALID'
  | 'REDACT_VAULT_KEY_INVALID'
  | 'REDACT_VAULT_SEALED_INVALID'
  | 'REDACT_VAULT_OPEN_FAILED';

/** Error raised by the redaction area, with a stable `code`. */
export class RedactError extends Error {
  readonly code: RedactErrorCode;

  constructor(code: RedactErrorCode, message: string) {
    super(message);
    this.name = 'RedactError';
    this.code = code;
  }
}
