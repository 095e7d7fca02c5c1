/**
 * Tells whether a query term can show that a text is about the question. A single Chinese
 * character or Latin letter is found inside unrelated words (掉 in 停用掉), and a placeholder
 * names no topic.
 */
export function isContentTerm(term: string): boolean {
  return term.length >= 2 && !term.startsWith('[');
}

/**
 * Distinct content words a case must share with the question to be quoted in a draft, or to be
 * more than a chance match. One rare shared word can carry a case by chance: 明天 led for
 * "明天会下雨吗", 一部 for "推荐一部电影", and 北京 scored Q106 0.355 for "明天北京会下雨吗". The 29
 * leaders quoted for the sample's questions and four hand-written sets each shared 3 words or more.
 */
export const MIN_SHARED_WORDS = 2;

/** Counts the content terms that are no part of another one (是不是 and 不是 count once). */
export function distinctWords(terms: readonly string[]): number {
  const words = terms.filter(isContentTerm);
  return words.filter((word) => !words.some((other) => other !== word && other.includes(word)))
    .length;
}

/**
 * Content words, a compound counted by its parts, that a question needs before past replies are
 * quoted or a root cause is named. One word (短信, 发票) names a topic, not a problem.
 */
export const QUESTION_MIN_WORDS = 2;

/** Counts the content terms that contain no other one (证书审核 counts as 证书 and 审核). */
export function wordParts(terms: readonly string[]): number {
  const words = [...new Set(terms.filter(isContentTerm))];
  return words.filter((word) => !words.some((other) => other !== word && word.includes(other)))
    .length;
}
