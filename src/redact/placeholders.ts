import { createHash } from 'node:crypto';

import { ENTITY_TYPES, type EntityType } from './types.js';

/** A placeholder already present in a text: ours (`[PHONE_1]`) or the archive's legacy ones. */
export interface PlaceholderSpan {
  start: number;
  end: number;
  /** Type of the value the placeholder stands for, or null when unknown (`[图片]`). */
  type: EntityType | null;
  /** Number of one of our own placeholders, or null for a legacy placeholder. */
  index: number | null;
}

const OWN_TYPES = ENTITY_TYPES.join('|');

// Our `[TYPE_n]`, the archive's `[REDACTED_*]` and `[...已脱敏]`, and chat-export markers. Every
// quantifier is bounded, so a scan stays linear.
const PLACEHOLDER_PATTERN = new RegExp(
  `\\[(?:(${OWN_TYPES})_([1-9][0-9]{0,5})|REDACTED_([A-Z0-9_]{1,40})|([^\\[\\]\\n]{1,12})已脱敏|图片|表情|动画表情|文件|视频|语音)\\]`,
  'g',
);

const LEGACY_REDACTED_TYPES: Record<string, EntityType> = {
  PHONE: 'PHONE',
  MOBILE: 'PHONE',
  EMAIL: 'EMAIL',
  LANDLINE: 'LANDLINE',
  ID_CARD_18: 'ID_CARD',
  ID_CARD_15: 'ID_CARD',
  ID_CARD: 'ID_CARD',
  BANK_CARD: 'BANK_CARD',
  LONG_KEY: 'SECRET',
  KEY: 'SECRET',
  IP: 'IP',
  URL: 'URL',
};

function legacyChineseType(label: string): EntityType | null {
  if (label === 'URL' || label.includes('链接')) return 'URL';
  if (label === 'IP') return 'IP';
  if (label.includes('密钥') || label.includes('密码')) return 'SECRET';
  if (label.includes('邮箱')) return 'EMAIL';
  if (label.includes('手机') || label.includes('电话')) return 'PHONE';
  if (label.includes('身份证')) return 'ID_CARD';
  return null;
}

/** Finds every placeholder in `text`, in text order. */
export function findPlaceholders(text: string): PlaceholderSpan[] {
  if (text.indexOf('[') === -1) return [];

  const spans: PlaceholderSpan[] = [];
  PLACEHOLDER_PATTERN.lastIndex = 0;
  for (let m = PLACEHOLDER_PATTERN.exec(text); m !== null; m = PLACEHOLDER_PATTERN.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[1] !== undefined) {
      spans.push({ start, end, type: m[1] as EntityType, index: Number(m[2]) });
    } else if (m[3] !== undefined) {
      spans.push({ start, end, type: LEGACY_REDACTED_TYPES[m[3]] ?? null, index: null });
    } else if (m[4] !== undefined) {
      spans.push({ start, end, type: legacyChineseType(m[4]), index: null });
    } else {
      spans.push({ start, end, type: null, index: null });
    }
  }
  return spans;
}

/** Character that replaces placeholder text while detectors scan, so none matches inside it. */
export const MASK_CHAR = '\u0000';

/** Replaces the characters of each span with MASK_CHAR, keeping the text length. */
export function maskSpans(text: string, spans: readonly PlaceholderSpan[]): string {
  if (spans.length === 0) return text;

  let masked = '';
  let last = 0;
  for (const span of spans) {
    masked += text.slice(last, span.start) + MASK_CHAR.repeat(span.end - span.start);
    last = span.end;
  }
  return masked + text.slice(last);
}

/** Receives the original value behind a new placeholder, for example to seal it in a vault. */
export type ValueHook = (type: EntityType, placeholder: string, value: string) => void;

/** Options of a RedactionSession. */
export interface RedactionSessionOptions {
  /** Called once per new placeholder, with the value it replaces; never for SECRET values. */
  onValue?: ValueHook;
}

function emptyCounts(): Record<EntityType, number> {
  const counts = {} as Record<EntityType, number>;
  for (const type of ENTITY_TYPES) counts[type] = 0;
  return counts;
}

/**
 * Placeholder numbering for one case: the same value gets the same placeholder every time it
 * appears, and each new value of a type gets the next number. Secrets are looked up by a SHA-256
 * digest, so the session keeps no secret in memory.
 */
export class RedactionSession {
  readonly #onValue: ValueHook | undefined;
  readonly #numbers = new Map<EntityType, Map<string, number>>();
  readonly #lastNumber = emptyCounts();
  readonly #counts = emptyCounts();

  constructor(options: RedactionSessionOptions = {}) {
    this.#onValue = options.onValue;
  }

  /** Marks a number as taken, because a text already contains `[TYPE_index]`. */
  reserve(type: EntityType, index: number): void {
    if (index > this.#lastNumber[type]) this.#lastNumber[type] = index;
  }

  /**
   * Returns the placeholder for a value. `key` is the value in a canonical form (a phone number
   * without `+86`, an e-mail address in lowercase), and `value` is the text as written.
   */
  placeholderFor(type: EntityType, key: string, value: string): string {
    let numbers = this.#numbers.get(type);
    if (numbers === undefined) {
      numbers = new Map();
      this.#numbers.set(type, numbers);
    }
    const lookup = type === 'SECRET' ? createHash('sha256').update(key).digest('base64') : key;
    const known = numbers.get(lookup);
    if (known !== undefined) return `[${type}_${known}]`;

    const index = ++this.#lastNumber[type];
    numbers.set(lookup, index);
    this.#counts[type]++;
    const placeholder = `[${type}_${index}]`;
    if (type !== 'SECRET' && this.#onValue !== undefined) this.#onValue(type, placeholder, value);
    return placeholder;
  }

  /**
   * Returns the canonical values of one type replaced so far, so later text can be searched for
   * them. Never for SECRET, whose values the session does not keep.
   */
  knownValues(type: Exclude<EntityType, 'SECRET'>): string[] {
    return [...(this.#numbers.get(type)?.keys() ?? [])];
  }

  /** Returns whether the session has replaced a value of `type`. */
  hasValues(type: EntityType): boolean {
    return this.valueCount(type) > 0;
  }

  /** Returns the number of distinct values of `type` the session has replaced. */
  valueCount(type: EntityType): number {
    return this.#numbers.get(type)?.size ?? 0;
  }

  /** Number of distinct values this session has replaced, per type. */
  counts(): Record<EntityType, number> {
    return { ...this.#counts };
  }
}
