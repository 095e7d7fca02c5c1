import { loadMisspellings, loadStopWords } from './dictionaries.js';
import { normalizeText } from './normalize.js';
import { pushIndexWords } from './clause-cache.js';

// Placeholders after lower-casing: typed ones such as `[phone_2]`, legacy ones such as
// `[redacted_phone]` or `[ip已脱敏]`, and `[图片]`.
const PLACEHOLDER =
  /\[(?:[a-z]+(?:_[a-z0-9]+){0,4}|[a-z]{2,12}已脱敏|图片|密钥已脱敏|ip已脱敏|url已脱敏)\]/g;

// Latin runs keep the joiners that hold error codes, hostnames and parameter names together
// (`up-z2.qiniup.com`, `upload_token`, `x-log`). Each joiner must be followed by a letter or
// digit, so the pattern cannot backtrack over long runs.
const LATIN_RUN = /[a-z0-9]+(?:[._-][a-z0-9]+)*/g;
const JOINERS = /[._-]/;

// A change here that alters the terms of some text must raise TOKENIZER_VERSION (fingerprint.ts).

// Dates and times ("2024-09-22 22:30:12", "2024年10月6日", "10.7号", "12:07"): their numbers
// give the time of writing, not the topic, and as terms ("2024", "22", "30") they made cases
// with timestamps look alike. They become no terms at all.
const DATE_TIME = new RegExp(
  [
    '(?<![0-9])\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}(?:[ t]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,6})?)?)?(?![0-9])',
    '(?<![0-9])\\d{4}年\\d{1,2}月(?:\\d{1,2}[日号])?',
    '(?<![0-9.])\\d{1,2}[.月]\\d{1,2}[日号]',
    '(?<![0-9:])\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,6})?)?(?![0-9:])',
  ].join('|'),
  'g',
);
const MAX_TOKEN_LENGTH = 64;

// Legacy placeholders mean the same as typed ones, so both index as the same token.
const LEGACY_PLACEHOLDER_TOKENS: Record<string, string> = {
  url已脱敏: '[url]',
  ip已脱敏: '[ip]',
  密钥已脱敏: '[secret]',
  redacted_phone: '[phone]',
  redacted_email: '[email]',
  redacted_landline: '[landline]',
  redacted_id_card_18: '[id_card]',
  redacted_long_key: '[secret]',
};

/** Maps a placeholder to its index-free token: `[phone_2]` and `[redacted_phone]` give `[phone]`. */
export function placeholderToken(placeholder: string): string {
  const inner = placeholder.slice(1, -1).toLowerCase();
  const legacy = LEGACY_PLACEHOLDER_TOKENS[inner];
  if (legacy) return legacy;
  return `[${inner.replace(/_\d+$/, '')}]`;
}

function pushLatin(run: string, tokens: string[], stopWords: Set<string>): void {
  if (run.length > MAX_TOKEN_LENGTH) return;
  if (!stopWords.has(run)) tokens.push(run);
  if (!JOINERS.test(run)) return;

  for (const part of run.split(/[._-]+/)) {
    if (part.length >= 2 && !stopWords.has(part)) tokens.push(part);
  }
}

/**
 * Splits text into index terms: placeholders as tokens of their own, Latin runs whole (plus
 * their dot, dash and underscore parts), and jieba's search-mode segmentation of the rest, with
 * stop words and punctuation dropped. Terms repeat as often as they occur.
 */
export function tokenize(text: string): string[] {
  const stopWords = loadStopWords();
  const tokens: string[] = [];

  const normalized = normalizeText(text);
  const withoutPlaceholders = normalized.replace(PLACEHOLDER, (match) => {
    tokens.push(placeholderToken(match));
    return ' ';
  });
  const chinese = withoutPlaceholders.replace(DATE_TIME, ' ').replace(LATIN_RUN, (run) => {
    pushLatin(run, tokens, stopWords);
    return ' ';
  });

  pushIndexWords(correctMisspellings(chinese), tokens);
  return tokens;
}

/**
 * Normalizes text that is matched against index terms or phrases: {@link normalizeText}, then
 * the misspellings of data/text/misspellings.txt replaced by the words meant. Lengths stay those
 * of `normalizeText`, so offsets into its result stay valid.
 */
export function normalizeForTerms(text: string): string {
  return correctMisspellings(normalizeText(text));
}

/** Replaces the misspellings listed in data/text/misspellings.txt with the words meant. */
export function correctMisspellings(text: string): string {
  const misspellings = loadMisspellings();
  if (misspellings === null) return text;
  return text.replace(
    misspellings.pattern,
    (written) => misspellings.meant.get(written) ?? written,
  );
}
