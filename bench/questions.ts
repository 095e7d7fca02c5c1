import { loadQuestions } from '../src/search/index.js';
import { tokenize } from '../src/text/index.js';
import { brandName } from './entities.js';
import type { Random } from './random.js';
import type { SyntheticCase } from './synthesize.js';

/**
 * One benchmark question. A topic question counts every case derived from one of `templates`
 * as a hit, and the run resolves those through the archive's `manifest.tsv`. A known-item
 * question lists its hits as `source#ref` keys.
 */
export interface BenchQuestion {
  id: string;
  kind: 'topic' | 'known-item' | 'warm-up';
  query: string;
  templates?: string[];
  hits?: string[];
  /** Entity that makes a known-item question specific: the pasted request id or the brand. */
  clue?: 'request-id' | 'brand';
}

/** A generated case picked as the target of a known-item question. */
export interface KnownItemTarget {
  index: number;
  key: string;
  synthetic: SyntheticCase;
}

/** Per-case facts kept during generation to find every case that answers a brand question. */
export interface CaseFacts {
  brandIds: Int32Array;
  templates: Uint8Array;
  templateRefs: string[];
  keyOf: (index: number) => string;
}

const PREFIXES = ['', '', '请问', '你好，', '麻烦看下，', '急！'];
const SUFFIXES = ['', '怎么处理', '是什么原因', '还是不行', '？', '，帮忙查一下'];
const LATIN_TERM = /^[a-z0-9._-]+$/;

/**
 * Turns the questions written for the sample archive into topic questions: the text stays as
 * written, and every generated case derived from one of the question's refs is a hit.
 */
export function topicQuestions(file: string): BenchQuestion[] {
  return loadQuestions(file).map((question, index) => ({
    id: `topic-${String(index + 1).padStart(3, '0')}`,
    kind: 'topic',
    query: question.question,
    templates: question.refs,
  }));
}

/**
 * Builds a known-item question for a generated case from two to four Chinese words of its
 * title and first customer message, chosen at random and shuffled. One clue joins them: the
 * request id the customer pasted, or the brand name in its domain or bucket. A chat-style
 * prefix or suffix completes it. The words are whole tokens of the shared tokenizer, so this is
 * a lexical task.
 */
export function knownItemQuestion(
  random: Random,
  target: KnownItemTarget,
  facts: CaseFacts,
  id: string,
): BenchQuestion {
  const { synthetic } = target;
  const record = synthetic.record;
  const source = `${record.title}\n${record.turns.find((turn) => turn.role === 'customer')?.text ?? record.description}`;
  const words = [...new Set(tokenize(source))].filter(
    (term) => term.length >= 2 && !term.startsWith('[') && !LATIN_TERM.test(term),
  );
  // A word inside another chosen word (加速 in 加速域名) would only repeat it.
  const picked = random.shuffle(words).slice(0, random.integer(2, 4));
  const chosen = picked.filter(
    (word) => !picked.some((other) => other !== word && other.includes(word)),
  );

  const useRequestId =
    synthetic.requestId !== null && (synthetic.brandId === null || random.chance(0.5));
  const clue = useRequestId
    ? `reqid ${synthetic.requestId}`
    : brandName(synthetic.brandId as number);
  chosen.splice(random.integer(0, chosen.length), 0, clue);

  const separator = random.pick([' ', '，', '  ']);
  const query = `${random.pick(PREFIXES)}${chosen.join(separator)}${random.pick(SUFFIXES)}`;
  const hits = useRequestId ? [target.key] : sameBrandAndTemplate(target, facts);
  return { id, kind: 'known-item', query, hits, clue: useRequestId ? 'request-id' : 'brand' };
}

// A brand question is about that customer and that issue, so every case of the same brand
// derived from the same sample record answers it. NOTE: hits go by brand id, so a case of another
// brand id with the same name (see brandName) is not counted, which can only lower the scores.
function sameBrandAndTemplate(target: KnownItemTarget, facts: CaseFacts): string[] {
  const brand = facts.brandIds[target.index];
  const template = facts.templates[target.index];
  const hits: string[] = [];
  for (let i = 0; i < facts.brandIds.length; i += 1) {
    if (facts.brandIds[i] === brand && facts.templates[i] === template) hits.push(facts.keyOf(i));
  }
  return hits;
}
