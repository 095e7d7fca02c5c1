import { Redactor, type RedactOptions } from './redactor.js';
import { ENTITY_TYPES, type EntityType, type RedactionResult } from './types.js';

/**
 * A labelled value. With `start`, the gold span is that one occurrence. Without it, every
 * occurrence of `value` in the item's text is a gold span.
 */
export interface CorpusEntity {
  type: EntityType;
  value: string;
  start?: number;
}

/** One labelled message of a redaction corpus. */
export interface CorpusItem {
  id: string;
  text: string;
  entities: CorpusEntity[];
  /** Strings that must appear in the redacted text as often as in the input. */
  survive?: string[];
  /** Redactor options for this item, such as `{ redactDomains: true }`. */
  options?: Pick<RedactOptions, 'redactDomains'>;
  tags?: string[];
}

/** Counts and scores of one entity type. */
export interface TypeScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

/** One wrong decision, for reading what went wrong. */
export interface EvaluationError {
  id: string;
  kind: 'false positive' | 'false negative' | 'not intact';
  type: EntityType | null;
  value: string;
}

/** Result of evaluateRedaction. */
export interface EvaluationReport {
  items: number;
  perType: Record<EntityType, TypeScore>;
  survival: { total: number; intact: number; rate: number };
  errors: EvaluationError[];
}

function occurrences(text: string, value: string): number[] {
  const starts: number[] = [];
  if (value.length === 0) return starts;
  for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + value.length)) {
    starts.push(at);
  }
  return starts;
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

/**
 * Scores a redactor against a labelled corpus. A gold span counts as found only when an entity
 * of the same type has exactly its offsets, and every other entity is a false positive. Survival
 * counts the must-survive strings that appear in the output at least as often as in the input.
 */
export function evaluateRedaction(
  corpus: Iterable<CorpusItem>,
  redactWith: (item: CorpusItem) => RedactionResult = defaultRedactWith(),
): EvaluationReport {
  const counts = {} as Record<EntityType, { tp: number; fp: number; fn: number }>;
  for (const type of ENTITY_TYPES) counts[type] = { tp: 0, fp: 0, fn: 0 };
  const survival = { total: 0, intact: 0 };
  const errors: EvaluationError[] = [];
  let items = 0;

  for (const item of corpus) {
    items++;
    const result = redactWith(item);
    const gold = new Map<string, CorpusEntity>();
    for (const entity of item.entities) {
      const starts =
        entity.start === undefined ? occurrences(item.text, entity.value) : [entity.start];
      for (const start of starts) {
        gold.set(`${entity.type}:${start}:${start + entity.value.length}`, entity);
      }
    }
    for (const entity of result.entities) {
      const key = `${entity.type}:${entity.start}:${entity.end}`;
      if (gold.delete(key)) {
        counts[entity.type].tp++;
      } else {
        counts[entity.type].fp++;
        const value = item.text.slice(entity.start, entity.end);
        errors.push({ id: item.id, kind: 'false positive', type: entity.type, value });
      }
    }
    for (const entity of gold.values()) {
      counts[entity.type].fn++;
      errors.push({ id: item.id, kind: 'false negative', type: entity.type, value: entity.value });
    }
    for (const value of item.survive ?? []) {
      survival.total++;
      const wanted = Math.max(1, occurrences(item.text, value).length);
      if (occurrences(result.text, value).length >= wanted) {
        survival.intact++;
      } else {
        errors.push({ id: item.id, kind: 'not intact', type: null, value });
      }
    }
  }

  const perType = {} as Record<EntityType, TypeScore>;
  for (const type of ENTITY_TYPES) {
    const { tp, fp, fn } = counts[type];
    perType[type] = { tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
  }
  const rate = ratio(survival.intact, survival.total);
  return { items, perType, survival: { ...survival, rate }, errors };
}

/** Redacts each item with a Redactor built from the item's options, one per distinct option set. */
function defaultRedactWith(): (item: CorpusItem) => RedactionResult {
  const redactors = new Map<string, Redactor>();
  return (item) => {
    const options = item.options ?? {};
    const key = JSON.stringify(options);
    let redactor = redactors.get(key);
    if (redactor === undefined) {
      redactor = new Redactor(options);
      redactors.set(key, redactor);
    }
    return redactor.redact(item.text);
  };
}

/** Parses a JSONL corpus, one CorpusItem per non-empty line; raises on a malformed line. */
export function parseCorpus(jsonl: string): CorpusItem[] {
  const items: CorpusItem[] = [];
  const types = new Set<string>(ENTITY_TYPES);
  jsonl.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const item = JSON.parse(line) as CorpusItem;
    const valid =
      typeof item.id === 'string' &&
      typeof item.text === 'string' &&
      Array.isArray(item.entities) &&
      item.entities.every(
        (e) =>
          types.has(e.type) &&
          typeof e.value === 'string' &&
          (e.start === undefined || item.text.startsWith(e.value, e.start)),
      );
    if (!valid) {
      throw new Error(
        `Invalid corpus item on line ${index + 1}: expected id, text and entities whose ` +
          'value is found at their start offset.',
      );
    }
    items.push(item);
  });
  return items;
}

function percent(value: number): string {
  return (value * 100).toFixed(1).padStart(6);
}

/** Formats a report as a plain-text table with one row per type that occurs. */
export function formatEvaluation(report: EvaluationReport): string {
  const lines = ['type           gold    tp    fp    fn  precision  recall'];
  for (const type of ENTITY_TYPES) {
    const score = report.perType[type];
    if (score.tp + score.fp + score.fn === 0) continue;
    const cells = [score.tp + score.fn, score.tp, score.fp, score.fn].map((n) =>
      String(n).padStart(5),
    );
    lines.push(
      `${type.padEnd(12)} ${cells.join(' ')}     ${percent(score.precision)}  ${percent(score.recall)}`,
    );
  }
  const { total, intact, rate } = report.survival;
  lines.push('', `must-survive strings intact: ${intact}/${total} (${percent(rate).trim()}%)`);
  lines.push(`items: ${report.items}`);
  return lines.join('\n');
}
