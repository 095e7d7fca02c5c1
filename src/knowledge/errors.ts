/** Stable codes of the errors raised while loading knowledge files. */
export type KnowledgeErrorCode =
  /** The file could not be read from disk. */
  | 'KNOWLEDGE_FILE_UNREADABLE'
  /** The file is not valid YAML. */
  | 'KNOWLEDGE_YAML_INVALID'
  /** A field is missing or has the wrong type or value. */
  | 'KNOWLEDGE_FIELD_INVALID'
  /** Two entries share one code or template sentence. */
  | 'KNOWLEDGE_DUPLICATE'
  /** A reference names a root-cause code that the taxonomy does not define. */
  | 'KNOWLEDGE_UNKNOWN_CODE'
  /** A regex signal could take more than linear time or does not compile. */
  | 'KNOWLEDGE_UNSAFE_PATTERN';

/** Location of an error in a knowledge file. */
export interface KnowledgeErrorLocation {
  file: string;
  /** Entry id such as `cert.expired-renewal`, or `#3` when the entry has no usable id. */
  entry?: string;
  /** Field path inside the entry, such as `signals[2].weight`. */
  field?: string;
}

/** Error raised when a taxonomy or template file cannot be loaded. */
export class KnowledgeError extends Error {
  readonly code: KnowledgeErrorCode;
  readonly file: string;
  readonly entry: string | undefined;
  readonly field: string | undefined;

  constructor(code: KnowledgeErrorCode, location: KnowledgeErrorLocation, problem: string) {
    super(`${describeLocation(location)}: ${problem}`);
    this.name = 'KnowledgeError';
    this.code = code;
    this.file = location.file;
    this.entry = location.entry;
    this.field = location.field;
  }
}

function describeLocation(location: KnowledgeErrorLocation): string {
  const parts = [location.file];
  if (location.entry !== undefined) parts.push(`entry ${location.entry}`);
  if (location.field !== undefined) parts.push(`field "${location.field}"`);
  return parts.join(', ');
}
