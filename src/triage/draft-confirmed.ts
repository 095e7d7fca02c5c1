import type { Turn } from '../ingest/record.js';
import { isFiller, PLACEHOLDER_PATTERN } from '../text/index.js';
import { draftRules } from './draft-data.js';
import { splitClauses } from './split-clauses.js';

// A question mark or 吗 anywhere in a reply makes it a question, which confirms nothing.
const QUESTION = /[?？吗]/;

// Punctuation and blanks that end a clause.
const END_PUNCTUATION = /[\s，,。.！!~～、；;]+$/u;

/** Tells whether a customer turn confirms that the advice before it worked ("正常了"). */
function confirmsFix(text: string): boolean {
  const plain = text.replace(PLACEHOLDER_PATTERN, '').trim();
  if (plain === '' || QUESTION.test(plain)) return false;
  const { confirmationPatterns, rejectionPatterns } = draftRules();
  if (rejectionPatterns.some((pattern) => pattern.test(plain))) return false;
  const clause = (splitClauses(plain)[0] ?? '').replace(END_PUNCTUATION, '');
  return confirmationPatterns.some((pattern) => pattern.test(clause));
}

/**
 * Returns the indexes of the agent turns that the customer turn at `index` confirms: the agent
 * turns before it, back to the customer's previous turn that is more than an acknowledgement
 * ("好吧。。。" and screenshots are passed over).
 */
function confirmedBy(turns: readonly Turn[], index: number): number[] {
  const confirmed: number[] = [];
  for (let position = index - 1; position >= 0; position -= 1) {
    const turn = turns[position]!;
    if (turn.role === 'customer') {
      if (isFiller(turn.text)) continue;
      break;
    }
    if (!isFiller(turn.text)) confirmed.push(position);
  }
  return confirmed;
}

/**
 * Finds the agent turns of a case that the customer confirmed worked, following
 * data/triage/confirmation-patterns.txt ("回退后目前看是正常了"). Returns their indexes into
 * `turns`.
 */
export function confirmedTurns(turns: readonly Turn[]): Set<number> {
  const confirmed = new Set<number>();
  turns.forEach((turn, index) => {
    if (turn.role !== 'customer' || !confirmsFix(turn.text)) return;
    for (const position of confirmedBy(turns, index)) confirmed.add(position);
  });
  return confirmed;
}
