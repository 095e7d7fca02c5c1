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
