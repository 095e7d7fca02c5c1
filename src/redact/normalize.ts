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
const NEEDS_NORMALIZING = new RegExp(`[${FOLDABLE_CLASS}\\u200b-\\u200d\\u2060\\ufeff]`);

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

const FOLDABLE = new RegExp(`[${FOLDABLE_CLASS}]`, 'g');
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/;

function foldChar(char: string): string {
  return String.fromCharCode(foldCode(char.charCodeAt(0)));
}

/** Builds the normalized view of `input`. */
export function normalizeText(input: string): NormalizedText {
  if (!NEEDS_NORMALIZING.test(input)) return { text: input, offsets: null };
  if (!ZERO_WIDTH.test(input)) return { text: input.replace(FOLDABLE, foldChar), offsets: null };

  const codes = new Array<number>(input.length);
  const offsets = new Int32Array(input.length + 1);
  let length = 0;
  let removed = false;
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (isZeroWidth(code)) {
      removed = true;
      continue;
    }
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
  return { text, offsets: removed ? offsets.slice(0, length + 1) : null };
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
