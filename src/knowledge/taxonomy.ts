import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { load as parseYaml } from 'js-yaml';

import { KnowledgeError } from './errors.js';
import { FieldReader, isObject, show, type YamlObject } from './fields.js';
import { findUnsafeConstruct } from './safe-pattern.js';

/** Short codes for the kinds of human action a case can require. */
export const HUMAN_REASONS = [
  'refund',
  'billing-dispute',
  'backend-intervention',
  'account-unfreeze',
  'two-factor-reset',
  'invoice-correction',
  'account-security',
  'contact-change',
  'complaint',
  'data-loss',
  'person-requested',
] as const;

export type HumanReason = (typeof HUMAN_REASONS)[number];

/** One piece of text evidence for a root cause: a literal phrase or a regex, with a weight. */
export type Signal =
  | {
      kind: 'phrase';
      /** The phrase as written in the taxonomy file. */
      phrase: string;
      /** Positive weights add to the cause's score; negative weights subtract. */
      weight: number;
      /**
       * Whether an ASCII letter or digit at either end of the phrase must not touch another ASCII
       * letter or digit in the text, so `401` does not match inside `14012`.
       */
      boundary: boolean;
    }
  | { kind: 'regex'; pattern: string; weight: number };

/** One entry of the root-cause taxonomy. */
export interface RootCause {
  /** Stable dotted id, such as `cert.ownership-validation-pending`. */
  code: string;
  /** Short zh-CN name shown to agents. */
  label: string;
  /** Products (`问题分类` product half) the cause belongs to; the first is the usual one. */
  products: string[];
  /** `问题分类` types the cause usually falls under; the first is the usual one. */
  types: string[];
  signals: Signal[];
  /** zh-CN explanation of the cause, one to three sentences. */
  explanation: string;
  /** zh-CN standard fix, one step per item. */
  fix: string[];
  needsHuman: boolean;
  /** zh-CN name of the human action (such as 退款), or null when `needsHuman` is false. */
  humanAction: string | null;
  /** Reason code of the human action, or null when `needsHuman` is false. */
  humanReason: HumanReason | null;
  /**
   * zh-CN task of the person for this cause, when the needs-human rule's general task of
   * `humanReason` does not fit it; otherwise null.
   */
  humanTask: string | null;
  /** Documentation page or console area to read, described in words. */
  docHint: string;
}

/** A loaded and validated root-cause taxonomy. */
export interface Taxonomy {
  /** Path or name of the file the taxonomy was read from, used in error messages. */
  file: string;
  causes: readonly RootCause[];
  byCode: ReadonlyMap<string, RootCause>;
}

/** Location of the bundled taxonomy, `data/knowledge/root-causes.yaml`. */
export const DEFAULT_TAXONOMY_PATH = fileURLToPath(
  new URL('../../data/knowledge/root-causes.yaml', import.meta.url),
);

const CODE_PATTERN = /^[a-z][a-z0-9]*(\.[a-z0-9]+(-[a-z0-9]+)*)+$/;

/** Reads and validates a taxonomy file; see `parseTaxonomy` for the checks. */
export async function loadTaxonomy(path: string = DEFAULT_TAXONOMY_PATH): Promise<Taxonomy> {
  return parseTaxonomy(await readKnowledgeFile(path), path);
}

/**
 * Parses and validates taxonomy YAML text. Raises a `KnowledgeError` naming the file, the entry
 * and the field for the first problem found: a missing or mistyped field, a duplicate code, an
 * unknown human reason, or a regex signal that is invalid or not linear-time.
 */
export function parseTaxonomy(text: string, file: string): Taxonomy {
  const root = parseKnowledgeYaml(text, file);
  const list = root.causes;
  if (!Array.isArray(list) || list.length === 0) {
    const problem = `expected a non-empty list of root causes, got ${show(list)}`;
    throw new KnowledgeError('KNOWLEDGE_FIELD_INVALID', { file, field: 'causes' }, problem);
  }

  const causes = list.map((item, index) => readCause(item, new FieldReader(file, `#${index + 1}`)));

  const byCode = new Map<string, RootCause>();
  for (const cause of causes) {
    if (byCode.has(cause.code)) {
      const location = { file, entry: cause.code, field: 'code' };
      throw new KnowledgeError('KNOWLEDGE_DUPLICATE', location, 'the code is used by two entries');
    }
    byCode.set(cause.code, cause);
  }
  return { file, causes, byCode };
}

/** Reads a knowledge file as UTF-8, raising `KNOWLEDGE_FILE_UNREADABLE` when it cannot. */
export async function readKnowledgeFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const problem = `could not be read (${reason}); check the path`;
    throw new KnowledgeError('KNOWLEDGE_FILE_UNREADABLE', { file: path }, problem);
  }
}

