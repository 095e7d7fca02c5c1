/**
 * The text that detectors scan: full-width ASCII folded to ASCII (`１３８` to `138`, `＠` to
 * `@`, `：` to `:`), the ideographic and no-break spaces folded to a space, hyphen-like dashes
 * folded to `-`, and zero-width characters removed. The frequent Chinese sentence marks `，！？；`
 * stay as they are: every detector already treats a non-ASCII character as a boundary, and
 * folding them would cost a replacement per mark.
 */
export interface NormalizedText {
  text: string;
  /**
   * Input offset of each normalized offset, or null when no character was removed. Folding
   * replaces one UTF-16 code unit with one, so without removals the offsets are the same.
   */
  offsets: Int32Array | null;
}

const FOLDABLE_CLASS =
  '\\u00a0\\u2010-\\u2013\\u2212\\u3000\\uff02-\\uff0b\\uff0d-\\uff1a\\uff1c-\\uff1e\\uff20-\\uff5e';
const ZERO_WIDTH_CLASS = '\\u200b-\\u200d\\u2060\\ufeff';
const NEEDS_NORMALIZING = new RegExp(`[${FOLDABLE_CLASS}${ZERO_WIDTH_CLASS}]`, 'g');

function isZeroWidth(code: number): boolean {
  return (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff;
}

function foldCode(code: number): number {
  if (code === 0xff01 || code === 0xff0c || code === 0xff1b || code === 0xff1f) return code;
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  if (code === 0x3000 || code === 0x00a0) return 32;
  if ((code >= 0x2010 && code <= 0x2013) || code === 0x2212) return 45;
  return code;
}

// Folded form of U+FF01..U+FF5E, looked up instead of built for every replaced character.
const FOLDED_FULL_WIDTH = Array.from({ length: 0x5e }, (_, i) =>
  String.fromCharCode(foldCode(0xff01 + i)),
);

/** Builds the normalized view of `input`. */
export function normalizeText(input: string): NormalizedText {
  let removes = false;
  const text = input.replace(NEEDS_NORMALIZING, (char) => {
    const code = char.charCodeAt(0);
    if (code >= 0xff01) return FOLDED_FULL_WIDTH[code - 0xff01];
    if (isZeroWidth(code)) removes = true;
    return String.fromCharCode(foldCode(code));
  });
  return removes ? normalizeWithRemovals(input) : { text, offsets: null };
}

/** Normalizes text that contains zero-width characters, which shift every later offset. */
function normalizeWithRemovals(input: string): NormalizedText {
  const codes = new Array<number>(input.length);
  const offsets = new Int32Array(input.length + 1);
  let length = 0;
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (isZeroWidth(code)) continue;
    codes[length] = foldCode(code);
    offsets[length] = i;
    length++;
  }
  offsets[length] = input.length;

  // Build the string in chunks: a spread of a long array overflows the call stack.
  let text = '';
  for (let i = 0; i < length; i += 8192) {
    text += String.fromCharCode(...codes.slice(i, Math.min(i + 8192, length)));
  }
  return { text, offsets: offsets.slice(0, length + 1) };
}

/** Maps a span of the normalized text back to the input text. */
export function toInputSpan(
  normalized: NormalizedText,
  start: number,
  end: number,
): { start: number; end: number } {
  const offsets = normalized.offsets;
  if (offsets === null) return { start, end };
  return { start: offsets[start], end: offsets[end - 1] + 1 };
}
