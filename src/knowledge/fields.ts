import { KnowledgeError, type KnowledgeErrorLocation } from './errors.js';

/** A parsed YAML mapping. */
export type YamlObject = Record<string, unknown>;

/**
 * Reads typed fields from one YAML entry, raising a `KnowledgeError` that names the file, entry
 * and field when a value is missing or has the wrong type.
 */
export class FieldReader {
  readonly file: string;
  entry: string;

  constructor(file: string, entry: string) {
    this.file = file;
    this.entry = entry;
  }

  /** Builds a `KNOWLEDGE_FIELD_INVALID` error for `field`. */
  invalid(field: string, problem: string): KnowledgeError {
    return new KnowledgeError('KNOWLEDGE_FIELD_INVALID', this.at(field), problem);
  }

  /** Returns the location of `field` in this entry, for errors with another code. */
  at(field?: string): KnowledgeErrorLocation {
    return field === undefined
      ? { file: this.file, entry: this.entry }
      : { file: this.file, entry: this.entry, field };
  }

  object(value: unknown, field: string): YamlObject {
    if (!isObject(value)) throw this.invalid(field, `expected a mapping, got ${show(value)}`);
    return value;
  }

  string(source: YamlObject, field: string, path = field): string {
    const value = source[field];
    if (typeof value !== 'string' || value.trim() === '') {
      throw this.invalid(path, `expected a non-empty string, got ${show(value)}`);
    }
    return value.trim();
  }

  optionalString(source: YamlObject, field: string): string | null {
    return source[field] === undefined || source[field] === null
      ? null
      : this.string(source, field);
  }

  boolean(source: YamlObject, field: string): boolean {
    const value = source[field];
    if (typeof value !== 'boolean') {
      throw this.invalid(field, `expected true or false, got ${show(value)}`);
    }
    return value;
  }

  number(source: YamlObject, field: string, path = field): number {
    const value = source[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw this.invalid(path, `expected a finite number, got ${show(value)}`);
    }
    return value;
  }

  /** Reads a list of non-empty strings; a single string is accepted when `allowSingle` is set. */
  stringList(source: YamlObject, field: string, allowSingle = false): string[] {
    const value = source[field];
    const list = allowSingle && typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list) || list.length === 0) {
      const expected = allowSingle ? 'a string or a non-empty list' : 'a non-empty list';
      throw this.invalid(field, `expected ${expected} of strings, got ${show(value)}`);
    }
    return list.map((item, index) => {
      if (typeof item !== 'string' || item.trim() === '') {
        throw this.invalid(`${field}[${index}]`, `expected a non-empty string, got ${show(item)}`);
      }
      return item.trim();
    });
  }
}

/** Tells whether a parsed YAML value is a mapping. */
export function isObject(value: unknown): value is YamlObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Renders a value for an error message, shortened so one bad entry cannot flood the output. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
