import type { TranscriptError } from './errors.js';

/** Layout of a transcript export. */
export type TranscriptFormat = 'jsonl' | 'csv' | 'text';

/** Author of a transcript message. System messages are notices of the chat tool itself. */
export type MessageRole = 'customer' | 'agent' | 'system';

/** Product and problem type of a conversation, as the export states them. */
export interface SourceCategory {
  product: string;
  type: string;
}

/** Point in time of a message. */
export interface MessageTime {
  /** Milliseconds since the Unix epoch, or since midnight when `hasDate` is false. */
  epochMs: number;
  /**
   * False for a time of day (`[11:21]`) whose date is unknown. Such times still measure
   * intervals between messages of one conversation.
   */
  hasDate: boolean;
}

/** One message of a transcript conversation. */
export interface TranscriptMessage {
  role: MessageRole;
  text: string;
  at: MessageTime | null;
  /** 1-based line of the message in its file. */
  line: number;
}

/** One conversation read from a transcript export, before it becomes a case record. */
export interface Conversation {
  id: string;
  /** Title as the export gives it, or null when it has none. */
  title: string | null;
  category: SourceCategory | null;
  /** Creation time as the export gives it, or null. */
  createdAt: MessageTime | null;
  messages: TranscriptMessage[];
  /** 1-based line where the conversation starts. */
  line: number;
}

/** Output of one format's parser. */
export interface ParsedConversations {
  /** Conversations without errors, in file order. */
  conversations: Conversation[];
  errors: TranscriptError[];
  /** Conversations left out of `conversations` because of an error, with their first line. */
  invalid: { id: string; line: number }[];
  /** Lines read as text that look like messages of a speaker the format does not know. */
  notices?: TranscriptNotice[];
}

/** A line of a valid conversation that was read as text but may be a message of its own. */
export interface TranscriptNotice {
  /** 1-based line number. */
  line: number;
  /** The finding and the advice for it, without the file's name. */
  detail: string;
}
