import { PhraseAutomaton, type PhraseHit } from './automaton.js';
import { correctMisspellings } from '../text/index.js';
import { normalizeForMatch, originalSlice, type NormalizedText } from './normalize.js';
import { requiredAlternatives } from './regex-literal.js';
import type { Taxonomy } from './taxonomy.js';

/** A root cause whose signals were found in a text. */
export interface RootCauseMatch {
  code: string;
  /** Sum of the weights of the distinct signals found; negative signals subtract. */
  score: number;
  /** The exact text (as written in the input) of each positive signal found, strongest first. */
  evidence: string[];
}

/** Options of `matchRootCauses`. */
export interface MatchOptions {
  /** Smallest score a cause needs to be returned; defaults to 1. */
  minScore?: number;
  /** Maximum number of matches returned; defaults to all. */
  limit?: number;
}

interface CompiledSignal {
  cause: number;
  weight: number;
}

interface CompiledPhrase extends CompiledSignal {
  /** Whether the first or last unit is an ASCII letter or digit that must not touch another. */
  guardStart: boolean;
  guardEnd: boolean;
}

interface CompiledRegex extends CompiledSignal {
  regex: RegExp;
  /**
   * Automaton phrases of which every match contains one, or null when none are known. The pattern
   * runs only when one of them occurs.
   */
  gates: number[] | null;
}

/** Signals of a taxonomy compiled for matching. */
export interface CompiledTaxonomy {
  /** Finds the phrase signals, then the regexes' gates, numbered after them. */
  automaton: PhraseAutomaton;
  phrases: CompiledPhrase[];
  regexes: CompiledRegex[];
}

/** A signal found in the text, with the original text of its first occurrence. */
interface FoundSignal {
  cause: number;
  weight: number;
  start: number;
  evidence: string;
}

const compiled = new WeakMap<Taxonomy, CompiledTaxonomy>();

/**
 * Builds the matching view of `text` with misspellings read as the words meant (注消 as 注销).
 * Each correction has the length of the misspelling, so the view's offsets stay valid.
 */
function matchingView(text: string): NormalizedText {
  const view = normalizeForMatch(text);
  return { ...view, text: correctMisspellings(view.text) };
}

/**
 * Finds the root causes whose signals occur in `text`, sorted by score (highest first, ties in
 * taxonomy order). Matching runs on the NFKC, lower-cased view of the text; each signal counts once
 * however often it occurs. The taxonomy is compiled on first use and cached.
 */
export function matchRootCauses(
  text: string,
  taxonomy: Taxonomy,
  options: MatchOptions = {},
): RootCauseMatch[] {
  const minScore = options.minScore ?? 1;
  const program = compileTaxonomy(taxonomy);
  const view = matchingView(text);

  const found = findSignals(program, view, program.automaton.search(view.text));
  const matches = scoreCauses(taxonomy, found).filter((match) => match.score >= minScore);
  return options.limit === undefined ? matches : matches.slice(0, options.limit);
}

/**
 * Matches `text` and its first `prefixLength` units as `matchRootCauses` with no minimum score
 * would match each. The prefix reuses the phrase occurrences found in the whole text when the
 * matching view keeps the original offsets, which saves a second pass over it.
 */
export function matchRootCausesWithPrefix(
  text: string,
  prefixLength: number,
  taxonomy: Taxonomy,
): { all: RootCauseMatch[]; prefix: RootCauseMatch[] } {
  const program = compileTaxonomy(taxonomy);
  const view = matchingView(text);
  const hits = program.automaton.search(view.text);
  const all = scoreCauses(taxonomy, findSignals(program, view, hits));

  if (view.starts !== null) {
    const prefix = matchRootCauses(text.slice(0, prefixLength), taxonomy, { minScore: -Infinity });
    return { all, prefix };
  }
  const prefixView: NormalizedText = {
    original: text.slice(0, prefixLength),
    text: view.text.slice(0, prefixLength),
    starts: null,
    ends: null,
  };
  const prefixHits = hits.filter((hit) => hit.end <= prefixLength);
  return { all, prefix: scoreCauses(taxonomy, findSignals(program, prefixView, prefixHits)) };
}

/** Finds the signals in a view, keyed by signal index (phrases first, then regexes) so each counts once. */
function findSignals(
  program: CompiledTaxonomy,
  view: NormalizedText,
  hits: readonly PhraseHit[],
): Map<number, FoundSignal> {
  const found = new Map<number, FoundSignal>();
  collectPhrases(program, view, hits, found);
  collectRegexes(program, view, hits, found);
  return found;
}

