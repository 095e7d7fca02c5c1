import type { CaseRecord } from '../ingest/record.js';

import {
  matchRootCauses,
  matchRootCausesWithPrefix,
  type MatchOptions,
  type RootCauseMatch,
} from './matcher.js';
import type { Taxonomy } from './taxonomy.js';

/** Options of `matchCase`. */
export interface CaseMatchOptions extends MatchOptions {
  /**
   * Extra weight, as a share of their score, for signals found in the title or the first customer
   * message. The opening states the problem, while later turns often drift to follow-up
   * questions. Defaults to 0.5.
   */
  openingBonus?: number;
}

/** Joins the text of a case for matching: title, then every turn (or description and answer). */
export function caseText(record: CaseRecord): string {
  const body =
    record.turns.length > 0
      ? record.turns.map((turn) => turn.text)
      : [record.description, record.answer];
  return [record.title, ...body].join('\n');
}

/** Returns the part of a case that states the problem: title and first customer message. */
export function caseOpening(record: CaseRecord): string {
  const first = record.turns.find((turn) => turn.role === 'customer')?.text ?? record.description;
  return `${record.title}\n${first}`;
}

// The opening is usually the start of the case text (when the first turn is the customer's), so
// one pass over the case text finds the phrases of both.
function matchTextAndOpening(
  record: CaseRecord,
  taxonomy: Taxonomy,
): { full: RootCauseMatch[]; opening: RootCauseMatch[] } {
  const text = caseText(record);
  const opening = caseOpening(record);
  if (text.startsWith(opening)) {
    const { all, prefix } = matchRootCausesWithPrefix(text, opening.length, taxonomy);
    return { full: all, opening: prefix };
  }
  return {
    full: matchRootCauses(text, taxonomy, { minScore: -Infinity }),
    opening: matchRootCauses(opening, taxonomy, { minScore: -Infinity }),
  };
}

const causeOrders = new WeakMap<Taxonomy, Map<string, number>>();

/** Returns the position of each root cause in the taxonomy, built once per taxonomy. */
function causeOrder(taxonomy: Taxonomy): Map<string, number> {
  let order = causeOrders.get(taxonomy);
  if (order === undefined) {
    order = new Map(taxonomy.causes.map((cause, index) => [cause.code, index]));
    causeOrders.set(taxonomy, order);
  }
  return order;
}

/** Matches a whole case, giving extra weight to signals that occur in its opening. */
export function matchCase(
  record: CaseRecord,
  taxonomy: Taxonomy,
  options: CaseMatchOptions = {},
): RootCauseMatch[] {
  const bonus = options.openingBonus ?? 0.5;
  const { full, opening: openingMatches } = matchTextAndOpening(record, taxonomy);
  const opening = new Map(openingMatches.map((match) => [match.code, match.score]));

  const order = causeOrder(taxonomy);
  const boosted = full
    .map((match) => ({
      ...match,
      score: match.score + bonus * Math.max(0, opening.get(match.code) ?? 0),
    }))
    .filter((match) => match.score >= (options.minScore ?? 1))
    .sort((a, b) => b.score - a.score || (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0));
  return options.limit === undefined ? boosted : boosted.slice(0, options.limit);
}
