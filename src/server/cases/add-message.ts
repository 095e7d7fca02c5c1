import { loadPreviousCase } from '../../store/previous-case.js';
import { recordAudit } from '../../store/audit-log.js';
import { reindexCase } from '../../store/case-index.js';
import { sealingHook, type VaultEntry } from '../../redact/vault.js';
import {
  appendMessage,
  insertSealedValues,
  inWriteTransaction,
  readCaseState,
  readCaseTexts,
  recordActivity,
  refreshAnswer,
  type CaseState,
} from '../../store/helpdesk-writes.js';
import type { Principal } from '../auth/principal.js';
import type { ServerContext } from '../context.js';
import { ApiError } from '../errors.js';
import { redactForCase } from './redaction.js';

/** A message to add to a case, as its author wrote it (not yet redacted). */
export interface MessageInput {
  caseId: number;
  principal: Principal;
  text: string;
  internal: boolean;
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
): Promise<{ id: number; seq: number }> {
  const added = await context.writes.run(() =>
    inWriteTransaction(context.store, () => writeMessage(context, input)),
  );
  if (!input.internal) context.invalidateTriage();
  return added;
}

function writeMessage(context: ServerContext, input: MessageInput): { id: number; seq: number } {
  const { store } = context;
  const role = input.principal.user.role === 'customer' ? 'customer' : 'agent';
  const state = readCaseState(store, input.caseId);
  if (!state) throw new ApiError('case-not-found', `No case with id ${input.caseId}.`);
  if (state.status === 'closed') {
    throw new ApiError('case-closed', `Case ${input.caseId} is closed; reopen it first.`);
  }

  const sealed: VaultEntry[] = [];
  const onValue = context.vault
    ? sealingHook(context.vault, String(input.caseId), (entry) => sealed.push(entry))
    : undefined;
  const text = redactForCase(input.text, readCaseTexts(store, input.caseId), onValue);
  const previous = loadPreviousCase(store, input.caseId);
  const at = new Date().toISOString();
  const message = appendMessage(store, {
    caseId: input.caseId,
    role,
    text,
    authorId: input.principal.user.id,
    internal: input.internal,
    createdAt: at,
  });
  insertSealedValues(store, input.caseId, sealed);

  if (!input.internal) {
    recordVisibleMessage(context, state, role, at);
    reindexCase(store, input.caseId, previous);
  }
  if (role === 'agent') auditMessage(context, input, message.id);
  return message;
}

function recordVisibleMessage(
  context: ServerContext,
  state: CaseState,
  role: 'customer' | 'agent',
  at: string,
): void {
  const opened = Date.parse(state.openedAt ?? state.createdAt);
  const firstResponse = role === 'agent' && state.firstResponseAt === null;
  recordActivity(context.store, state.id, {
    at,
    status: role === 'customer' ? 'unanswered' : 'answered',
    firstResponseSeconds: firstResponse
      ? Math.max(0, Math.round((Date.parse(at) - opened) / 1000))
      : undefined,
  });
  if (role === 'agent') refreshAnswer(context.store, state.id);
}

function auditMessage(context: ServerContext, input: MessageInput, messageId: number): void {
  recordAudit(context.store, {
    actorId: input.principal.user.id,
    tokenId: input.principal.token?.id ?? null,
    action: input.internal ? 'case.note' : 'case.reply',
    targetType: 'case',
    targetId: input.caseId,
    details: { messageId },
  });
}
