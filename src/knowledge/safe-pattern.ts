/** Largest upper bound allowed in a `{m,n}` quantifier of a regex signal. */
export const MAX_QUANTIFIER_BOUND = 50;

/** Maximum length of a regex signal's source, in UTF-16 code units. */
export const MAX_PATTERN_LENGTH = 200;

/**
 * Checks that a regex signal runs in time linear in the text length, and returns the reason when
 * it might not, or null when it is safe.
 *
 * A backtracking engine stays linear when the work per start position is bounded by a constant.
 * That holds when no quantifier is unbounded (`*`, `+`, `{n,}`), every `{m,n}` has a small upper
 * bound, only `?` is applied to a group (so quantifiers never nest), and the pattern has no
 * backreferences or lookarounds.
 */
export function findUnsafeConstruct(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return `the pattern is longer than ${MAX_PATTERN_LENGTH} characters`;
  }

  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];

    if (char === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return 'backreferences are not allowed';
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') {
      inClass = true;
      continue;
    }
    if (char === '(' && pattern.startsWith('(?', i) && /^\(\?<?[=!]/.test(pattern.slice(i))) {
      return 'lookahead and lookbehind are not allowed';
    }
    if (char === '*' || char === '+') {
      return `the unbounded quantifier "${char}" is not allowed; use {0,n} with n <= ${MAX_QUANTIFIER_BOUND}`;
    }
    if (char === '{') {
      const problem = checkBoundedQuantifier(pattern, i);
      if (problem !== null) return problem;
    }
    if (char === ')' && isRepeatingQuantifier(pattern[i + 1])) {
      return 'a group may only be made optional with "?", not repeated';
    }
  }
  return null;
}

function checkBoundedQuantifier(pattern: string, start: number): string | null {
  const match = /^\{(\d{1,3})(,(\d{0,3}))?\}/.exec(pattern.slice(start));
  // A brace that does not start a quantifier is a literal in JavaScript regexes without the `u`
  // flag, but signals are compiled with `u`, where the RegExp constructor rejects it later.
  if (match === null) return null;

  const upper = match[2] === undefined ? match[1] : match[3];
  if (upper === undefined || upper === '') {
    return `the unbounded quantifier "${match[0]}" is not allowed`;
  }
  if (Number(upper) > MAX_QUANTIFIER_BOUND) {
    return `the quantifier "${match[0]}" exceeds the maximum bound ${MAX_QUANTIFIER_BOUND}`;
  }
  return null;
}

function isRepeatingQuantifier(char: string | undefined): boolean {
  return char === '*' || char === '+' || char === '{';
}
