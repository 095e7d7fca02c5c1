import { isFiller, normalizeText } from '../../text/index.js';
import { isMeaningfulTitle, isSubstantive, removePlaceholders, stripGreeting } from './phrases.js';

/** Maximum length of a derived title, in Unicode code points. */
export const MAX_TITLE_LENGTH = 30;
// A clause cut that keeps fewer characters than this is worse than a hard cut with an ellipsis.
const MIN_CLAUSE_LENGTH = 8;

const SENTENCE_END = /[。！？!?；;\n]+/;
const CLAUSE_BOUNDARY = /[，,、：:\s]/;
const TRAILING_PUNCTUATION = /[，,、：:；;。\s]+$/;
const PUNCTUATION_AND_SPACE = /[\p{P}\p{S}\s]/gu;

/**
 * Chooses the case title. A meaningful given title is kept. Otherwise the title is the first
 * customer sentence that states something, with greetings and placeholders removed, cut to
 * `MAX_TITLE_LENGTH` characters (see `clipTitle`). When no customer sentence states anything, a
 * non-empty given title is kept after all, and `会话 <id>` is the last resort.
 */
export function chooseTitle(
  givenTitle: string | null,
  customerTexts: readonly string[],
  conversationId: string,
): string {
  const given = givenTitle?.trim() ?? '';
  if (isMeaningfulTitle(given)) return given;

  for (const text of customerTexts) {
    for (const sentence of removePlaceholders(text).split(SENTENCE_END)) {
      const candidate = stripGreeting(sentence.trim()).trim();
      if (isSubstantive(candidate)) return clipTitle(candidate);
    }
  }
  return given === '' ? `会话 ${conversationId}` : given;
}

/**
 * Cuts a text to `MAX_TITLE_LENGTH` code points. The cut goes at the last clause boundary (a
 * comma, `、`, colon or space) that keeps at least eight characters, or else in the middle of the
 * clause, marked by `…`.
 */
export function clipTitle(text: string): string {
  const characters = Array.from(text.trim());
  if (characters.length <= MAX_TITLE_LENGTH) return text.trim().replace(TRAILING_PUNCTUATION, '');

  const head = characters.slice(0, MAX_TITLE_LENGTH + 1);
  for (let index = head.length - 1; index >= MIN_CLAUSE_LENGTH; index -= 1) {
    if (CLAUSE_BOUNDARY.test(head[index]!) && !insideToken(head, index)) {
      return head.slice(0, index).join('').replace(TRAILING_PUNCTUATION, '');
    }
  }
  return `${characters.slice(0, MAX_TITLE_LENGTH).join('')}…`;
}

/**
 * Tells whether the colon at `index` belongs to a URL or a time (`https://`, `10:30`), where a
 * cut would leave `…源站是 https` as a title.
 */
function insideToken(characters: readonly string[], index: number): boolean {
  return characters[index] === ':' && /^[/\d]$/.test(characters[index + 1] ?? '');
}

/**
 * Picks the description: the first customer message that states something (greeting-only
 * messages such as `你好` and `在吗` are skipped), else the first customer message, else ''.
 */
export function chooseDescription(customerTexts: readonly string[]): string {
  return customerTexts.find(isSubstantive) ?? customerTexts[0] ?? '';
}

/**
 * Builds the answer summary: agent messages joined by spaces, as the archive's `客服解答` joins
 * them, without filler messages (`isFiller`) and with each repeated message kept once. Messages
 * repeat when they are equal after `normalizeText` and removal of punctuation and spaces.
 */
export function summarizeAnswer(agentTexts: readonly string[]): string {
  const seen = new Set<string>();
  const kept: string[] = [];

  for (const text of agentTexts) {
    if (isFiller(text)) continue;

    const key = normalizeText(text).replace(PUNCTUATION_AND_SPACE, '');
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(text);
  }
  return kept.join(' ');
}
