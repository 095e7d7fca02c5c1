import type { PlaceholderSpan } from './placeholders.js';
import type { Candidate } from './types.js';

function compareCandidates(a: Candidate, b: Candidate): number {
  return b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start;
}

/**
 * Picks a set of non-overlapping candidates: higher priority first, then the longer span, then
 * the earlier one. Returns them in text order. Runs in O(k log k + total candidate length) by
 * marking taken characters in a bitmap.
 */
export function resolveSpans(candidates: readonly Candidate[], textLength: number): Candidate[] {
  if (candidates.length <= 1) return candidates.filter((c) => c.end > c.start);

  const ordered = [...candidates].sort(compareCandidates);
  const taken = new Uint8Array(textLength);
  const chosen: Candidate[] = [];
  for (const candidate of ordered) {
    if (candidate.end <= candidate.start) continue;
    let free = true;
    for (let i = candidate.start; i < candidate.end; i++) {
      if (taken[i] === 1) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    taken.fill(1, candidate.start, candidate.end);
    chosen.push(candidate);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/**
 * Drops candidates that overlap a placeholder already in the text, so no placeholder is ever
 * swallowed by a new span (a quoted value or a PEM block around `[图片]`). Placeholders are in
 * text order, so each candidate costs one binary search.
 */
export function withoutPlaceholders(
  candidates: readonly Candidate[],
  placeholders: readonly PlaceholderSpan[],
): Candidate[] {
  if (placeholders.length === 0) return candidates as Candidate[];
  return candidates.filter((candidate) => {
    let low = 0;
    let high = placeholders.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (placeholders[middle].end <= candidate.start) low = middle + 1;
      else high = middle;
    }
    const next = placeholders[low];
    return next === undefined || next.start >= candidate.end;
  });
}
