import type { SearchHit } from '../search/index.js';
import { isFiller, normalizeForTerms, normalizeText } from '../text/index.js';
import { keepQuotableClauses } from './draft-clauses.js';
import { asksAboutPenalty, withoutPenaltyNotices } from './draft-penalty.js';
import { GenerationalCache } from '../shared/generational-cache.js';
import { replaceIdentifiers } from './draft-identifiers.js';
import { confirmedTurns } from './draft-confirmed.js';
import { supersededTurns } from './draft-superseded.js';
import {
  MIN_SHARED_WORDS,
  QUESTION_MIN_WORDS,
  distinctWords,
  isContentTerm,
  wordParts,
} from './shared-words.js';

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
   * even when its words differ ("续签" for "续期"), and a case with another known root cause
   * is not quoted, because it is about another problem.
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
  /**
   * Weight of each query term, its idf in the archive, so that a turn sharing a rare term with
   * the question counts for more than one sharing a common one. Absent terms weigh 1.
   */
  termWeights?: ReadonlyMap<string, number>;
  /**
   * The question's predicted product and the model's confidence in it. From
   * `minProductConfidence` on, a case of another product is not quoted, because its turns
   * answer another kind of question even when they share words with this one.
   */
  product?: { name: string; confidence: number };
  /** Confidence from which the predicted product rules out cases of other products. */
  minProductConfidence?: number;
  /**
   * The redacted question. Unless it speaks of a penalty itself, sentences about one imposed on
   * an earlier customer are not quoted (see draft-penalty.ts).
   */
  question?: string;
}

interface CandidateTurn {
  ref: string;
  /** The turn's quotable clauses, before the earlier customer's identifiers are replaced. */
  quotable: string;
  weight: number;
}

/** A turn chosen for the draft, with the text it is quoted with. */
interface QuotedTurn {
  ref: string;
  text: string;
}

const GREETING = /^(您好|你好)[，,!！。\s]*/;

// A line of code: an assignment, a call, a statement end or a brace.
const CODE_LINE = /[=;{}$]|\w\(|^\s*(?:import|from|def|function|const|let|var|return)\b/;

/** Tells whether most lines of a turn of three or more lines are code. */
function isMostlyCode(text: string): boolean {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length < 3) return false;
  return lines.filter((line) => CODE_LINE.test(line)).length * 2 >= lines.length;
}

// A code sample is quoted up to this many times the limit of prose, since a cut one is useless.
const CODE_LENGTH_FACTOR = 4;

/**
 * Cuts a turn to `maxLength` characters, at the last sentence end inside the limit if it can.
 * A turn that is mostly code may be `CODE_LENGTH_FACTOR` times as long.
 */
