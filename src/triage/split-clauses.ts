// A clause is a run of text with the punctuation that closes it: ，。！？ or a line break, or
// an ASCII , ! ? that no printable ASCII character or space follows. So "key, 3600)" in a code
// sample and "?a=1" in a URL stay inside their clause. Punctuation before the first clause
// belongs to no clause and is dropped.
const CLAUSE = /(?:[^，。！？,!?\n]|[,!?](?=[ -~]))+(?:[，。！？\n]|[,!?](?![ -~]))*/g;

// Agents often chain steps without punctuation. A condition, a new instruction or a step number
// that starts inside a clause opens a clause of its own, so a draft can drop the text on one
// side and keep the other: "…还是vps的问题" | "如果网络正常且安全组无其他设置，", "…拉黑一下整个网段"
// | "您将域名给一下，", "…通过工单提交给我们[图片]" | "2、建议让用户使用 chrome 浏览器，". Only
// after at least this many characters, so that a short subject such as "您这边如果…" stays with
// its clause.
const CLAUSE_OPENER = /如果|您(?:这边)?[将把]|(?<![\d.])\d{1,2}、/g;
const MIN_BEFORE_OPENER = 6;

function splitAtOpeners(clause: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (const match of clause.matchAll(CLAUSE_OPENER)) {
    if (match.index - start < MIN_BEFORE_OPENER) continue;
    pieces.push(clause.slice(start, match.index));
    start = match.index;
  }
  pieces.push(clause.slice(start));
  return pieces;
}

/** Splits a turn into clauses, each with its closing punctuation. */
export function splitClauses(text: string): string[] {
  return (text.match(CLAUSE) ?? [text]).flatMap(splitAtOpeners);
}

// A sentence with its closing punctuation, split the same way at 。！？, a line break, or an
// ASCII ! ? that no printable ASCII character follows.
const SENTENCE = /(?:[^。！？!?\n]|[!?](?=[ -~]))+(?:[。！？\n]|[!?](?![ -~]))*/g;

/** Splits a turn into sentences, each with its closing punctuation. */
export function splitSentences(text: string): string[] {
  return text.match(SENTENCE) ?? [text];
}
