import type { SearchHit } from '../search/index.js';
import { isFiller, normalizeText } from '../text/index.js';

/** A reply draft with the refs of the cases it was built from. */
export interface ReplyDraft {
  text: string;
  sources: string[];
  mode: 'extractive' | 'generated';
  /** Reason the language model's text was not used, when a model is configured and failed. */
  note?: string;
}

/** Options of {@link draftReply}. */
export interface DraftOptions {
  /** Cases below this coverage score are not relevant enough to quote. */
  minScore?: number;
  /**
   * The question's root cause, when words of the question itself point to it. A case with the
   * same root cause is relevant from half of `minScore`, because it is about the same problem
   * even when its words differ ("续签" for "续期").
   */
  rootCauseCode?: string;
  /** Most agent turns quoted. */
  maxTurns?: number;
  /** Most characters quoted from one turn. */
  maxTurnLength?: number;
  /** Standard fix steps of the inferred root cause, placed before the quoted turns. */
  fixSteps?: string[];
  /** An approved FAQ entry that matches the question; its reviewed steps replace `fixSteps`. */
  faq?: { steps: string[]; refs: string[] };
}

interface CandidateTurn {
  ref: string;
  text: string;
  weight: number;
}

const GREETING = /^(您好|你好)[，,!！。\s]*/;
// Clause ends after which filler such as "麻烦稍等" is cut off a turn.
const CLAUSE = /[^，,。！？!?\n]+[，,。！？!?\n]*/g;

/** Drops filler clauses ("嗯嗯好的，", "麻烦稍等。") from a turn and keeps the rest verbatim. */
function dropFillerClauses(text: string): string {
  const clauses = text.match(CLAUSE) ?? [text];
  return clauses
    .filter((clause) => !isFiller(clause))
    .join('')
    .trim();
}

function trimTurn(text: string, maxLength: number): string {
  const clean = dropFillerClauses(text.replace(GREETING, '')).replace(/[，,]$/, '');
  if (clean.length <= maxLength) return clean;
  // Cut at the last sentence end inside the limit, so the draft never stops mid-sentence.
  const cut = clean.slice(0, maxLength);
  const end = Math.max(
    cut.lastIndexOf('。'),
    cut.lastIndexOf('！'),
    cut.lastIndexOf('？'),
    cut.lastIndexOf('\n'),
  );
  return end > maxLength / 3 ? cut.slice(0, end + 1) : `${cut}…`;
}

/**
 * Collects the agent turns of the relevant cases, weighted by the case's score and by how many
 * query terms the turn itself contains. A turn that shares no term with the question is kept
 * only when it is the first substantive answer of the best case, because later turns without
 * shared terms are mostly follow-ups ("您这边关闭工单即可").
 */
function candidateTurns(
  hits: SearchHit[],
  queryTerms: string[],
  options: { minScore: number; maxTurnLength: number; rootCauseCode?: string },
): CandidateTurn[] {
  const candidates: CandidateTurn[] = [];
  const relevant = hits.filter((hit) => isRelevant(hit, options));
  relevant.forEach((hit, rank) => {
    let firstAnswer = true;
    for (const turn of hit.case.turns) {
      if (turn.role !== 'agent' || isFiller(turn.text)) continue;
      const normalized = normalizeText(turn.text);
      const overlap = queryTerms.filter((term) => normalized.includes(term)).length;
      const eligible = overlap > 0 || (rank === 0 && firstAnswer);
      firstAnswer = false;
      if (!eligible) continue;

      const text = trimTurn(turn.text, options.maxTurnLength);
      const weight = hit.score * (0.2 + overlap / Math.max(1, queryTerms.length));
      if (text !== '') candidates.push({ ref: hit.ref, text, weight });
    }
  });
  return candidates.sort((a, b) => b.weight - a.weight);
}

/** Tells whether a hit scores enough to be quoted, with the lower bar of a same-cause case. */
function isRelevant(
  hit: SearchHit,
  options: { minScore: number; rootCauseCode?: string },
): boolean {
  const sameCause =
    options.rootCauseCode !== undefined && hit.case.rootCauseCode === options.rootCauseCode;
  return hit.score >= (sameCause ? options.minScore / 2 : options.minScore);
}

/**
 * Builds a reply draft: the root cause's standard fix steps first when known, then the agent
 * turns of the best-matching cases, with filler dropped, repeats kept once and every quoted case
 * cited by ref. Returns null when no case is relevant enough, because a draft without a source
 * would be invented. Fix steps alone never make a draft, but a reviewed FAQ entry does, because
 * it cites the cases behind it.
 */
export function draftReply(
  hits: SearchHit[],
  queryTerms: string[],
  options: DraftOptions = {},
): ReplyDraft | null {
  const settings = {
    minScore: 0.35,
    maxTurns: 3,
    maxTurnLength: 240,
    fixSteps: [] as string[],
    ...options,
  };
  const seen = new Set<string>();
  const chosen: CandidateTurn[] = [];

  for (const candidate of candidateTurns(hits, queryTerms, settings)) {
    const key = normalizeText(candidate.text).replace(/\s+/g, '');
    if (seen.has(key) || candidate.text === '') continue;
    seen.add(key);
    chosen.push(candidate);
    if (chosen.length >= settings.maxTurns) break;
  }
  const faq = settings.faq;
  if (chosen.length === 0 && !faq) return null;

  const sources = [...new Set([...(faq?.refs ?? []), ...chosen.map((c) => c.ref)])];
  const steps = faq?.steps ?? settings.fixSteps ?? [];
  const lines: string[] = [];
  if (steps.length > 0) {
    lines.push('可以按以下步骤处理：', ...steps.map((step, i) => `${i + 1}. ${step}`));
    if (chosen.length > 0) lines.push('以往类似案例的答复：');
  }
  lines.push(...chosen.map((c) => c.text), `（参考案例：${sources.join('、')}）`);
  return { text: `您好，${lines.join('\n')}`, sources, mode: 'extractive' };
}
