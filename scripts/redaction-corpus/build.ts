import type { CorpusItem } from '../../src/redact/evaluate.js';
import type { EntityType } from '../../src/redact/types.js';

/** A labelled value inside a template: its text is redacted as `type`. */
export interface Labelled {
  kind: 'entity';
  type: EntityType;
  value: string;
}

/** Text inside a template that must come out of redaction unchanged. */
export interface Kept {
  kind: 'keep';
  value: string;
}

export type Part = string | Labelled | Kept;

/** Labels `value` as an entity of `type`. */
export function entity(type: EntityType, value: string): Labelled {
  return { kind: 'entity', type, value };
}

/** Marks `value` as a must-survive string. */
export function keep(value: string): Kept {
  return { kind: 'keep', value };
}

/** A corpus item before it gets an id: text, labelled spans and must-survive strings. */
export type Draft = Omit<CorpusItem, 'id'>;

/**
 * Tagged template that builds a Draft: interpolated Labelled values become entities with their
 * exact offsets, Kept values become must-survive strings, and plain strings are copied.
 */
export function tpl(strings: TemplateStringsArray, ...parts: Part[]): Draft {
  let text = strings[0];
  const entities: CorpusItem['entities'] = [];
  const survive: string[] = [];
  parts.forEach((part, i) => {
    if (typeof part === 'string') {
      text += part;
    } else if (part.kind === 'entity') {
      entities.push({ type: part.type, value: part.value, start: text.length });
      text += part.value;
    } else {
      survive.push(part.value);
      text += part.value;
    }
    text += strings[i + 1];
  });
  return { text, entities, survive: [...new Set(survive)] };
}

/** Joins drafts into one message, shifting the offsets of the later parts. */
export function join(separator: string, drafts: readonly Draft[]): Draft {
  let text = '';
  const entities: CorpusItem['entities'] = [];
  const survive = new Set<string>();
  drafts.forEach((draft, i) => {
    if (i > 0) text += separator;
    for (const labelled of draft.entities) {
      entities.push({ ...labelled, start: (labelled.start ?? 0) + text.length });
    }
    for (const value of draft.survive ?? []) survive.add(value);
    text += draft.text;
  });
  return { text, entities, survive: [...survive] };
}

/** Adds options or tags to a draft. */
export function withOptions(draft: Draft, options: Draft['options']): Draft {
  return { ...draft, options };
}
