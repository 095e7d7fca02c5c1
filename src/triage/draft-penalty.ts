import { draftRules } from './draft-data.js';
import { splitSentences } from './split-clauses.js';

/** Tells whether a question is about a penalty (a ban, an appeal). */
export function asksAboutPenalty(question: string): boolean {
  return draftRules().penaltyQuestionWords.some((word) => question.includes(word));
}

function isPenaltyNotice(sentence: string): boolean {
  return draftRules().penaltyNoticeWords.some((word) => sentence.includes(word));
}

/**
 * Drops each sentence of a quotable turn that reports a penalty imposed on the earlier customer.
 * Its other clauses ("七牛云有权，") would read as fragments, so the whole sentence goes.
 */
export function withoutPenaltyNotices(text: string): string {
  if (!isPenaltyNotice(text)) return text;
  return splitSentences(text)
    .filter((sentence) => !isPenaltyNotice(sentence))
    .join('')
    .trim();
}
