import type { Candidate } from '../candidates.js';
import type { QueryPlan } from '../query.js';
import { FIELD_WEIGHTS } from '../candidates.js';
import type { WeighedTerms } from './weigh-terms.js';

// FTS5's BM25 constants (fts5_aux.c), so both engines rank alike.
const K1 = 1.2;
const B = 0.75;

interface ExtraList {
  docs: number[];
  weighted: number[];
  title: number[];
}

/** How many cases contain each term, from `term_stats`: the room each posting list gets. */
export type TermCapacities = Iterable<readonly [term: string, documents: number]>;

/**
 * An inverted index of the cases' search documents in typed arrays. It ranks with the same
 * field-weighted BM25 as FTS5 (`bm25(case_search, 4, 3, 1.5, 1)`) without FTS5's cost of
 * reading every matching row: a query adds up scores term by term in one array indexed by case
 * id. A posting takes seven bytes (case id, weighted frequency, title frequency).
 *
 * The bulk of the postings is laid out once, each term's list sized from `term_stats`. Cases
 * written later go into a small per-case overlay, and their stale base postings are skipped.
 */
export class MemoryIndex {
  private readonly termSlots = new Map<string, number>();
  private readonly starts: Uint32Array;
  private readonly filled: Uint32Array;
  private readonly titleCounts: Uint32Array;
  private readonly docs: Int32Array;
  private readonly weighted: Uint16Array;
  private readonly title: Uint8Array;
  /** Postings that found no room in the laid-out lists (a term `term_stats` undercounted). */
  private readonly extra = new Map<string, ExtraList>();

  /** Per case id: its number of terms, and 1 while its base postings are its current ones. */
  private lengths = new Uint32Array(0);
  private current = new Uint8Array(0);
  private scores = new Float64Array(0);

  /** Cases written after the bulk load, with the terms of their current document. */
  private readonly overlay = new Map<number, WeighedTerms>();
  private readonly overlayByTerm = new Map<string, Set<number>>();

  private totalLength = 0;
  private documents = 0;

  constructor(capacities: TermCapacities) {
    const sizes: number[] = [];
    for (const [term, documents] of capacities) {
      this.termSlots.set(term, sizes.length);
      sizes.push(Math.max(0, documents));
    }
    this.starts = new Uint32Array(sizes.length + 1);
    for (let i = 0; i < sizes.length; i++) this.starts[i + 1] = this.starts[i]! + sizes[i]!;
    this.filled = new Uint32Array(sizes.length);
    this.titleCounts = new Uint32Array(sizes.length);
    const total = this.starts[sizes.length]!;
    this.docs = new Int32Array(total);
    this.weighted = new Uint16Array(total);
    this.title = new Uint8Array(total);
  }

  /** Number of cases indexed. */
  get size(): number {
    return this.documents;
  }

  /** Adds a case during the bulk load. Cases must come in increasing id order. */
  addBase(caseId: number, terms: WeighedTerms): void {
    this.reserve(caseId);
    this.lengths[caseId] = terms.length;
    this.current[caseId] = 1;
    this.totalLength += terms.length;
    this.documents += 1;
    for (let i = 0; i < terms.terms.length; i++) {
      const term = terms.terms[i]!;
      const weighted = Math.min(terms.weighted[i]!, 0xffff);
      const title = Math.min(terms.title[i]!, 0xff);
      const slot = this.termSlots.get(term);
      const at = slot === undefined ? -1 : this.starts[slot]! + this.filled[slot]!;
      if (slot !== undefined && at < this.starts[slot + 1]!) {
        this.docs[at] = caseId;
        this.weighted[at] = weighted;
        this.title[at] = title;
        this.filled[slot]! += 1;
        if (title > 0) this.titleCounts[slot]! += 1;
      } else {
        let list = this.extra.get(term);
        if (!list) this.extra.set(term, (list = { docs: [], weighted: [], title: [] }));
        list.docs.push(caseId);
        list.weighted.push(weighted);
        list.title.push(title);
      }
    }
  }

  /** Replaces a case's terms after the bulk load; `null` removes the case. */
  replace(caseId: number, terms: WeighedTerms | null): void {
    this.reserve(caseId);
    const previous = this.overlay.get(caseId);
    if (previous) {
      this.forget(caseId, previous);
    } else if (this.current[caseId] === 1) {
      this.current[caseId] = 0;
      this.totalLength -= this.lengths[caseId]!;
      this.documents -= 1;
    }
    if (!terms) return;
    this.overlay.set(caseId, terms);
    this.lengths[caseId] = terms.length;
    this.totalLength += terms.length;
    this.documents += 1;
    for (const term of terms.terms) {
      let cases = this.overlayByTerm.get(term);
      if (!cases) this.overlayByTerm.set(term, (cases = new Set()));
      cases.add(caseId);
    }
  }

