import type { SearchHit } from '../search/index.js';
import { isFiller, normalizeText } from '../text/index.js';
import { keepQuotableClauses } from './draft-clauses.js';
import { replaceIdentifiers } from './draft-identifiers.js';
import { supersededTurns } from './draft-superseded.js';

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

/** Cuts a turn to `maxLength` characters, at the last sentence end inside the limit if it can. */
function trimToLength(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  const end = Math.max(
    cut.lastIndexOf('。'),
    cut.lastIndexOf('！'),
    cut.lastIndexOf('？'),
    cut.lastIndexOf('\n'),
  );
  if (end > maxLength / 3) return cut.slice(0, end + 1).trimEnd();
  // Without a sentence end, never stop inside a placeholder such as 【实例ID】.
  const open = cut.lastIndexOf('【');
  return `${open > cut.lastIndexOf('】') ? cut.slice(0, open) : cut}…`;
}

/**
 * Collects the agent turns of the relevant cases, weighted by the case's score and by how many
 * query terms the turn's quotable clauses contain. A turn that shares no term with the question
 * is kept only when it is the first quotable answer of the best case, because later turns
 * without shared terms are mostly follow-ups ("您这边关闭工单即可"). A turn that a later turn
 * replaced, by a correction or after the customer rejected it, is never quoted.
 */
function candidateTurns(
  hits: SearchHit[],
  queryTerms: string[],
  options: { minScore: number; maxTurnLength: number; rootCauseCode?: string },
): CandidateTurn[] {
  const candidates: CandidateTurn[] = [];
  const question = new Set(queryTerms.map((term) => normalizeText(term)));
  const relevant = hits.filter((hit) => isRelevant(hit, options));
  relevant.forEach((hit, rank) => {
    const superseded = supersededTurns(hit.case.turns);
    let firstAnswer = true;
    hit.case.turns.forEach((turn, index) => {
      if (turn.role !== 'agent' || superseded.has(index)) return;
      const quotable = keepQuotableClauses(turn.text.replace(GREETING, '')).replace(/[，,]$/, '');
      if (quotable === '') return;

      const normalized = normalizeText(quotable);
      const overlap = queryTerms.filter((term) => normalized.includes(term)).length;
      const eligible = overlap > 0 || (rank === 0 && firstAnswer);
      firstAnswer = false;
      if (!eligible) return;

      const text = trimToLength(replaceIdentifiers(quotable, question), options.maxTurnLength);
      const weight = hit.score * (0.2 + overlap / Math.max(1, queryTerms.length));
      candidates.push({ ref: hit.ref, text, weight });
    });
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

function hasAgentAnswer(hit: SearchHit): boolean {
  return hit.case.turns.some((turn) => turn.role === 'agent' && !isFiller(turn.text));
}

/**
 * Builds a reply draft: the root cause's standard fix steps first when known, then the agent
 * turns of the best-matching cases, with repeats kept once and every quoted case cited by ref.
 * Quoted turns keep only what suits a new customer: no filler, no replaced turns, no requests
 * for the earlier customer's data, no reports of that case's status, and placeholders for that
 * customer's identifiers ({@link keepQuotableClauses}, {@link replaceIdentifiers}). Returns null
 * when no case is relevant enough, because a draft without a source would be invented. Fix
 * steps make a draft without quoted turns only when a relevant case backs them, and a reviewed
 * FAQ entry always does, because it cites the cases behind it.
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
  // An answered relevant case whose turns were all left out (only questions, requests or
  // status reports to its customer) still backs the fix steps of the root cause.
  const backing =
    chosen.length === 0 && (settings.fixSteps ?? []).length > 0
      ? hits.filter((hit) => isRelevant(hit, settings) && hasAgentAnswer(hit)).map((hit) => hit.ref)
      : [];
  if (chosen.length === 0 && !faq && backing.length === 0) return null;

  const sources = [
    ...new Set([...(faq?.refs ?? []), ...chosen.map((c) => c.ref), ...backing.slice(0, 1)]),
  ];
  const steps = faq?.steps ?? settings.fixSteps ?? [];
  const lines: string[] = [];
  if (steps.length > 0) {
    lines.push('可以按以下步骤处理：', ...steps.map((step, i) => `${i + 1}. ${step}`));
    if (chosen.length > 0) lines.push('以往类似案例的答复：');
  }
  lines.push(...chosen.map((c) => c.text), `（参考案例：${sources.join('、')}）`);
  return { text: `您好，${lines.join('\n')}`, sources, mode: 'extractive' };
}
