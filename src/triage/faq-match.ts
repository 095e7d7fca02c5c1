import type { FaqEntry } from '../store/faq.js';
import { tokenize } from '../text/index.js';

const MIN_SHARED_TERMS = 3;

// Entries are loaded once per Triage and compared with every question, so each entry's question
// is segmented once rather than on every call.
const termCache = new WeakMap<FaqEntry, Set<string>>();

function questionTerms(entry: FaqEntry): Set<string> {
  let terms = termCache.get(entry);
  if (!terms) {
    terms = new Set(tokenize(entry.question));
    termCache.set(entry, terms);
  }
  return terms;
}

/** An approved FAQ entry that matches a question. */
export interface FaqMatch {
  id: number;
  question: string;
  steps: string[];
  /** Refs of the cases behind the entry. */
  refs: string[];
  caseCount: number;
  /** `root-cause` when the entry's cause equals the inferred one, else `similar-question`. */
  reason: 'root-cause' | 'similar-question';
}

/**
 * Finds approved FAQ entries for a question: entries for the inferred root cause first, then
 * entries whose canonical question shares at least `minOverlap` of its terms, and at least three,
 * with the question.
 */
export function matchFaq(
  entries: FaqEntry[],
  queryTerms: string[],
  rootCauseCode: string | null,
  minOverlap = 0.5,
): FaqMatch[] {
  const query = new Set(queryTerms);
  const matches: FaqMatch[] = [];

  for (const entry of entries) {
    let reason: FaqMatch['reason'] | undefined;
    if (rootCauseCode && entry.rootCauseCode === rootCauseCode) reason = 'root-cause';
    else {
      const terms = questionTerms(entry);
      const shared = [...terms].filter((term) => query.has(term)).length;
      // Short questions share half their terms by chance, so at least three must be shared.
      if (shared >= MIN_SHARED_TERMS && shared / terms.size >= minOverlap)
        reason = 'similar-question';
    }
    if (!reason) continue;
    matches.push({
      id: entry.id,
      question: entry.question,
      steps: entry.steps,
      refs: entry.refs.map((r) => r.ref),
      caseCount: entry.caseCount,
      reason,
    });
  }
  return matches.sort(
    (a, b) => Number(b.reason === 'root-cause') - Number(a.reason === 'root-cause'),
  );
}
