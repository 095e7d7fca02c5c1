// FNV-1a's 32-bit offset basis and prime.
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * A set of strings that numbers each one in the order it was added, kept in typed arrays: the
 * characters of all terms in one UTF-16 array and an open-addressing hash table of their
 * numbers. A million terms in a `Map` take an estimated 90 MiB of V8 heap (12 MiB measured for
 * 133,000), and V8 lets garbage grow to several times the live heap before it collects it.
 * Kept outside the heap, the table leaves that heap small while the index loads.
 */
export class TermTable {
  private chars: Uint16Array;
  /** Start of each term's characters; entry n + 1 is where term n ends. */
  private offsets: Uint32Array;
  /** Per hash bucket, the term's number plus one; 0 marks an empty bucket. */
  private buckets: Int32Array;
  private mask: number;
  private count = 0;

  /** Makes room for `capacity` terms of about `chars` UTF-16 code units in all. */
  constructor(
    private capacity: number,
    chars = capacity * 8,
  ) {
    this.chars = new Uint16Array(Math.max(16, chars));
    this.offsets = new Uint32Array(capacity + 1);
    // At most half full, so probe runs stay short.
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.buckets = new Int32Array(size);
    this.mask = size - 1;
  }

  /** Rebuilds a table from the arrays that {@link TermTable.parts} returned. */
  static fromParts(parts: TermTableParts): TermTable {
    const table = new TermTable(0, 0);
    table.chars = parts.chars;
    table.offsets = parts.offsets;
    table.buckets = parts.buckets;
    table.mask = parts.buckets.length - 1;
    table.capacity = parts.offsets.length - 1;
    table.count = parts.count;
    return table;
  }

  /** Returns the table's arrays, shared with it, for a snapshot. */
  parts(): TermTableParts {
    const chars = this.chars.subarray(0, this.offsets[this.count]);
    return { chars, offsets: this.offsets, buckets: this.buckets, count: this.count };
  }

  /** Number of terms added. */
  get size(): number {
    return this.count;
  }

  /**
   * Adds a term and returns its number, or returns the number it already has. Returns -1 when
   * the table is full.
   */
  add(term: string): number {
    let bucket = hash(term) & this.mask;
    for (;;) {
      const entry = this.buckets[bucket]!;
      if (entry === 0) break;
      if (this.equals(entry - 1, term)) return entry - 1;
      bucket = (bucket + 1) & this.mask;
    }
    if (this.count === this.capacity) return -1;

    const number = this.count;
    const start = this.offsets[number]!;
    this.reserve(start + term.length);
    for (let i = 0; i < term.length; i++) this.chars[start + i] = term.charCodeAt(i);
    this.offsets[number + 1] = start + term.length;
    this.buckets[bucket] = number + 1;
    this.count += 1;
    return number;
  }

  /** Returns the number of a term, or -1 when it was never added. */
  get(term: string): number {
    let bucket = hash(term) & this.mask;
    for (;;) {
      const entry = this.buckets[bucket]!;
      if (entry === 0) return -1;
      if (this.equals(entry - 1, term)) return entry - 1;
      bucket = (bucket + 1) & this.mask;
    }
  }

  private equals(number: number, term: string): boolean {
    const start = this.offsets[number]!;
    if (this.offsets[number + 1]! - start !== term.length) return false;
    for (let i = 0; i < term.length; i++) {
      if (this.chars[start + i] !== term.charCodeAt(i)) return false;
    }
    return true;
  }

  private reserve(length: number): void {
    if (length <= this.chars.length) return;
    const grown = new Uint16Array(Math.max(length, Math.ceil(this.chars.length * 1.5)));
    grown.set(this.chars);
    this.chars = grown;
  }
}

/** The arrays of a {@link TermTable}; `buckets` has a power-of-two length. */
export interface TermTableParts {
  chars: Uint16Array;
  offsets: Uint32Array;
  buckets: Int32Array;
  count: number;
}

function hash(term: string): number {
  let value = FNV_OFFSET;
  for (let i = 0; i < term.length; i++) value = Math.imul(value ^ term.charCodeAt(i), FNV_PRIME);
  return value >>> 0;
}