  /**
   * Returns the `limit` best cases for a query plan, ranked as FTS5 ranks
   * `"a" OR "b" OR {title} : "c"`. Each matching term adds idf × f × (k1 + 1) / (f + k1 × (1 −
   * b + b × length / average length)), where f is the field-weighted frequency (the title's
   * alone for title-only terms). Ranks are negated scores, lower is better, as FTS5 returns them.
   */
  search(plan: QueryPlan, limit: number): Candidate[] {
    if (this.documents === 0 || limit <= 0) return [];
    const total = plan.totalCases;
    const average = this.totalLength / this.documents || 1;
    const touched: number[] = [];
    for (const term of plan.matchTerms) {
      this.score(term.term, idf(total, term.documents), average, false, touched);
    }
    for (const term of plan.titleTerms) {
      this.score(term.term, idf(total, this.titleDocuments(term.term)), average, true, touched);
    }
    return this.best(touched, limit);
  }

  private score(
    term: string,
    weight: number,
    average: number,
    titleOnly: boolean,
    touched: number[],
  ): void {
    const { scores, lengths, current } = this;
    const fixed = K1 * (1 - B);
    const perTerm = (K1 * B) / average;
    const add = (caseId: number, f: number) => {
      if (f === 0) return;
      const value = (weight * f * (K1 + 1)) / (f + fixed + perTerm * lengths[caseId]!);
      if (scores[caseId] === 0) touched.push(caseId);
      scores[caseId]! += value;
    };

    const slot = this.termSlots.get(term);
    if (slot !== undefined) {
      const end = this.starts[slot]! + this.filled[slot]!;
      const { docs, weighted, title } = this;
      for (let i = this.starts[slot]!; i < end; i++) {
        const caseId = docs[i]!;
        if (current[caseId] === 0) continue;
        add(caseId, titleOnly ? title[i]! * FIELD_WEIGHTS.title : weighted[i]! / 2);
      }
    }
    const list = this.extra.get(term);
    if (list) {
      for (let i = 0; i < list.docs.length; i++) {
        const caseId = list.docs[i]!;
        if (current[caseId] === 0) continue;
        add(caseId, titleOnly ? list.title[i]! * FIELD_WEIGHTS.title : list.weighted[i]! / 2);
      }
    }
    for (const caseId of this.overlayByTerm.get(term) ?? []) {
      const terms = this.overlay.get(caseId)!;
      const at = terms.terms.indexOf(term);
      add(caseId, titleOnly ? terms.title[at]! * FIELD_WEIGHTS.title : terms.weighted[at]! / 2);
    }
  }

  /** Number of current cases with the term in their title. */
  private titleDocuments(term: string): number {
    const slot = this.termSlots.get(term);
    let count = slot === undefined ? 0 : this.titleCounts[slot]!;
    const list = this.extra.get(term);
    if (list) count += list.title.filter((n) => n > 0).length;
    for (const caseId of this.overlayByTerm.get(term) ?? []) {
      const terms = this.overlay.get(caseId)!;
      if (terms.title[terms.terms.indexOf(term)]! > 0) count += 1;
    }
    // Stale base postings still count here; the error is a handful of cases in an idf.
    return count;
  }

  /** Picks the best `limit` of the touched cases and clears their scores. */
  private best(touched: number[], limit: number): Candidate[] {
    const { scores } = this;
    const top: Array<{ id: number; score: number }> = [];
    for (const caseId of touched) {
      const score = scores[caseId]!;
      scores[caseId] = 0;
      if (top.length === limit && !beats(score, caseId, top[limit - 1]!)) continue;
      let at = top.length === limit ? limit - 1 : top.length;
      while (at > 0 && beats(score, caseId, top[at - 1]!)) {
        top[at] = top[at - 1]!;
        at -= 1;
      }
      top[at] = { id: caseId, score };
    }
    return top.map((entry) => ({ id: entry.id, rank: -entry.score }));
  }

  private forget(caseId: number, previous: WeighedTerms): void {
    this.overlay.delete(caseId);
    this.totalLength -= previous.length;
    this.documents -= 1;
    for (const term of previous.terms) {
      const cases = this.overlayByTerm.get(term);
      cases?.delete(caseId);
      if (cases?.size === 0) this.overlayByTerm.delete(term);
    }
  }

  /** Grows the per-case arrays to hold `caseId`. */
  private reserve(caseId: number): void {
    if (caseId < this.lengths.length) return;
    const size = Math.max(caseId + 1, Math.ceil(this.lengths.length * 1.5), 1024);
    this.lengths = grow(this.lengths, new Uint32Array(size));
    this.current = grow(this.current, new Uint8Array(size));
    this.scores = grow(this.scores, new Float64Array(size));
  }
}

function grow<T extends Uint32Array | Uint8Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** BM25's idf as FTS5 computes it, with the same floor for terms in most rows. */
function idf(total: number, documents: number): number {
  const value = Math.log((total - documents + 0.5) / (documents + 0.5));
  return value > 0 ? value : 1e-6;
}

/** Higher score first; among equal scores the lower case id, so results are stable. */
function beats(score: number, caseId: number, other: { id: number; score: number }): boolean {
  return score > other.score || (score === other.score && caseId < other.id);
}
