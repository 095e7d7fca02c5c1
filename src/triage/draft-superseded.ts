import type { Turn } from '../ingest/record.js';
import { isFiller, PLACEHOLDER_PATTERN } from '../text/index.js';
import { endsWithQuestion, keepQuotableClauses } from './draft-clauses.js';
import { correctedTurns } from './draft-corrections.js';
import { draftRules } from './draft-data.js';
import { requestsCustomerData } from './draft-requests.js';
import { splitClauses, splitSentences } from './split-clauses.js';

/** Tells whether a customer turn opens by rejecting the answer before it ("重装了也没用"). */
function rejectsAnswer(text: string): boolean {
  const first = splitSentences(text.replace(PLACEHOLDER_PATTERN, '').trim())[0]?.trim() ?? '';
  return draftRules().rejectionPatterns.some((pattern) => pattern.test(first));
}

/**
 * Returns the indexes of the agent turns that the customer turn at `index` replies to: the run
 * of agent turns before it, past the customer's own filler and screenshots ("[图片]").
 */
function answeredTurns(turns: readonly Turn[], index: number): number[] {
  let position = index - 1;
  while (position >= 0 && turns[position]!.role === 'customer' && isFiller(turns[position]!.text)) {
    position -= 1;
  }
  const answered: number[] = [];
  for (; position >= 0 && turns[position]!.role === 'agent'; position -= 1) {
    answered.unshift(position);
  }
  return answered;
}

/** Tells whether an agent turn ends with a question or a data request to the customer. */
function endsWithQuestionOrRequest(text: string): boolean {
  const lastClause = splitClauses(text.replace(PLACEHOLDER_PATTERN, '').trim()).at(-1) ?? '';
  return endsWithQuestion(text) || requestsCustomerData(lastClause);
}

function isQuotableAnswer(turn: Turn): boolean {
  return turn.role === 'agent' && !isFiller(turn.text) && keepQuotableClauses(turn.text) !== '';
}

/**
 * Finds the agent answers that the customer rejected ("我不是上传同一个文件…", "重装了也没用",
 * following data/triage/rejection-patterns.txt) and that a later quotable agent turn replaced.
 * A customer reply to a question or a request rejects nothing, and neither does a rejection
 * that no later answer follows, because then the rejected answer is still the case's last word.
 */
function rejectedTurns(turns: readonly Turn[]): Set<number> {
  const rejected = new Set<number>();
  turns.forEach((turn, index) => {
    if (turn.role !== 'customer' || !rejectsAnswer(turn.text)) return;

    const answered = answeredTurns(turns, index).filter((i) => !isFiller(turns[i]!.text));
    const last = answered.at(-1);
    if (last === undefined || endsWithQuestionOrRequest(turns[last]!.text)) return;
    if (!turns.slice(index + 1).some(isQuotableAnswer)) return;

    for (const i of answered) rejected.add(i);
  });
  return rejected;
}

/**
 * Finds the agent turns of a case that a later turn replaced: those an agent took back with a
 * correction marker ("刚刚表述有误，…") and those the customer rejected before the agent answered
 * again. Returns their indexes into `turns`.
 */
export function supersededTurns(turns: readonly Turn[]): Set<number> {
  return new Set([...correctedTurns(turns), ...rejectedTurns(turns)]);
}
