import { loadPreviousCase } from '../../store/previous-case.js';
import { recordAudit } from '../../store/audit-log.js';
import { reindexCase } from '../../store/case-index.js';
import { sealingHook, type VaultEntry } from '../../redact/vault.js';
import {
  appendMessage,
  insertSealedValues,
  readCaseState,
  readCaseTexts,
  recordActivity,
  refreshAnswer,
  type CaseState,
} from '../../store/helpdesk-writes.js';
import type { Principal } from '../auth/principal.js';
import type { ServerContext } from '../context.js';
import type { SqlExecutor } from '../../store/sql-executor.js';
import { isUniqueViolation } from '../../store/errors.js';
import { findMessageRequest, insertMessageRequest } from '../../store/message-requests.js';
import { ApiError } from '../errors.js';
import { redactForCase } from './redaction.js';

/** A message to add to a case, as its author wrote it (not yet redacted). */
export interface MessageInput {
  caseId: number;
  principal: Principal;
  text: string;
  internal: boolean;
  /** The request's Idempotency-Key with a hash of what it asked for, when it sent one. */
  idempotency?: { key: string; hash: string };
}

/** The added message, or the one an earlier request with the same Idempotency-Key added. */
export interface AddedMessage {
  id: number;
  seq: number;
  replayed: boolean;
}

/**
 * Adds a message to a case in one transaction. The text is redacted with numbering that
 * continues the case's placeholders, and contact values are sealed when the vault is on. A
 * customer message makes the case `unanswered` and an agent reply `answered`; the first reply
 * stamps the first response. The case is re-indexed, and an agent's reply or note is audited.
 * Internal notes change neither the status nor the index.
 */
export async function addMessage(
  context: ServerContext,
  input: MessageInput,
): Promise<AddedMessage> {
  let added: AddedMessage;
  try {
    added = await context.writes.run(() =>
      context.store.sql.transaction((sql) => writeMessage(context, sql, input)),
    );
  } catch (error) {
    // Another instance stored the same key for another case at the same moment.
    if (!input.idempotency || !isUniqueViolation(error)) throw error;
    const earlier = await replay(context.store.sql, input);
    if (!earlier) throw error;
    return earlier;
  }
  if (!input.internal && !added.replayed) context.invalidateTriage();
  return added;
}

/**
 * Returns the message of an earlier request with the same key, or raises
 * `idempotency-key-reused` when that request asked for something else.
 */
async function replay(sql: SqlExecutor, input: MessageInput): Promise<AddedMessage | undefined> {
  if (!input.idempotency) return undefined;
  const earlier = await findMessageRequest(sql, input.principal.user.id, input.idempotency.key);
  if (!earlier) return undefined;
  if (earlier.requestHash !== input.idempotency.hash) {
    throw new ApiError(
      'idempotency-key-reused',
      'This Idempotency-Key was sent before with a different message; use a new key.',
    );
  }
  return { id: earlier.messageId, seq: earlier.seq, replayed: true };
}

async function writeMessage(
  context: ServerContext,
  sql: SqlExecutor,
  input: MessageInput,
): Promise<AddedMessage> {
  const role = input.principal.user.role === 'customer' ? 'customer' : 'agent';
  // Reading the case locks it on PostgreSQL, so a retry of the same request waits for the first
  // and then finds its key.
  const state = await readCaseState(sql, input.caseId);
  if (!state) throw new ApiError('case-not-found', `No case with id ${input.caseId}.`);
  const earlier = await replay(sql, input);
  if (earlier) return earlier;
  if (state.status === 'closed') {
    throw new ApiError('case-closed', `Case ${input.caseId} is closed; reopen it first.`);
  }

  const sealed: VaultEntry[] = [];
  const onValue = context.vault
    ? sealingHook(context.vault, String(input.caseId), (entry) => sealed.push(entry))
    : undefined;
  const text = redactForCase(input.text, await readCaseTexts(sql, input.caseId), onValue);
  const previous = await loadPreviousCase(sql, input.caseId);
  const at = new Date().toISOString();
  const message = await appendMessage(sql, {
    caseId: input.caseId,
    role,
    text,
    authorId: input.principal.user.id,
    internal: input.internal,
    createdAt: at,
  });
  await insertSealedValues(sql, input.caseId, sealed);
  if (input.idempotency) {
    await insertMessageRequest(sql, {
      ownerId: input.principal.user.id,
      key: input.idempotency.key,
      requestHash: input.idempotency.hash,
      messageId: message.id,
    });
  }

  if (!input.internal) {
    await recordVisibleMessage(sql, state, role, at);
    await reindexCase(sql, input.caseId, previous);
  }
  if (role === 'agent') await auditMessage(sql, input, message.id);
  return { ...message, replayed: false };
}

async function recordVisibleMessage(
  sql: SqlExecutor,
  state: CaseState,
  role: 'customer' | 'agent',
  at: string,
): Promise<void> {
  const opened = Date.parse(state.openedAt ?? state.createdAt);
  const firstResponse = role === 'agent' && state.firstResponseAt === null;
  await recordActivity(sql, state.id, {
    at,
    status: role === 'customer' ? 'unanswered' : 'answered',
    firstResponseSeconds: firstResponse
      ? Math.max(0, Math.round((Date.parse(at) - opened) / 1000))
      : undefined,
  });
  if (role === 'agent') await refreshAnswer(sql, state.id);
}

async function auditMessage(sql: SqlExecutor, input: MessageInput, messageId: number) {
  await recordAudit(sql, {
    actorId: input.principal.user.id,
    tokenId: input.principal.token?.id ?? null,
    action: input.internal ? 'case.note' : 'case.reply',
    targetType: 'case',
    targetId: input.caseId,
    details: { messageId },
  });
}
