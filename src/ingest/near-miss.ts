import { quoteText, type ArchivePosition } from './errors.js';
import type { Role } from './record.js';
import { CATEGORY_LABEL, ROLE_LABELS, SECTION_HEADINGS, type SectionKey } from './syntax.js';

/**
 * Detection of near misses: lines that the reader takes as text of a section or turn although
 * they look like a damaged structure line. A lost turn marker files the agent's words under the
 * customer, so the reader reports these lines as warnings, while the record is read exactly as
 * without the check.
 *
 * The rules are narrow on purpose, because text contains code, JSON and Markdown:
 * - A line indented with a space or tab never warns, since indenting is how an archive keeps
 *   a structure-like line as text. Neither do lines inside a fenced code block (``` or ~~~).
 * - A label is the whole run of characters at the line start, after any emphasis marks, up to a
 *   space, an emphasis mark or a colon. So `客户端：` has the label `客户端`.
 * - Turn-marker rules apply only in the dialogue section, where a lost marker merges two turns.
 *   `客户`, `客戶` and `客服` are the only speaker labels. A speaker label followed by a colon
 *   warns. Without a colon, only a label in emphasis marks followed by a space or the line end
 *   warns, so `**客服**会在…` (bold text that starts a sentence) does not.
 * - A `#` line warns when its text is a section heading. With exactly three `#` the text may also
 *   be one edit away from a heading, or differ from it by two characters at its start or end.
 * - The label `问题分类` warns when a colon follows it or it is in emphasis marks. It must match
 *   exactly, after traditional characters are mapped, because `问题分析` is one character away
 *   from it and is common text.
 */

/** Catalogue of the stable codes of near-miss warnings, each with a one-sentence description. */
export const NEAR_MISS_CODES = {
  'turn-marker-without-colon':
    'A dialogue line starts with `**客户**` or `**客服**` followed by a space or the line end, not a colon.',
  'malformed-turn-marker':
    'A dialogue line starts with a speaker label and a colon, but not as `**客户**：` or `**客服**：`.',
  'malformed-section-heading':
    'A line starting with `#` has the text of one of the four section headings, or nearly.',
  'malformed-category-line':
    'A line of a section or turn starts with the `问题分类` label of the category line.',
} as const;

/** Stable code of a near-miss warning. */
export type NearMissCode = keyof typeof NEAR_MISS_CODES;

/** Line of an archive that was read as text but looks like a damaged structure line. */
export interface NearMissWarning {
  code: NearMissCode;
  file: string;
  /** 1-based line number. */
  line: number;
  /** Reads `<file>:<line>: <detail>`, as the message of an ArchiveError does. */
  message: string;
}

/** Record, section and turn that a line of text belongs to, for the warning's message. */
export interface TextPlace {
  ref: string;
  section: SectionKey;
  /** Line number of each section heading seen so far in the record. */
  sectionLines: ReadonlyMap<SectionKey, number>;
  /** The turn that the line continues, in the dialogue section. */
  turn: { role: Role; line: number } | null;
}

/** Match of a lookalike rule: the warning code, a description of the line and its fix. */
interface Finding {
  code: NearMissCode;
  looksLike: string;
  fix: string;
}

