import type { Allowlist, RedactData } from './data.js';
import { findDigitRuns, type DigitRun } from './digits.js';
import type { PlaceholderSpan } from './placeholders.js';

/** Inputs that every detector reads while scanning one text. */
export class ScanContext {
  /** Normalized text with every placeholder masked (see placeholders.ts). */
  readonly text: string;
  readonly data: RedactData;
  readonly allowlist: Allowlist;
  readonly redactDomains: boolean;
  readonly placeholders: readonly PlaceholderSpan[];
  #digitRuns: DigitRun[] | null = null;

  constructor(options: {
    text: string;
    data: RedactData;
    allowlist: Allowlist;
    redactDomains: boolean;
    placeholders: readonly PlaceholderSpan[];
  }) {
    this.text = options.text;
    this.data = options.data;
    this.allowlist = options.allowlist;
    this.redactDomains = options.redactDomains;
    this.placeholders = options.placeholders;
  }

  /** Maximal runs of ASCII digits, found on first use and shared by the digit detectors. */
  digitRuns(): DigitRun[] {
    this.#digitRuns ??= findDigitRuns(this.text);
    return this.#digitRuns;
  }

  /** Returns whether one of `words` ends within `distance` characters before `index`. */
  hasWordBefore(words: readonly string[], index: number, distance: number): boolean {
    const window = this.text.slice(Math.max(0, index - distance), index);
    return words.some((word) => window.includes(word));
  }
}
