import type { SqlExecutor } from './sql-executor.js';
import { storedRequestKey } from './request-key.js';

/** An accepted intake request, found by its owner and Idempotency-Key. */
export interface IntakeRequest {
  caseId: number;
  requestHash: string;
}

/** Finds the earlier request with this key from this owner.  */
export async function findIntakeRequest(
  sql: SqlExecutor,
  ownerId: number,
  key: string,
): Promise<IntakeRequest | undefined> {
  const row = (await sql.get(
    'SELECT case_id, request_hash FROM intake_requests WHERE owner_id = ? AND idempotency_key = ?',
    [ownerId, storedRequestKey(key)],
  )) as { case_id: number; request_hash: string } | undefined;
  return row ? { caseId: row.case_id, requestHash: row.request_hash } : undefined;
}

/**
 * Stores an accepted request. The unique (owner_id, idempotency_key) constraint makes this fail
 * with a unique violation when another instance stored the same key first.
 */
export async function insertIntakeRequest(
  sql: SqlExecutor,
  request: { ownerId: number; key: string; requestHash: string; caseId: number },
): Promise<void> {
  await sql.run(
    `INSERT INTO intake_requests (owner_id, idempotency_key, request_hash, case_id, created_at)
       VALUES (?, ?, ?, ?, ?)`,
    [
      request.ownerId,
      storedRequestKey(request.key),
      request.requestHash,
      request.caseId,
      new Date().toISOString(),
    ],
  );
}
