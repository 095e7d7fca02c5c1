import type { SqlExecutor } from './sql-executor.js';
import { storedRequestKey } from './request-key.js';

/** A stored message request, found by its sender and Idempotency-Key. */
export interface MessageRequest {
  messageId: number;
  seq: number;
  requestHash: string;
}

/** Finds the earlier message request with this key from this sender. */
export async function findMessageRequest(
  sql: SqlExecutor,
  ownerId: number,
  key: string,
): Promise<MessageRequest | undefined> {
  const row = await sql.get<{ message_id: number; seq: number; request_hash: string }>(
    `SELECT message_requests.message_id, messages.seq, message_requests.request_hash
     FROM message_requests JOIN messages ON messages.id = message_requests.message_id
     WHERE message_requests.owner_id = ? AND message_requests.idempotency_key = ?`,
    [ownerId, storedRequestKey(key)],
  );
  return row
    ? { messageId: row.message_id, seq: row.seq, requestHash: row.request_hash }
    : undefined;
}

/** Stores the key of a message, in the transaction that added the message. */
export async function insertMessageRequest(
  sql: SqlExecutor,
  request: { ownerId: number; key: string; requestHash: string; messageId: number },
): Promise<void> {
  await sql.run(
    `INSERT INTO message_requests (owner_id, idempotency_key, request_hash, message_id, created_at)
     VALUES (?, ?, ?, ?, ?)`,
    [
      request.ownerId,
      storedRequestKey(request.key),
      request.requestHash,
      request.messageId,
      new Date().toISOString(),
    ],
  );
}
