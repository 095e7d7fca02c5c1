import type { SqlExecutor } from '../store/sql-executor.js';
import { normalizeForTerms } from '../text/index.js';
import { notationTerms } from './notation-terms.js';
import { topicTerms } from './contact-labels.js';
import { loadRelatedTerms } from './related-terms.js';

/** A query term with its inverse document frequency in the index. */
export interface QueryTerm {
  term: string;
  /** Number of indexed cases that contain the term. */
  documents: number;
  idf: number;
  /**
   * The question's term that this word replaces, when the plan added it from
   * data/search/related-terms.txt. A case that contains it covers that term.
   */
  standsFor?: string;
}

/** Options of {@link planQuery}. */
export interface QueryPlanOptions {
  /** Most terms passed to the index; the rarest are kept, since they carry the most evidence. */
  maxTerms?: number;
  /** Terms found in more than this share of cases may match only in titles. */
  maxDocumentShare?: number;
}

/** The terms of a query, split into those sent to the index and all that weigh in the score. */
export interface QueryPlan {
  terms: QueryTerm[];
  /** The subset of `terms` that may match in any field. */
  matchTerms: QueryTerm[];
  /** Common terms that may match only in titles, to keep the number of matches small. */
  titleTerms: QueryTerm[];
  totalCases: number;
}

// Archives smaller than this many cases are cheap to rank whole, so no term is held back.
const MIN_RARE_DOCUMENTS = 500;
const MAX_TITLE_TERMS = 4;

function inverseDocumentFrequency(documents: number, totalCases: number): number {
  // The BM25 form of idf, floored at a small positive value so common terms still count a bit.
  return Math.max(0.05, Math.log(1 + (totalCases - documents + 0.5) / (documents + 0.5)));
}

/**
 * Segments a query and looks up how many cases contain each term. Terms absent from the index
 * are kept with the highest idf, so a question about something never seen scores low coverage.
 *
 * FTS5 computes BM25 for every case that matches, so the plan bounds the matches. Up to
 * `maxTerms` rare terms may match anywhere. The few most selective common terms, those in more
 * than `maxDocumentShare` of cases, may match only in titles. Coverage scoring later
 * weighs every term of the question. Below 5,000 cases every term counts as rare.
 *
 * Words related to a question's term (data/search/related-terms.txt) that the index contains
 * join the plan after the question's own terms, each marked with the term it replaces. A value
 * in a notation of data/search/notation-terms.txt adds its term as the question's own.
 */
export async function planQuery(
  sql: SqlExecutor,
  text: string,
  totalCases: number,
  options: QueryPlanOptions = {},
): Promise<QueryPlan> {
  const maxTerms = options.maxTerms ?? 12;
  const rareLimit = Math.max((options.maxDocumentShare ?? 0.1) * totalCases, MIN_RARE_DOCUMENTS);

  // Placeholders ([phone], [name]) and the contact labels right before them (电话, 联系人) replace
  // the customer's own data, so they add no terms. As terms they ranked first the cases that also
  // contained contact data. A value in a notation such as *.example.com adds its term.
  const unique = [...new Set([...topicTerms(text), ...notationTerms(text)])];
  const related = relatedTerms(unique);
  const counts = await termDocumentCounts(sql, [...unique, ...related.keys()]);
  const terms: QueryTerm[] = unique.map((term) => {
    const documents = counts.get(term) ?? 0;
    return { term, documents, idf: inverseDocumentFrequency(documents, totalCases) };
  });
  // A related word the index lacks can find nothing, so only present ones join the plan.
  for (const [term, standsFor] of related) {
    const documents = counts.get(term) ?? 0;
    if (documents === 0) continue;
    terms.push({
      term,
      documents,
      idf: inverseDocumentFrequency(documents, totalCases),
      standsFor,
    });
  }

  const present = terms.filter((t) => t.documents > 0).sort((a, b) => a.documents - b.documents);
  // The question's own rare terms come first; related words take the places left. A long
  // question's first line adds its terms besides them.
  const rare = present.filter((t) => t.documents <= rareLimit);
  const own = rare.filter((t) => t.standsFor === undefined);
  const rarest = [...own, ...rare.filter((t) => t.standsFor !== undefined)].slice(0, maxTerms);
  const opening = openingTerms(own, text, maxTerms).filter((t) => !rarest.includes(t));
  const matchTerms = [...opening, ...rarest];
  const titleTerms = present
    .filter((t) => t.documents > rareLimit && t.standsFor === undefined)
    .slice(0, MAX_TITLE_TERMS);
  return { terms, matchTerms, titleTerms, totalCases };
}

// Terms of a long question's first line that may match anywhere besides its rarest terms.
const OPENING_TERMS = 6;

/**
 * Returns the terms of the question's first line, rarest first and at most `OPENING_TERMS`, when
 * the question has more rare terms than `maxTerms`. They match besides the `maxTerms` rarest,
 * because a long question states its problem at the start (a stored case's title, a customer's
 * first line) and its rarest words are often talk. For a stored case asked again, 一天, 我要 and
 * 好用 from its later messages took every place from 免费 and 催单 of its title, so no case of
 * the same problem was found.
 */
function openingTerms(rare: QueryTerm[], text: string, maxTerms: number): QueryTerm[] {
  if (rare.length <= maxTerms) return [];
  const firstLine = normalizeForTerms(text.trimStart().split('\n', 1)[0] ?? '');
  return rare.filter((term) => firstLine.includes(term.term)).slice(0, OPENING_TERMS);
}

/**
 * Returns the words related to the question's terms that the question lacks, each with the
 * first question term it replaces.
 */
function relatedTerms(questionTerms: readonly string[]): Map<string, string> {
  const inQuestion = new Set(questionTerms);
  const related = new Map<string, string>();
  const table = loadRelatedTerms();
  for (const term of questionTerms) {
    for (const other of table.get(term) ?? []) {
      if (!inQuestion.has(other) && !related.has(other)) related.set(other, term);
    }
  }
  return related;
}

/** Reads how many indexed cases contain each term, in one query. */
async function termDocumentCounts(sql: SqlExecutor, terms: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const chunkSize = 500;
  for (let i = 0; i < terms.length; i += chunkSize) {
    const chunk = terms.slice(i, i + chunkSize);
    const rows = await sql.all<{ term: string; documents: number }>(
      `SELECT term, documents FROM term_stats WHERE term IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
    for (const row of rows) counts.set(row.term, row.documents);
  }
  return counts;
}

/** Builds an FTS5 MATCH expression: the quoted terms OR'd, title-only terms with a column filter. */
export function matchExpression(terms: QueryTerm[], titleTerms: QueryTerm[] = []): string {
  const quote = (t: QueryTerm) => `"${t.term.replaceAll('"', '""')}"`;
  return [...terms.map(quote), ...titleTerms.map((t) => `{title} : ${quote(t)}`)].join(' OR ');
}