function trimToLength(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  if (isMostlyCode(text) && text.length <= maxLength * CODE_LENGTH_FACTOR) return text;
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

// Share of the question's term weight a turn must contain to be quoted. The best case's first
// reply and its replies that the customer confirmed are quoted without it.
const MIN_TURN_SHARE = 0.15;

// Weight added to the share of a turn that the customer confirmed worked, so that the fix comes
// before the first guesses of its case.
const CONFIRMED_BONUS = 0.3;

// Agent turns recur across cases (template replies, the same fix written again), so the
// quotable part of a turn is kept for texts met before, two generations of this many. Longer
// turns are not kept, which bounds the cache at an estimated 24 MB (4,000 entries of three texts
// of at most 1,000 UTF-16 units).
const QUOTABLE_CACHE_SIZE = 2_000;
const MAX_CACHED_TURN = 1_000;
const quotableTexts = new GenerationalCache<string, { quotable: string; normalized: string }>(
  QUOTABLE_CACHE_SIZE,
);

/** Returns the quotable clauses of an agent turn, and their form for matching query terms. */
function quotableText(turn: string): { quotable: string; normalized: string } {
  const cacheable = turn.length <= MAX_CACHED_TURN;
  let found = cacheable ? quotableTexts.get(turn) : undefined;
  if (found === undefined) {
    const quotable = keepQuotableClauses(turn.replace(GREETING, '')).replace(/[，,]$/, '');
    found = { quotable, normalized: normalizeForTerms(quotable) };
    if (cacheable) quotableTexts.set(turn, found);
  }
  return found;
}

/**
 * Collects the agent turns of the relevant cases, weighted by the case's score and by the share
 * of the question's term weight that the turn's quotable clauses contain. A turn below
 * `MIN_TURN_SHARE` is kept only when it is the first quotable answer of the best case, because
 * later turns without shared terms are mostly follow-ups ("您这边关闭工单即可"). A turn that a
 * later turn replaced, by a correction or after the customer rejected it, is never quoted.
 */
function candidateTurns(
  hits: SearchHit[],
  queryTerms: string[],
  options: RelevanceOptions & { termWeights?: ReadonlyMap<string, number>; question?: string },
): CandidateTurn[] {
  const candidates: CandidateTurn[] = [];
  const keepNotices = asksAboutPenalty(options.question ?? queryTerms.join(''));
  const content = queryTerms.filter(isContentTerm);
  const weightOf = (term: string) => options.termWeights?.get(term) ?? 1;
  const totalWeight = content.reduce((sum, term) => sum + weightOf(term), 0);
  const relevant = hits.filter((hit) => isRelevant(hit, options));
  relevant.forEach((hit, rank) => {
    const superseded = supersededTurns(hit.case.turns);
    const confirmed = confirmedTurns(hit.case.turns);
    let firstAnswer = true;
    hit.case.turns.forEach((turn, index) => {
      if (turn.role !== 'agent' || superseded.has(index)) return;
      let { quotable, normalized } = quotableText(turn.text);
      if (!keepNotices) {
        const withoutNotices = withoutPenaltyNotices(quotable);
        if (withoutNotices !== quotable) {
          quotable = withoutNotices;
          normalized = normalizeForTerms(quotable);
        }
      }
      if (quotable === '') return;

      const shared = content.filter((term) => normalized.includes(term));
      const share =
        totalWeight === 0 ? 0 : shared.reduce((sum, term) => sum + weightOf(term), 0) / totalWeight;
      const isConfirmed = confirmed.has(index);
      const eligible = share >= MIN_TURN_SHARE || (rank === 0 && (firstAnswer || isConfirmed));
      firstAnswer = false;
      if (!eligible) return;

      const weight = hit.score * (0.2 + share + (isConfirmed ? CONFIRMED_BONUS : 0));
      candidates.push({ ref: hit.ref, quotable, weight });
    });
  });
  return candidates.sort((a, b) => b.weight - a.weight);
}

/** The settings that decide which hits may be quoted. */
interface RelevanceOptions {
  minScore: number;
  /** The best hit, when it clearly leads the others: relevant below `minScore` too. */
  leader?: SearchHit;
  rootCauseCode?: string;
  product?: { name: string; confidence: number };
  minProductConfidence: number;
}

/**
 * Tells whether a hit may be quoted. It must score enough, with the lower bar of a same-cause
 * case, or clearly lead the others. It must have no other known root cause than the question's,
 * and no other product than a confidently predicted one.
 */
function isRelevant(hit: SearchHit, options: RelevanceOptions): boolean {
  const cause = hit.case.rootCauseCode;
  if (options.rootCauseCode !== undefined && cause !== null && cause !== options.rootCauseCode) {
    return false;
  }
  const product = options.product;
  if (
    product !== undefined &&
    product.confidence >= options.minProductConfidence &&
    hit.case.product !== product.name
  ) {
    return false;
  }
  const sameCause =
    options.rootCauseCode !== undefined && hit.case.rootCauseCode === options.rootCauseCode;
  if (hit === options.leader) return true;
  if (distinctWords(hit.matchedTerms) < MIN_SHARED_WORDS) return false;
  return hit.score >= (sameCause ? options.minScore / 2 : options.minScore);
}

// The best case is quoted below `minScore` when it scores at least LEADER_MIN_SCORE and
// LEADER_MARGIN times the second case, because a question in other words than the archive's
// scores low coverage even when one case clearly matches it.
const LEADER_MIN_SCORE = 0.15;
const LEADER_MARGIN = 1.5;

/** Returns the best hit when it clearly leads the others, else undefined. */
function clearLeader(hits: readonly SearchHit[]): SearchHit | undefined {
  const [first, second] = hits;
  if (!first || first.score < LEADER_MIN_SCORE) return undefined;
  if (second && first.score < LEADER_MARGIN * second.score) return undefined;
  if (distinctWords(first.matchedTerms) < MIN_SHARED_WORDS) return undefined;
  return first;
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
    minProductConfidence: 0.8,
    fixSteps: [] as string[],
    ...options,
    leader: clearLeader(hits),
  };
  const seen = new Set<string>();
  const chosen: QuotedTurn[] = [];
  const question = new Set(queryTerms.map((term) => normalizeText(term)));

  // A question of one word (短信, CDN) does not say what the customer needs, so no past reply
  // is quoted for it: fix steps of a known cause or a reviewed FAQ entry may still draft one.
  const quotes =
    wordParts(queryTerms) >= QUESTION_MIN_WORDS ? candidateTurns(hits, queryTerms, settings) : [];
  // Identifiers are replaced only in the turns read here, best first, since few are quoted.
  for (const candidate of quotes) {
    const text = trimToLength(
      replaceIdentifiers(candidate.quotable, question),
      settings.maxTurnLength,
    );
    const key = normalizeText(text).replace(/\s+/g, '');
    if (seen.has(key) || text === '') continue;
    seen.add(key);
    chosen.push({ ref: candidate.ref, text });
    if (chosen.length >= settings.maxTurns) break;
  }
  const faq = settings.faq;
  // An answered relevant case whose turns were all left out (only questions, requests or
  // status reports to its customer) still backs the fix steps of the root cause, and so does an
  // answered similar case of that cause at any score.
  const backs = (hit: SearchHit) =>
    isRelevant(hit, settings) ||
    (settings.rootCauseCode !== undefined && hit.case.rootCauseCode === settings.rootCauseCode);
  const backing =
    chosen.length === 0 && (settings.fixSteps ?? []).length > 0
      ? hits.filter((hit) => backs(hit) && hasAgentAnswer(hit)).map((hit) => hit.ref)
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
