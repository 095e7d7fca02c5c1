/**
 * Placeholders stand for redacted or removed content: the archive's legacy forms
 * (`[URL已脱敏]`, `[REDACTED_PHONE]`), casebook's own typed forms (`[PHONE_1]`) and `[图片]`.
 */
export const PLACEHOLDER_PATTERN =
  /\[(?:[A-Z]+(?:_[A-Z0-9]+){0,4}|[A-Z]{2,12}已脱敏|URL已脱敏|IP已脱敏|密钥已脱敏|图片)\]/g;

/**
 * Normalizes text for matching: NFKC folds full-width ASCII (`ＡＢＣ１２３`, `＠`) to half-width,
 * then everything is lower-cased. Placeholders are lower-cased too, so match them after this step
 * with a case-insensitive pattern.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}
