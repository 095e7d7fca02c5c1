import { normalizeForTerms, PLACEHOLDER_PATTERN } from '../text/index.js';

/** A short excerpt of a case with the ranges of the query terms it shows. */
export interface Snippet {
  text: string;
  /** `[start, end)` offsets into `text` of each matched term. */
  highlights: Array<[number, number]>;
}

const WINDOW = 90;

// Placeholders in lower-cased text, such as `[secret_1]`.
const PLACEHOLDER = new RegExp(PLACEHOLDER_PATTERN.source, 'gi');

function isAsciiAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

function findHits(normalized: string, terms: string[]): Array<[number, number]> {
  // A term inside a placeholder (`secret` in `[secret_1]`) is no word of the text.
  const placeholders = [...normalized.matchAll(PLACEHOLDER)].map((m) => [
    m.index,
    m.index + m[0].length,
  ]);
  const inPlaceholder = (at: number) =>
    placeholders.some(([start, end]) => at >= start && at < end);
  const hits: Array<[number, number]> = [];
  for (const term of terms) {
    if (term.startsWith('[') || term.length === 0) continue;
    // A Latin term is a word of its own: `com` in `err_cert_common` is not the term.
    const guardStart = isAsciiAlnum(term.charCodeAt(0));
    const guardEnd = isAsciiAlnum(term.charCodeAt(term.length - 1));
    let from = 0;
    for (;;) {
      const at = normalized.indexOf(term, from);
      if (at < 0) break;
      from = at + term.length;
      if (guardStart && isAsciiAlnum(normalized.charCodeAt(at - 1))) continue;
      if (guardEnd && isAsciiAlnum(normalized.charCodeAt(from))) continue;
      if (!inPlaceholder(at)) hits.push([at, from]);
    }
  }
  return hits.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
}

function mergeOverlaps(hits: Array<[number, number]>): Array<[number, number]> {
  const merged: Array<[number, number]> = [];
  for (const hit of hits) {
    const last = merged[merged.length - 1];
    if (last && hit[0] <= last[1]) last[1] = Math.max(last[1], hit[1]);
    else merged.push([hit[0], hit[1]]);
  }
  return merged;
}

/**
 * Picks the passage of the candidate texts with the most query-term hits and returns a window
 * of about 90 characters around its first hit. NFKC can change lengths, so offsets are mapped
 * only for texts whose normalized form is as long as the original; others are shown unmarked.
 */
export function buildSnippet(texts: string[], terms: string[]): Snippet {
  let best = {
    text: texts.find((t) => t.trim() !== '') ?? '',
    hits: [] as Array<[number, number]>,
  };
  for (const text of texts) {
    // Misspellings are replaced by words of their own length, so offsets stay those of `text`.
    const normalized = normalizeForTerms(text);
    if (normalized.length !== text.length) continue;
    const hits = mergeOverlaps(findHits(normalized, terms));
    if (hits.length > best.hits.length) best = { text, hits };
  }

  const flat = best.text.replace(/\s+/g, ' ');
  const collapsed = best.text.length === flat.length;
  const source = collapsed ? flat : best.text;
  const firstHit = best.hits[0]?.[0] ?? 0;
  const start = Math.max(0, Math.min(firstHit - 20, source.length - WINDOW));
  const end = Math.min(source.length, start + WINDOW);

  const highlights = best.hits
    .filter(([a, b]) => a >= start && b <= end)
    .map(([a, b]): [number, number] => [
      a - start + (start > 0 ? 1 : 0),
      b - start + (start > 0 ? 1 : 0),
    ]);
  const text = (start > 0 ? '…' : '') + source.slice(start, end) + (end < source.length ? '…' : '');
  return { text: text.replace(/\s/g, ' '), highlights };
}
