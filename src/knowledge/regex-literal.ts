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

/**
 * Returns literals of which every match of a signal's pattern contains at least one, or null
 * when none are certain. They are the {@link requiredLiteral} run when there is one, else the
 * alternatives of a group that every match passes through (`(https|证书)` in
 * `(https|证书).{0,10}卡住`). A pattern with `|` outside groups gets the union over its branches,
 * or null when some branch has none.
 */
export function requiredAlternatives(source: string): string[] | null {
  const branches = topLevelBranches(source);
  const literals = new Set<string>();
  for (const branch of branches) {
    const run = requiredLiteral(branch);
    const found = run === null ? requiredGroup(branch) : [run];
    if (found === null) return null;
    for (const literal of found) literals.add(literal);
  }
  return [...literals];
}

/**
 * Calls `visit` with the index and group depth of each unit of a pattern that is neither escaped
 * nor inside a character class. The depth is that before the unit, so a `(` at the top level
 * gets 0.
 */
function forEachStructural(source: string, visit: (index: number, depth: number) => void): void {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (char === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') inClass = true;
    visit(i, depth);
    if (char === '(') depth++;
    else if (char === ')') depth--;
  }
}

/** Splits a pattern at each `|` outside groups and character classes. */
function topLevelBranches(source: string): string[] {
  const branches: string[] = [];
  let start = 0;
  forEachStructural(source, (index, depth) => {
    if (source[index] !== '|' || depth > 0) return;
    branches.push(source.slice(start, index));
    start = index + 1;
  });
  branches.push(source.slice(start));
  return branches;
}

// A group of plain alternatives and nothing else: (https|证书), (?:怕|担心).
const PLAIN_GROUP = /^\((?:\?:)?([a-z0-9\u4e00-\u9fff]+(?:\|[a-z0-9\u4e00-\u9fff]+)*)\)/;

/**
 * Returns the alternatives of the best group at the top level of a branch (outside other
 * groups and classes, with no quantifier after it) that contains plain literals only, or null.
 * The best group is the one whose shortest alternative is longest, because a gate of one
 * character is met more often.
 */
function requiredGroup(branch: string): string[] | null {
  let best: string[] | null = null;
  let bestShortest = 0;
  forEachStructural(branch, (index, depth) => {
    if (branch[index] !== '(' || depth > 0) return;
    const group = PLAIN_GROUP.exec(branch.slice(index));
    if (group === null || QUANTIFIERS.has(branch[index + group[0].length] ?? '')) return;

    const alternatives = group[1]!.split('|');
    const shortest = Math.min(...alternatives.map((alternative) => alternative.length));
    if (shortest > bestShortest) {
      best = alternatives;
      bestShortest = shortest;
    }
  });
  return best;
}
