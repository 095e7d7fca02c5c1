// Character classes on UTF-16 code units. Every test returns false for NaN, which is what
// `charCodeAt` returns past either end of a string, so callers need no bounds checks.

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

export function isUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}

export function isLower(code: number): boolean {
  return code >= 97 && code <= 122;
}

export function isAsciiAlnum(code: number): boolean {
  return isDigit(code) || isAsciiLetter(code);
}

/** ASCII letter, digit or underscore: what `\w` matches in JavaScript. */
export function isWordChar(code: number): boolean {
  return isAsciiAlnum(code) || code === 95;
}

export function isHexDigit(code: number): boolean {
  return isDigit(code) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/** CJK unified ideograph (the basic block and extension A). */
export function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/** Character of a URL-safe base64 alphabet: letters, digits, `-` and `_`. */
export function isBase64UrlChar(code: number): boolean {
  return isWordChar(code) || code === 45;
}

/** Space or tab, but not a line break. */
export function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/** Whitespace of any kind, line breaks included. */
export function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11;
}
