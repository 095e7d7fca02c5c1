import { isFiller } from '../../text/index.js';
import type { TranscriptMessage } from './conversation.js';
import { isClosingMessage, announcesHandoff, reportsResolved } from './phrases.js';

/** Outcome of a conversation. */
export type ConversationStatus =
  'answered' | 'customer-resolved' | 'no-answer' | 'waiting-for-human';

/** Response times of a conversation in seconds, or null when timestamps are missing. */
export interface ConversationTiming {
  firstResponseSeconds: number | null;
  durationSeconds: number | null;
}

/**
 * Decides how a conversation ended. An agent event is an agent message that is not filler
 * (`isFiller`), that reports a fix (可以了), or that hands off (`announcesHandoff`: 帮您反馈,
 * 提交工单, 转交, 技术同事, 稍后回复, …). A system message that hands off (已转接人工客服) is an
 * agent event too. The rules, in order:
 *
 * 1. `no-answer` when no agent message is an event.
 * 2. `customer-resolved` when the customer's last message comes after an agent event and reports
 *    the problem solved (`reportsResolved`: 可以了, 好了, 解决了, 搞定, 没问题了, OK了, …). A
 *    message that only thanks or closes (`isClosingMessage`: 好的谢谢, 明白了) counts as well when
 *    an earlier customer message since that event reports it solved or that event is no handoff.
 *    A handoff after the customer's last message overrules this rule.
 * 3. `waiting-for-human` when the latest agent event is a handoff.
 * 4. `answered` otherwise.
 */
export function conversationStatus(messages: readonly TranscriptMessage[]): ConversationStatus {
  const events = messages.flatMap((message, index) => (isAgentEvent(message) ? [index] : []));
  if (!events.some((index) => messages[index].role === 'agent')) return 'no-answer';

  const lastEvent = events[events.length - 1];
  const lastIsHandoff = announcesHandoff(messages[lastEvent].text);
  const resolvedAt = resolutionIndex(messages, events);

  if (resolvedAt > lastEvent) return 'customer-resolved';
  if (resolvedAt !== -1 && !lastIsHandoff) return 'customer-resolved';
  if (lastIsHandoff) return 'waiting-for-human';
  return 'answered';
}

function isAgentEvent(message: TranscriptMessage): boolean {
  if (message.role === 'customer') return false;
  if (announcesHandoff(message.text)) return true;
  return message.role === 'agent' && (!isFiller(message.text) || reportsResolved(message.text));
}

// Returns the index of the customer's last message when it reports the problem solved, or -1.
function resolutionIndex(
  messages: readonly TranscriptMessage[],
  events: readonly number[],
): number {
  const last = messages.findLastIndex((message) => message.role === 'customer');
  const eventBefore = events.filter((index) => index < last).at(-1);
  if (last === -1 || eventBefore === undefined) return -1;

  const lastText = messages[last].text;
  if (reportsResolved(lastText)) return last;
  if (!isClosingMessage(lastText)) return -1;

  // Customer messages since the event, such as 好了 before a closing 谢谢.
  const run = messages
    .slice(eventBefore + 1, last)
    .filter((message) => message.role === 'customer');
  const solvedEarlier = run.some((message) => reportsResolved(message.text));
  return solvedEarlier || !announcesHandoff(messages[eventBefore].text) ? last : -1;
}

/**
 * Measures a conversation from its message timestamps. The first response time runs from the
 * first customer message to the first agent message after it, and is null unless both have a
 * timestamp and the agent message is not earlier. The duration runs from the earliest to the
 * latest timestamp of any message, and is null when fewer than two messages have one.
 */
export function conversationTiming(messages: readonly TranscriptMessage[]): ConversationTiming {
  const firstCustomer = messages.findIndex((message) => message.role === 'customer');
  const firstAgent = messages.findIndex(
    (message, index) => index > firstCustomer && message.role === 'agent',
  );
  const asked = messages[firstCustomer]?.at ?? null;
  const replied = firstCustomer === -1 ? null : (messages[firstAgent]?.at ?? null);

  let firstResponseSeconds: number | null = null;
  if (asked !== null && replied !== null && replied.epochMs >= asked.epochMs) {
    firstResponseSeconds = (replied.epochMs - asked.epochMs) / 1000;
  }

  const times = messages.flatMap((message) => (message.at === null ? [] : [message.at.epochMs]));
  const durationSeconds =
    times.length < 2 ? null : (Math.max(...times) - Math.min(...times)) / 1000;

  return { firstResponseSeconds, durationSeconds };
}
