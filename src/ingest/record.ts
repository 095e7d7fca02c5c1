/** Author role of a dialogue turn. */
export type Role = 'customer' | 'agent';

/** One message of a case's dialogue, in the order it was written. */
export interface Turn {
  role: Role;
  text: string;
}

/**
 * One handled support case as the archive format stores it. Every text field is already redacted
 * by the time a record reaches the store.
 */
export interface CaseRecord {
  /** File name (without folders) of the archive the record came from; part of the stable id. */
  source: string;
  /** The record's own number in its source file, such as `Q12`. */
  ref: string;
  title: string;
  /** Product half of the `问题分类` line, such as `CDN`. */
  product: string;
  /** Problem-type half of the `问题分类` line, such as `证书问题`. */
  type: string;
  /** `问题描述`: the first customer message. */
  description: string;
  /** `客服解答`: the agent turns joined by spaces. */
  answer: string;
  /** `根本原因分析`: the archive's one-sentence root-cause analysis. */
  rootCause: string;
  turns: Turn[];
}

/** File-level text of an archive: the title line and the lines before the first record. */
export interface ArchiveHeader {
  /** The `# ...` title line without the leading `# `. */
  title: string;
  /** Batch id taken from `(Part N)` in the title, or null when the title has none. */
  part: string | null;
  /**
   * Lines between the title and the first record (record count, notes, rule), inner lines
   * verbatim, without the blank lines around them.
   */
  preamble: string;
}

/** Separator between product and type in a category label (U+FF5C FULLWIDTH VERTICAL LINE). */
export const CATEGORY_SEPARATOR = '｜';

/** Builds the `product｜type` label of a record. */
/** Tells whether two archive headers have the same title, part and preamble. */
export function sameHeader(a: ArchiveHeader, b: ArchiveHeader): boolean {
  return a.title === b.title && a.part === b.part && a.preamble === b.preamble;
}

export function categoryLabel(record: Pick<CaseRecord, 'product' | 'type'>): string {
  return `${record.product}${CATEGORY_SEPARATOR}${record.type}`;
}
