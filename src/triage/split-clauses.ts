// A clause is a run of text with the punctuation that closes it: ，。！？ or a line break, or
// an ASCII , ! ? that no printable ASCII character or space follows. So "key, 3600)" in a code
// sample and "?a=1" in a URL stay inside their clause. Punctuation before the first clause
// belongs to no clause and is dropped.
const CLAUSE = /(?:[^，。！？,!?\n]|[,!?](?=[ -~]))+(?:[，。！？\n]|[,!?](?![ -~]))*/g;

/** Splits a turn into clauses, each with its closing punctuation. */
export function splitClauses(text: string): string[] {
  return text.match(CLAUSE) ?? [text];
}

// A sentence with its closing punctuation, split the same way at 。！？, a line break, or an
// ASCII ! ? that no printable ASCII character follows.
const SENTENCE = /(?:[^。！？!?\n]|[!?](?=[ -~]))+(?:[。！？\n]|[!?](?![ -~]))*/g;

/** Splits a turn into sentences, each with its closing punctuation. */
export function splitSentences(text: string): string[] {
  return text.match(SENTENCE) ?? [text];
}
