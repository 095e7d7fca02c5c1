import { readFileSync } from 'node:fs';
import { load as parseYaml } from 'js-yaml';
import { dataPath } from '../shared/paths.js';
import { normalizeForTerms } from '../text/index.js';
import { PhraseAutomaton } from './automaton.js';
import { findUnsafeConstruct } from './safe-pattern.js';

/** One rule of `data/rules/needs-human.yaml`. */
export interface NeedsHumanRule {
  reason: string;
  label: string;
  action: string;
  phrases: string[];
  /**
   * Regular expressions for wordings whose parts stand apart ("手机号和邮箱现在都停用了，想换成新的"),
   * matched against the normalized text like the phrases.
   */
  patterns?: RegExp[];
  unless?: string[];
}

/** A reason a case needs a person, with the phrase that showed it. */
export interface NeedsHumanReason {
  reason: string;
  label: string;
  action: string;
  evidence: string;
}

/** The needs-human verdict as the triage result carries it. */
export interface NeedsHuman {
  value: boolean;
  reasons: NeedsHumanReason[];
}

function requireStrings(value: unknown, file: string, index: number, field: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new Error(
      `${file}: rule ${index + 1} has an invalid "${field}": expected a list of strings.`,
    );
  }
  return value as string[];
}

/**
 * Compiles a rule's patterns. They pass the root-cause playbook's safety check, so that a long
 * text cannot make one backtrack for long.
 */
function compilePatterns(value: unknown, file: string, index: number): RegExp[] {
  if (value === undefined) return [];
  return requireStrings(value, file, index, 'patterns').map((source) => {
    const unsafe = findUnsafeConstruct(source);
    if (unsafe !== null) {
      throw new Error(`${file}: rule ${index + 1} has an unsafe pattern "${source}": ${unsafe}.`);
    }
    try {
      return new RegExp(source, 'u');
    } catch (error) {
      throw new Error(
        `${file}: rule ${index + 1} has an invalid pattern "${source}": ${(error as Error).message}.`,
      );
    }
  });
}

/** Loads and checks the needs-human rules file. */
export function loadNeedsHumanRules(
  file = dataPath('rules', 'needs-human.yaml'),
): NeedsHumanRule[] {
  const raw: unknown = parseYaml(readFileSync(file, 'utf8'), { filename: file });
  if (!Array.isArray(raw)) throw new Error(`${file}: expected a list of rules at the top level.`);

  return raw.map((entry: Record<string, unknown>, index) => {
    for (const field of ['reason', 'label', 'action']) {
      if (typeof entry[field] !== 'string') {
        throw new Error(`${file}: rule ${index + 1} is missing the text field "${field}".`);
      }
    }
    return {
      reason: entry.reason as string,
      label: entry.label as string,
      action: entry.action as string,
      phrases: requireStrings(entry.phrases, file, index, 'phrases').map(normalizeForTerms),
      patterns: compilePatterns(entry.patterns, file, index),
      unless:
        entry.unless === undefined
          ? []
          : requireStrings(entry.unless, file, index, 'unless').map(normalizeForTerms),
    };
  });
}

interface RulePhrases {
  automaton: PhraseAutomaton;
  phrases: string[];
}

// Compiled on first use of a rule list. The list is not expected to change afterwards.
const compiledRules = new WeakMap<NeedsHumanRule[], RulePhrases>();

function rulePhrases(rules: NeedsHumanRule[]): RulePhrases {
  let compiled = compiledRules.get(rules);
  if (compiled === undefined) {
    const phrases = [
      ...new Set(rules.flatMap((rule) => [...rule.phrases, ...(rule.unless ?? [])])),
    ];
    compiled = { automaton: new PhraseAutomaton(phrases), phrases };
    compiledRules.set(rules, compiled);
  }
  return compiled;
}

// A negation cue may end this many units before a phrase: "不需要办理退款" still negates it.
const MAX_CUE_GAP = 4;
// Punctuation that ends a clause, so a cue in an earlier clause negates nothing.
const CLAUSE_END = /[，。！？；,.!?;\n]/;

let negationCues: string[] | undefined;

/** Reads data/rules/negation-cues.txt once, normalized as the texts are. */
function loadNegationCues(): string[] {
  negationCues ??= readFileSync(dataPath('rules', 'negation-cues.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map(normalizeForTerms);
  return negationCues;
}

/** Tells whether a negation cue of the same clause ends shortly before `start`. */
function isNegated(text: string, start: number): boolean {
  const cues = loadNegationCues();
  for (let end = start; end >= 0 && end >= start - MAX_CUE_GAP; end--) {
    if (end < start && CLAUSE_END.test(text[end]!)) return false;
    if (cues.some((cue) => end >= cue.length && text.startsWith(cue, end - cue.length))) {
      return true;
    }
  }
  return false;
}

/**
 * Returns a test for whether a phrase of the rules occurs in `text`, after one pass over it. An
 * occurrence right after a negation cue (不需要退款) does not count.
 */
function findRulePhrases(text: string, rules: NeedsHumanRule[]): (phrase: string) => boolean {
  const { automaton, phrases } = rulePhrases(rules);
  const found = new Set<string>();
  for (const hit of automaton.search(text)) {
    if (!isNegated(text, hit.start)) found.add(phrases[hit.phrase]);
  }
  // `includes` finds the empty string in any text, the automaton only after a first character.
  return (phrase) => phrase === '' || found.has(phrase);
}

/** Returns the first match of a rule's patterns that no negation cue precedes, if any. */
function patternEvidence(text: string, patterns: readonly RegExp[] = []): string | undefined {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match && !isNegated(text, match.index)) return match[0];
  }
  return undefined;
}

/** Applies the rules to a text and returns every reason that fires. */
export function detectNeedsHuman(text: string, rules: NeedsHumanRule[]): NeedsHuman {
  const normalized = normalizeForTerms(text);
  const occurs = findRulePhrases(normalized, rules);
  const reasons: NeedsHumanReason[] = [];

  for (const rule of rules) {
    if (rule.unless?.some(occurs)) continue;
    const evidence = rule.phrases.find(occurs) ?? patternEvidence(normalized, rule.patterns);
    if (evidence)
      reasons.push({ reason: rule.reason, label: rule.label, action: rule.action, evidence });
  }
  return { value: reasons.length > 0, reasons };
}