// Most text lines start with none of these, which keeps the check cheap on large imports: `#`,
// emphasis marks, the first character of a speaker or category label, and invisible characters.
const MAY_BE_STRUCTURE = /^[#*＊_客问問\u200B-\u200D\u2060\uFEFF]/;
const INVISIBLE_PREFIX = /^[\u200B-\u200D\u2060\uFEFF]+/;
const HASH_LINE = /^(#+)[ \t\u3000]*(.*)$/s;
const COLONS = '：:︰﹕∶';
// A label at the line start: emphasis marks, the label, emphasis marks, then an optional colon.
const LABEL_LINE = new RegExp(
  '^(?<open>[*＊_]{0,3})(?<innerStart>[ \\t\\u3000]*)' +
    `(?<label>[^\\s*＊_${COLONS}]{2,8})(?=[\\s*＊_${COLONS}]|$)` +
    '(?<innerEnd>[ \\t\\u3000]*)(?<close>[*＊_]{0,3})(?<gap>[ \\t\\u3000]*)' +
    `(?<colon>[${COLONS}]?)(?<rest>.*)$`,
  's',
);
const CODE_FENCE = /^[ \t]*(?:`{3,}|~{3,})/;

// Simplified forms of the traditional characters that the labels and headings have in zh-TW and
// zh-HK text.
const SIMPLIFIED: Readonly<Record<string, string>> = {
  問: '问',
  題: '题',
  類: '类',
  戶: '户',
  對: '对',
  話: '话',
  記: '记',
  錄: '录',
};

/** Tells whether a line opens or closes a fenced code block. */
export function isCodeFence(line: string): boolean {
  return CODE_FENCE.test(line);
}

/**
 * Checks whether a line read as text of `place` looks like a damaged turn marker, section heading
 * or category line, and returns the warning for it or null. The module doc lists the rules.
 */
export function findNearMiss(
  line: string,
  place: TextPlace,
  position: ArchivePosition,
): NearMissWarning | null {
  if (!MAY_BE_STRUCTURE.test(line)) return null;

  const finding = findLookalike(line, place);
  if (finding === null) return null;

  const where =
    place.turn === null
      ? `text of the ### ${SECTION_HEADINGS[place.section]} section`
      : `part of the ${place.turn.role} turn that starts at line ${place.turn.line}`;
  const detail =
    `the line ${quoteText(line)} of record ${place.ref} looks like ${finding.looksLike}, ` +
    `so it was read as ${where}; ${finding.fix}, or ignore this warning if the line is text`;
  return {
    code: finding.code,
    file: position.file,
    line: position.line,
    message: `${position.file}:${position.line}: ${detail}`,
  };
}

function findLookalike(line: string, place: TextPlace): Finding | null {
  const invisible = INVISIBLE_PREFIX.exec(line)?.[0] ?? '';
  const text = line.slice(invisible.length);

  const hashes = HASH_LINE.exec(text);
  if (hashes !== null) return matchHeadingLookalike(hashes[1].length, hashes[2], place);

  const label = LABEL_LINE.exec(text)?.groups as LabelParts | undefined;
  if (label === undefined) return null;
  if (place.section === 'dialogue') {
    const turn = matchTurnLookalike(label, invisible);
    if (turn !== null) return turn;
  }
  return matchCategoryLookalike(label);
}

/** Named groups of `LABEL_LINE`. */
interface LabelParts {
  open: string;
  innerStart: string;
  label: string;
  innerEnd: string;
  close: string;
  gap: string;
  colon: string;
  rest: string;
}

function matchTurnLookalike(parts: LabelParts, invisible: string): Finding | null {
  const role = roleOfLabel(parts.label);
  if (role === null) return null;
  const marker = `**${ROLE_LABELS[role]}**：`;
  const fix = `write "${marker}" at the start of the line if it starts a new turn`;

  if (parts.colon !== '') {
    const flaws = markerFlaws(parts, invisible);
    return {
      code: 'malformed-turn-marker',
      looksLike: `the turn marker "${marker}" ${flaws}`,
      fix,
    };
  }

  // Bold text right after the label (`**客服**会在…`) is a sentence, so only a space or the line
  // end after the closing marks counts.
  const bold = parts.open !== '' && parts.close !== '';
  if (bold && (parts.gap !== '' || parts.rest === '')) {
    const looksLike = 'a turn marker without its full-width colon';
    return { code: 'turn-marker-without-colon', looksLike, fix };
  }
  return null;
}

// Describes how a speaker label with a colon differs from a turn marker.
function markerFlaws(parts: LabelParts, invisible: string): string {
  const flaws: string[] = [];
  if (invisible !== '') flaws.push(`after the invisible character ${codePoints(invisible)}`);
  if (parts.open === '' && parts.close === '') flaws.push('without its asterisks');
  else {
    const spaced = parts.innerStart !== '' || parts.innerEnd !== '';
    if (spaced || parts.open !== '**' || parts.close !== '**') {
      flaws.push('with misplaced asterisks or spaces');
    }
  }
  if (!/^[ \t]*$/.test(parts.gap)) flaws.push('with a full-width space before its colon');
  if (parts.label !== simplify(parts.label)) flaws.push(`written as ${parts.label}`);
  if (!'：:'.includes(parts.colon)) {
    flaws.push(`with "${parts.colon}" (${codePoints(parts.colon)}) in place of its colon`);
  }
  return flaws.join(' and ');
}

function matchCategoryLookalike(parts: LabelParts): Finding | null {
  if (normalize(parts.label) !== CATEGORY_LABEL) return null;
  const bold = parts.open !== '' && parts.close !== '';
  if (parts.colon === '' && !bold) return null;

  return {
    code: 'malformed-category-line',
    looksLike: `the category line "**${CATEGORY_LABEL}**: <product>｜<type>"`,
    fix:
      "only the line before a record's first section sets its category, so delete this line " +
      'if it is a stray copy',
  };
}

function matchHeadingLookalike(hashes: number, text: string, place: TextPlace): Finding | null {
  const name = normalize(text);
  const entries = Object.entries(SECTION_HEADINGS) as [SectionKey, string][];
  const near = ([, heading]: [SectionKey, string]) =>
    hashes === 3 ? isNearHeading(name, heading) : name === heading;
  const match = entries.find(near);
  if (match === undefined) return null;

  const [section, heading] = match;
  const opened = place.sectionLines.get(section);
  const fix =
    opened === undefined
      ? `write "### ${heading}" on a line of its own if the section starts here`
      : `the record already has that section at line ${opened}, so if a new record starts ` +
        'here, end this one with a --- line and start the next with "## Q<n>: <title>"';
  return { code: 'malformed-section-heading', looksLike: `the heading "### ${heading}"`, fix };
}

// A heading text is near when one character is added, dropped or replaced, or when two
// characters are added or dropped at its start or end (`完整对话` for `完整对话记录`). Dropping
// two of a four-character heading leaves generic words such as `问题`, so the shorter text must
// keep at least four characters.
function isNearHeading(name: string, heading: string): boolean {
  const distance = editDistance(name, heading);
  if (distance <= 1) return true;
  if (distance > 2) return false;

  const [shorter, longer] = name.length < heading.length ? [name, heading] : [heading, name];
  const atEdge = longer.startsWith(shorter) || longer.endsWith(shorter);
  return atEdge && Array.from(shorter).length >= 4;
}

// Levenshtein distance over code points. Only 0 to 2 matter here, so strings whose lengths differ
// by more than 2 get 3 without the full computation.
function editDistance(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  if (Math.abs(left.length - right.length) > 2) return 3;

  let previous = right.map((_, index) => index + 1);
  previous.unshift(0);
  for (const [i, char] of left.entries()) {
    const current = [i + 1];
    for (const [j, other] of right.entries()) {
      const substitution = previous[j] + (char === other ? 0 : 1);
      current.push(Math.min(substitution, previous[j + 1] + 1, current[j] + 1));
    }
    previous = current;
  }
  return previous[right.length];
}

function roleOfLabel(label: string): Role | null {
  const simplified = simplify(label);
  if (simplified === ROLE_LABELS.customer) return 'customer';
  if (simplified === ROLE_LABELS.agent) return 'agent';
  return null;
}

// Reduces a label or heading text to the form it is compared in: no whitespace, emphasis marks
// or trailing colons and full stops, and simplified characters.
function normalize(text: string): string {
  const bare = text
    .replace(/\s+/g, '')
    .replace(/^[*＊_]+|[*＊_]+$/g, '')
    .replace(/[：:︰﹕∶。.]+$/, '')
    .replace(/^[*＊_]+|[*＊_]+$/g, '');
  return simplify(bare);
}

function simplify(text: string): string {
  return Array.from(text, (char) => SIMPLIFIED[char] ?? char).join('');
}

function codePoints(text: string): string {
  return Array.from(text, (char) => {
    const hex = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return `U+${hex}`;
  }).join(' ');
}