/** Compiles the taxonomy's signals into one phrase automaton and a list of regexes, once. */
export function compileTaxonomy(taxonomy: Taxonomy): CompiledTaxonomy {
  const cached = compiled.get(taxonomy);
  if (cached !== undefined) return cached;

  const phraseTexts: string[] = [];
  const phrases: CompiledPhrase[] = [];
  const regexes: CompiledRegex[] = [];

  const gates: string[] = [];
  taxonomy.causes.forEach((cause, index) => {
    for (const signal of cause.signals) {
      if (signal.kind === 'regex') {
        const regex = new RegExp(signal.pattern, 'u');
        const literals = requiredAlternatives(signal.pattern);
        const numbers = literals?.map((literal) => {
          const known = gates.indexOf(literal);
          return known < 0 ? gates.push(literal) - 1 : known;
        });
        regexes.push({ cause: index, weight: signal.weight, regex, gates: numbers ?? null });
        continue;
      }
      const folded = correctMisspellings(normalizeForMatch(signal.phrase).text);
      phraseTexts.push(folded);
      phrases.push({
        cause: index,
        weight: signal.weight,
        guardStart: signal.boundary && isAsciiWordUnit(folded.charCodeAt(0)),
        guardEnd: signal.boundary && isAsciiWordUnit(folded.charCodeAt(folded.length - 1)),
      });
    }
  });

  for (const regex of regexes) {
    if (regex.gates !== null) regex.gates = regex.gates.map((gate) => gate + phraseTexts.length);
  }
  const automaton = new PhraseAutomaton([...phraseTexts, ...gates]);
  const program = { automaton, phrases, regexes };
  compiled.set(taxonomy, program);
  return program;
}

function collectPhrases(
  program: CompiledTaxonomy,
  view: NormalizedText,
  hits: readonly PhraseHit[],
  found: Map<number, FoundSignal>,
): void {
  for (const hit of hits) {
    // Phrases past the signals' are the regexes' gates.
    if (hit.phrase >= program.phrases.length || found.has(hit.phrase)) continue;

    const phrase = program.phrases[hit.phrase];
    if (phrase.guardStart && isAsciiWordUnit(view.text.charCodeAt(hit.start - 1))) continue;
    if (phrase.guardEnd && isAsciiWordUnit(view.text.charCodeAt(hit.end))) continue;

    found.set(hit.phrase, {
      cause: phrase.cause,
      weight: phrase.weight,
      start: hit.start,
      evidence: originalSlice(view, hit.start, hit.end),
    });
  }
}

function collectRegexes(
  program: CompiledTaxonomy,
  view: NormalizedText,
  hits: readonly PhraseHit[],
  found: Map<number, FoundSignal>,
): void {
  const gates = new Set<number>();
  for (const hit of hits) if (hit.phrase >= program.phrases.length) gates.add(hit.phrase);
  program.regexes.forEach((signal, index) => {
    if (signal.gates !== null && !signal.gates.some((gate) => gates.has(gate))) return;
    const match = signal.regex.exec(view.text);
    if (match === null) return;

    const end = match.index + match[0].length;
    found.set(program.phrases.length + index, {
      cause: signal.cause,
      weight: signal.weight,
      start: match.index,
      evidence: originalSlice(view, match.index, end),
    });
  });
}

function scoreCauses(taxonomy: Taxonomy, found: Map<number, FoundSignal>): RootCauseMatch[] {
  const byCause = new Map<number, FoundSignal[]>();
  for (const item of found.values()) {
    const list = byCause.get(item.cause) ?? [];
    list.push(item);
    byCause.set(item.cause, list);
  }

  const scored: Array<RootCauseMatch & { order: number }> = [];
  for (const [cause, items] of byCause) {
    const score = items.reduce((sum, item) => sum + item.weight, 0);
    const positive = items
      .filter((item) => item.weight > 0)
      .sort((a, b) => b.weight - a.weight || a.start - b.start);
    const evidence = [...new Set(positive.map((item) => item.evidence))];
    scored.push({ code: taxonomy.causes[cause].code, score, evidence, order: cause });
  }

  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.map(({ code, score, evidence }) => ({ code, score, evidence }));
}

function isAsciiWordUnit(unit: number): boolean {
  return (
    (unit >= 0x30 && unit <= 0x39) ||
    (unit >= 0x61 && unit <= 0x7a) ||
    (unit >= 0x41 && unit <= 0x5a)
  );
}
