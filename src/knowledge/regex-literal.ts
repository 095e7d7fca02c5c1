// Units that stand for themselves in a pattern: ASCII letters and digits and CJK ideographs.
const PLAIN = /^[a-z0-9\u4e00-\u9fff]$/;
const QUANTIFIERS = new Set(['?', '*', '+', '{']);

/**
 * Returns the longest run of literal text that every match of a signal's pattern contains, or
 * null when no run of two or more units is certain. Only plain units outside groups and
 * character classes count, and a unit under a quantifier does not, so the result errs towards
 * null. A pattern with `|` outside groups has no such run.
 *
 * The matcher searches for the run with its phrase automaton and runs the pattern only when
 * the run occurs: `(想|要|怎么|怎样)(把.{0,10})?解绑` needs 解绑.
 */
export function requiredLiteral(source: string): string | null {
  let best = '';
  let run = '';
  let depth = 0;
  let inClass = false;
  const endRun = () => {
    if (run.length > best.length) best = run;
    run = '';
  };

  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (inClass) {
      if (char === '\\') i++;
      else if (char === ']') inClass = false;
      continue;
    }
    if (char === '\\') {
      // An escaped dot is a literal dot; any other escape (\b, \s, \d) ends the run.
      const escaped = source[++i];
      if (depth === 0 && escaped === '.' && !QUANTIFIERS.has(source[i + 1] ?? '')) run += '.';
      else if (depth === 0) endRun();
      continue;
    }
    if (char === '{') {
      // A counted quantifier: its digits are no text.
      i = source.indexOf('}', i);
      if (i < 0) return null;
      if (depth === 0) endRun();
      continue;
    }
    if (char === '[') inClass = true;
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === '|' && depth === 0) return null;
    if (depth === 0 && PLAIN.test(char) && !QUANTIFIERS.has(source[i + 1] ?? '')) {
      run += char;
      continue;
    }
    if (depth === 0 || char === '(') endRun();
  }
  endRun();
  return best.length >= 2 ? best : null;
}
