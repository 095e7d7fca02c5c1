import path from 'node:path';
import { storedId } from '../personal-ids.js';
import type { CaseRecord, Turn } from '../record.js';
import type { Conversation, SourceCategory } from './conversation.js';
import { conversationStatus, conversationTiming, type ConversationStatus } from './status.js';
import { chooseDescription, chooseTitle, summarizeAnswer } from './summary.js';
import { toIsoString } from './timestamps.js';

/** Prefix of the ref of a case imported from a transcript, as `Q` is for archive records. */
export const TRANSCRIPT_REF_PREFIX = 'T-';

/**
 * Returns the part of a transcript case's ref after `T-`, which is stored, listed and exported:
 * the conversation id, or its digest when the id contains personal data ({@link storedId}).
 */
export function transcriptRefId(conversationId: string): string {
  return storedId(conversationId);
}

/** Facts about a transcript conversation that a case record has no field for. */
export interface TranscriptMeta {
  conversationId: string;
  /** Category stated by the export, or null; the record's product and type are '' then. */
  sourceCategory: SourceCategory | null;
  status: ConversationStatus;
  /** ISO 8601 creation time in UTC: the export's own, else the first dated message's, or null. */
  createdAt: string | null;
  firstResponseSeconds: number | null;
  durationSeconds: number | null;
  /** Number of messages in the transcript, system messages included. */
  messageCount: number;
}

/** Case record made from a transcript conversation, with the facts the record cannot hold. */
export interface TranscriptCase {
  record: CaseRecord;
  meta: TranscriptMeta;
}

/**
 * Turns a conversation into a case record. `file` is the transcript's path, and its base name
 * becomes `source`. The ref is `T-<conversation id>` ({@link transcriptRefId}), unique within the
 * file because duplicate ids are rejected. `rootCause` stays empty, and `product`/`type` are empty without a source
 * category. System messages are left out of `turns`, but they can decide `meta.status`.
 */
export function toCaseRecord(conversation: Conversation, file: string): TranscriptCase {
  const turns: Turn[] = conversation.messages.flatMap((message) =>
    message.role === 'system' ? [] : [{ role: message.role, text: message.text }],
  );
  const customerTexts = textsOf(turns, 'customer');
  const category = conversation.category;

  const record: CaseRecord = {
    source: path.basename(file),
    ref: `${TRANSCRIPT_REF_PREFIX}${transcriptRefId(conversation.id)}`,
    title: chooseTitle(conversation.title, customerTexts, conversation.id),
    product: category?.product ?? '',
    type: category?.type ?? '',
    description: chooseDescription(customerTexts),
    answer: summarizeAnswer(textsOf(turns, 'agent')),
    rootCause: '',
    turns,
  };

  const firstDated = conversation.messages.find((message) => message.at?.hasDate === true);
  const meta: TranscriptMeta = {
    conversationId: conversation.id,
    sourceCategory: category,
    status: conversationStatus(conversation.messages),
    createdAt: toIsoString(conversation.createdAt) ?? toIsoString(firstDated?.at ?? null),
    ...conversationTiming(conversation.messages),
    messageCount: conversation.messages.length,
  };
  return { record, meta };
}

function textsOf(turns: readonly Turn[], role: Turn['role']): string[] {
  return turns.filter((turn) => turn.role === role).map((turn) => turn.text);
}
