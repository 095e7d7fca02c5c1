import type { Store } from './open.js';

/** An accepted intake request, found by its owner and Idempotency-Key. */
export interface IntakeRequest {
  caseId: number;
  requestHash: string;
}

/** Finds the earlier request with this key from this owner. Synchronous, for transactions. */
export function findIntakeRequest(
  store: Store,
  ownerId: number,
  key: string,
): IntakeRequest | undefined {
  const row = store.sqlite
    .prepare(
      'SELECT case_id, request_hash FROM intake_requests WHERE owner_id = ? AND idempotency_key = ?',
    )
    .get(ownerId, key) as { case_id: number; request_hash: string } | undefined;
  return row ? { caseId: row.case_id, requestHash: row.request_hash } : undefined;
}

/**
 * Stores an accepted request. The unique (owner_id, idempotency_key) constraint makes this fail
 * with SQLITE_CONSTRAINT_UNIQUE when another process stored the same key first.
 */
export function insertIntakeRequest(
  store: Store,
  request: { ownerId: number; key: string; requestHash: string; caseId: number },
): void {
  store.sqlite
    .prepare(
      `INSERT INTO intake_requests (owner_id, idempotency_key, request_hash, case_id, created_at)
       VALUES (?, ?, ?, ?, ?)`,
    )
    .run(
      request.ownerId,
      request.key,
      request.requestHash,
      request.caseId,
      new Date().toISOString(),
    );
}