/** Parses YAML text whose top level must be a mapping. */
export function parseKnowledgeYaml(text: string, file: string): YamlObject {
  let root: unknown;
  try {
    root = parseYaml(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new KnowledgeError('KNOWLEDGE_YAML_INVALID', { file }, `is not valid YAML: ${reason}`);
  }
  if (!isObject(root)) {
    const problem = `expected a mapping at the top level, got ${show(root)}`;
    throw new KnowledgeError('KNOWLEDGE_YAML_INVALID', { file }, problem);
  }
  return root;
}

function readCause(item: unknown, reader: FieldReader): RootCause {
  const entry = reader.object(item, 'entry');
  const code = reader.string(entry, 'code');
  if (!CODE_PATTERN.test(code)) {
    throw reader.invalid(
      'code',
      `expected a dotted lower-case id like "cert.expired", got ${show(code)}`,
    );
  }
  reader.entry = code;

  const needsHuman = reader.boolean(entry, 'needsHuman');
  const humanAction = reader.optionalString(entry, 'humanAction');
  const humanReason = readHumanReason(entry, reader);
  const humanTask = reader.optionalString(entry, 'humanTask');
  if (needsHuman && (humanAction === null || humanReason === null)) {
    const missing = humanAction === null ? 'humanAction' : 'humanReason';
    throw reader.invalid(missing, 'is required when needsHuman is true');
  }
  if (!needsHuman && (humanAction !== null || humanReason !== null || humanTask !== null)) {
    let extra = 'humanTask';
    if (humanReason !== null) extra = 'humanReason';
    if (humanAction !== null) extra = 'humanAction';
    throw reader.invalid(extra, 'must be omitted when needsHuman is false');
  }

  return {
    code,
    label: reader.string(entry, 'label'),
    products: reader.stringList(entry, 'product', true),
    types: reader.stringList(entry, 'types', true),
    signals: readSignals(entry, reader),
    explanation: reader.string(entry, 'explanation'),
    fix: reader.stringList(entry, 'fix'),
    needsHuman,
    humanAction,
    humanReason,
    humanTask,
    docHint: reader.string(entry, 'docHint'),
  };
}

function readHumanReason(entry: YamlObject, reader: FieldReader): HumanReason | null {
  const value = reader.optionalString(entry, 'humanReason');
  if (value === null) return null;
  if (!(HUMAN_REASONS as readonly string[]).includes(value)) {
    throw reader.invalid(
      'humanReason',
      `expected one of ${HUMAN_REASONS.join(', ')}, got ${show(value)}`,
    );
  }
  return value as HumanReason;
}

function readSignals(entry: YamlObject, reader: FieldReader): Signal[] {
  const list = entry.signals;
  if (!Array.isArray(list) || list.length === 0) {
    throw reader.invalid('signals', `expected a non-empty list of signals, got ${show(list)}`);
  }

  const signals = list.map((item, index) => readSignal(item, `signals[${index}]`, reader));
  if (!signals.some((signal) => signal.weight > 0)) {
    throw reader.invalid('signals', 'needs at least one signal with a positive weight');
  }
  return signals;
}

function readSignal(item: unknown, path: string, reader: FieldReader): Signal {
  const source = reader.object(item, path);
  const weight = reader.number(source, 'weight', `${path}.weight`);
  if (weight === 0) throw reader.invalid(`${path}.weight`, 'expected a non-zero weight');

  const hasPhrase = source.phrase !== undefined;
  const hasRegex = source.regex !== undefined;
  if (hasPhrase === hasRegex) {
    throw reader.invalid(path, 'expected exactly one of "phrase" or "regex"');
  }

  if (hasPhrase) {
    const phrase = reader.string(source, 'phrase', `${path}.phrase`);
    const boundary = source.boundary === undefined ? true : source.boundary;
    if (typeof boundary !== 'boolean') {
      throw reader.invalid(`${path}.boundary`, `expected true or false, got ${show(boundary)}`);
    }
    return { kind: 'phrase', phrase, weight, boundary };
  }

  const pattern = reader.string(source, 'regex', `${path}.regex`);
  checkPattern(pattern, `${path}.regex`, reader);
  return { kind: 'regex', pattern, weight };
}

function checkPattern(pattern: string, path: string, reader: FieldReader): void {
  const unsafe = findUnsafeConstruct(pattern);
  if (unsafe !== null) {
    throw new KnowledgeError(
      'KNOWLEDGE_UNSAFE_PATTERN',
      reader.at(path),
      `${unsafe}: ${show(pattern)}`,
    );
  }

  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'u');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new KnowledgeError(
      'KNOWLEDGE_UNSAFE_PATTERN',
      reader.at(path),
      `does not compile: ${reason}`,
    );
  }
  if (regex.test('')) {
    const problem = `matches the empty string, so it would match every text: ${show(pattern)}`;
    throw new KnowledgeError('KNOWLEDGE_UNSAFE_PATTERN', reader.at(path), problem);
  }
}
