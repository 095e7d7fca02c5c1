import type { Turn } from '../ingest/record.js';
import { isFiller, PLACEHOLDER_PATTERN } from '../text/index.js';
import { draftRules } from './draft-data.js';
import { splitClauses } from './split-clauses.js';

// Characters a marker clause may contain beyond the marker itself ("刚刚", "不好意思"), so that
// "刚刚表述有误，" is a marker clause but "您可以提交信息更正申请" is not.
const MARKER_SLACK = 6;
const NOISE = /[\p{P}\p{S}\p{Z}\s]/gu;
const LEADING_COLON = /^(?:一下)?[：:]\s*/;

/**
 * Returns a correction clause without its marker: '' for a clause that is little more than the
 * marker ("刚刚表述有误，"), the rest for a clause that opens with the marker and a colon
 * ("更正：韩国请购买亚洲其他"). Returns null when the clause corrects nothing.
 */
export function withoutCorrectionMarker(clause: string): string | null {
  const content = clause.replace(PLACEHOLDER_PATTERN, '').replace(NOISE, '');
  const opening = clause.trimStart();

  for (const marker of draftRules().correctionMarkers) {
    if (content.includes(marker) && content.length <= marker.length + MARKER_SLACK) return '';
    if (!opening.startsWith(marker)) continue;
    const colon = LEADING_COLON.exec(opening.slice(marker.length));
    if (colon) return opening.slice(marker.length + colon[0].length);
  }
  return null;
}

function isCorrection(text: string): boolean {
  return splitClauses(text).some((clause) => withoutCorrectionMarker(clause) !== null);
}

/**
 * Finds the agent turns that a later agent turn of the same case takes back: the substantive
 * agent turn just before each correction ("买亚洲即可" before "刚刚表述有误，…"). Returns their
 * indexes into `turns`.
 */
export function correctedTurns(turns: readonly Turn[]): Set<number> {
  const corrected = new Set<number>();
  let previous: number | undefined;
  turns.forEach((turn, index) => {
    if (turn.role !== 'agent' || isFiller(turn.text)) return;
    if (previous !== undefined && isCorrection(turn.text)) corrected.add(previous);
    previous = index;
  });
  return corrected;
}
