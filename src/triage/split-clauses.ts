// A clause is a run of text with the punctuation that closes it: ，。！？ or a line break, or
// an ASCII , ! ? that no printable ASCII character or space follows. So "key, 3600)" in a code
// sample and "?a=1" in a URL stay inside their clause. Punctuation before the first clause
// belongs to no clause and is dropped.
const CLAUSE = /(?:[^，。！？,!?\n]|[,!?](?=[ -~]))+(?:[，。！？\n]|[,!?](?![ -~]))*/g;

/** Splits a turn into clauses, each with its closing punctuation. */
export function splitClauses(text: string): string[] {
  return text.match(CLAUSE) ?? [text];
}
