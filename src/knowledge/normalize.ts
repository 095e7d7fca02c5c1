/**
 * A matching view of a text: NFKC-normalized and lower-cased, with a map from every UTF-16 unit of
 * the view back to the span of the original text it came from.
 */
export interface NormalizedText {
  original: string;
  text: string;
  /**
   * Original start offset of the code point that produced each unit of `text`, or null when the
   * view is aligned one to one with the original (the common case).
   */
  starts: Uint32Array | null;
  /** Original end offset (exclusive) for each unit of `text`, or null when aligned one to one. */
  ends: Uint32Array | null;
}

const FULLWIDTH_FIRST = 0xff01;
const FULLWIDTH_LAST = 0xff5e;
const FULLWIDTH_OFFSET = 0xfee0;

// Results of the slow path, shared across calls; bounded by the number of distinct code points.
const foldCache = new Map<number, string>();

/**
 * Normalizes one phrase or text for matching: NFKC, then lower case. Signals are folded with this
 * function so that they compare equal to the view `normalizeForMatch` builds.
 */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * Builds the matching view of `original` in one pass.
 *
 * NOTE: each code point is normalized on its own, so a base letter followed by a combining mark
 * stays two code points where whole-string NFKC would compose them. Chinese text, ASCII and
 * full-width forms, which make up the case archive, are not affected.
 */
export function normalizeForMatch(original: string): NormalizedText {
  const builder = new ViewBuilder(original.length);

  for (let index = 0; index < original.length;) {
    const codePoint = original.codePointAt(index) ?? 0;
    const end = index + (codePoint > 0xffff ? 2 : 1);

    const fast = foldFast(codePoint);
    if (fast >= 0 && end === index + 1) {
      builder.push(fast, index, end);
    } else {
      const folded = fast >= 0 ? String.fromCharCode(fast) : foldSlow(codePoint);
      if (folded.length !== end - index) builder.unalign();
      for (let k = 0; k < folded.length; k++) builder.push(folded.charCodeAt(k), index, end);
    }
    index = end;
  }

  return builder.finish(original);
}

/** Returns the original text behind units `[start, end)` of the view. */
export function originalSlice(view: NormalizedText, start: number, end: number): string {
  if (view.starts === null || view.ends === null) return view.original.slice(start, end);
  return view.original.slice(view.starts[start], view.ends[end - 1]);
}

/**
 * Collects the units of a view in typed arrays. Offsets are recorded only once some code point
 * changes length, because until then the unit index equals the original index.
 */
class ViewBuilder {
  private units: Uint16Array;
  private starts: Uint32Array | null = null;
  private ends: Uint32Array | null = null;
  private length = 0;

  constructor(capacity: number) {
    this.units = new Uint16Array(Math.max(16, capacity));
  }

  push(unit: number, start: number, end: number): void {
    if (this.length === this.units.length) this.grow();
    this.units[this.length] = unit;
    if (this.starts !== null && this.ends !== null) {
      this.starts[this.length] = start;
      this.ends[this.length] = end;
    }
    this.length++;
  }

  /** Starts recording offsets, filling in the identity offsets of the units so far. */
  unalign(): void {
    if (this.starts !== null) return;
    this.starts = new Uint32Array(this.units.length);
    this.ends = new Uint32Array(this.units.length);
    for (let i = 0; i < this.length; i++) {
      this.starts[i] = i;
      this.ends[i] = i + 1;
    }
  }

  finish(original: string): NormalizedText {
    const units = this.units.subarray(0, this.length);
    let text = '';
    // String.fromCharCode takes its arguments on the stack, so convert in chunks. `apply` reads
    // the typed array directly, several times faster than spreading it.
    for (let i = 0; i < units.length; i += 8192) {
      const chunk = units.subarray(i, i + 8192) as unknown as number[];
      text += String.fromCharCode.apply(null, chunk);
    }
    const starts = this.starts?.subarray(0, this.length) ?? null;
    const ends = this.ends?.subarray(0, this.length) ?? null;
    return { original, text, starts, ends };
  }

  private grow(): void {
    const size = this.units.length * 2;
    this.units = copyInto(new Uint16Array(size), this.units);
    if (this.starts !== null && this.ends !== null) {
      this.starts = copyInto(new Uint32Array(size), this.starts);
      this.ends = copyInto(new Uint32Array(size), this.ends);
    }
  }
}

function copyInto<T extends Uint16Array | Uint32Array>(target: T, source: T): T {
  target.set(source);
  return target;
}

/** Folds the common code points without calling `normalize`, or returns -1 for the rest. */
function foldFast(codePoint: number): number {
  if (codePoint < 0x80) {
    return codePoint >= 0x41 && codePoint <= 0x5a ? codePoint + 0x20 : codePoint;
  }
  if (codePoint >= FULLWIDTH_FIRST && codePoint <= FULLWIDTH_LAST) {
    const ascii = codePoint - FULLWIDTH_OFFSET;
    return ascii >= 0x41 && ascii <= 0x5a ? ascii + 0x20 : ascii;
  }
  // CJK Unified Ideographs are unchanged by NFKC and have no case.
  if (codePoint >= 0x4e00 && codePoint <= 0x9fff) return codePoint;
  return -1;
}

function foldSlow(codePoint: number): string {
  let folded = foldCache.get(codePoint);
  if (folded === undefined) {
    folded = foldText(String.fromCodePoint(codePoint));
    foldCache.set(codePoint, folded);
  }
  return folded;
}
