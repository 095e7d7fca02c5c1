import type { SearchDocument } from './document.js';
import type { QueryTerm } from './query.js';

// PostgreSQL keeps a case's pre-segmented terms in one tsvector, each occurrence labelled with
// its field's weight. The vector is written as a tsvector literal rather than through
// to_tsvector(), because its parser would split hostnames and error codes differently from the
// FTS5 index on SQLite. Both engines then contain exactly the same terms.

/** tsvector weight labels of the indexed fields. */
const FIELD_LABELS = [
  ['title', 'A'],
  ['description', 'B'],
  ['customer', 'C'],
  ['agent', 'D'],
] as const;

// Limits of the tsvector type: positions above 16,383 are clamped, a lexeme keeps at most 256
// positions, and a lexeme may be at most 2,047 bytes long.
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_TERM = 256;
const MAX_TERM_BYTES = 2_000;

/** Quotes a term as a tsvector or tsquery lexeme. */
export function quoteLexeme(term: string): string {
  return `'${term.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/** Builds the tsvector literal of a search document. */
export function postgresDocumentVector(document: SearchDocument): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  for (const [field, label] of FIELD_LABELS) {
    for (const term of document[field].split(' ')) {
      if (term === '' || Buffer.byteLength(term) > MAX_TERM_BYTES) continue;
      position = Math.min(position + 1, MAX_POSITION);
      const list = positions.get(term) ?? [];
      if (list.length < MAX_POSITIONS_PER_TERM) list.push(`${position}${label}`);
      positions.set(term, list);
    }
  }
  return [...positions].map(([term, list]) => `${quoteLexeme(term)}:${list.join(',')}`).join(' ');
}

/** Builds a tsquery that matches any term anywhere, or a title-only term in titles. */
export function postgresQuery(terms: QueryTerm[], titleTerms: QueryTerm[] = []): string {
  return [
    ...terms.map((t) => quoteLexeme(t.term)),
    ...titleTerms.map((t) => `${quoteLexeme(t.term)}:A`),
  ].join(' | ');
}
