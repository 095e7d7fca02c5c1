import type { Candidate } from '../candidates.js';
import type { QueryPlan } from '../query.js';
import { FIELD_WEIGHTS } from '../candidates.js';
import type { WeighedTerms } from './weigh-terms.js';
import { TermTable, type TermTableParts } from './term-table.js';
import { Overlay } from './overlay.js';

// FTS5's BM25 constants (fts5_aux.c), so both engines rank alike.
const K1 = 1.2;
const B = 0.75;
// A term's BM25 impact f × (k1 + 1) / (f + norm) lies below k1 + 1. Impacts are stored in a
// byte as steps of (k1 + 1) / 255, at least 1 for a term the case contains.
const STEP = (K1 + 1) / 255;

/** One term of a query, with its idf and the most it can add to a case's score. */
interface QueryEntry {
  term: string;
  titleOnly: boolean;
  weight: number;
  bound: number;
}

/** The state of one query: the cases scored so far and the best score among them. */
interface QueryRun {
  /** Ids of the base cases scored so far, in its first `count` places. */
  touched: Int32Array;
  count: number;
  /** Ids of the overlay cases scored so far, in its first `overlaidCount` places. */
  overlaid: Int32Array;
  overlaidCount: number;
  top: number;
}

/** The values of {@link TermPresence}. */
export const PRESENCE = { absent: 0, agentOnly: 1, customerSide: 2 } as const;

/**
 * The place of a term in a case: absent (0), in agent turns only (1), or on the customer's
 * side, that is the title, description or customer turns (2).
 */
export type TermPresence = (typeof PRESENCE)[keyof typeof PRESENCE];

/** Postings of one term kept outside the laid-out lists. */
export interface ExtraList {
  docs: number[];
  impacts: number[];
  titleImpacts: number[];
  customer: boolean[];
}

/** The arrays and totals of a loaded {@link MemoryIndex}. */
export interface IndexParts {
  terms: TermTableParts;
  starts: Uint32Array;
  filled: Uint32Array;
  titleCounts: Uint32Array;
  docs: Int32Array;
  impacts: Uint8Array;
  titleImpacts: Uint8Array;
  customerBits: Uint8Array;
  lengths: Uint32Array;
  extra: Array<[string, ExtraList]>;
  totalLength: number;
  documents: number;
}

/**
 * An inverted index of the cases' search documents in typed arrays, ranked with FTS5's
 * field-weighted BM25 (`bm25(case_search, 4, 3, 1.5, 1)`). FTS5 computes BM25 for every row a
 * query matches, reading each from its index. Here each posting keeps its case's BM25 impact
 * for the term, computed once, so scoring a posting is one multiply-add into an array indexed by
 * case id. A posting takes six bytes and a bit: case id, impact, impact as a title-only term,
 * and whether the term is on the customer's side of the case, for coverage scoring.
 *
 * The bulk of the postings is laid out once, each term's list sized from `term_stats` and
 * sorted by case id. Impacts use the average case length at the end of the bulk load. Cases
 * written later go into a small overlay with impacts of their own, and their base postings are
 * skipped. Rankings equal FTS5's up to the byte-sized impacts (about 0.5 % of a term's share)
 * and the drift of the average length until the next rebuild.
 */
export class MemoryIndex {
  // The base arrays are assigned once, by the constructor or by fromParts.
  private termSlots: TermTable;
  private starts: Uint32Array;
  private filled: Uint32Array;
  private titleCounts: Uint32Array;
  private docs: Int32Array;
  /** Weighted frequency (twice, clamped to 255) during the load, the impact after it. */
  private impacts: Uint8Array;
  /** Title frequency (clamped) during the load, the title-only impact after it. */
  private titleImpacts: Uint8Array;
  /** One bit per posting: set when the term is on the customer's side of the case. */
  private customerBits: Uint8Array;
  /** Postings that found no room in the laid-out lists (a term `term_stats` undercounted). */
  private extra = new Map<string, ExtraList>();

  /** Per case id: the number of terms, for the average length. */
  private lengths: Uint32Array = new Uint32Array(0);
  /**
   * Per case id: the score of the query being run, or −Infinity when the case's base postings
   * are out of date (it was replaced or removed), so that adding to it changes nothing.
   */
  private scores = new Float32Array(0);
  /**
   * Per query: the ids of the scored cases and of the candidates left after pruning. They are
   * kept from one query to the next. At 1M cases, growing arrays for them made about 0.7 MB of
   * garbage per query, and the heap grew by 200 MB over 300 triage questions.
   */
  private touchedIds = new Int32Array(0);
  private candidateIds = new Int32Array(0);
  private overlaidIds = new Int32Array(0);
  /** Per case id: the overlay score of the query being run. */
  private overlayScores = new Float64Array(0);

  private readonly overlay = new Overlay();

  private totalLength = 0;
  private documents = 0;
  private loaded = false;

  /**
   * Allocates room for `postings` postings of `terms` terms of about `termChars` characters
   * in all; {@link MemoryIndex.addTerm} then gives each term its share, as `term_stats` counts
   * it.
   */
  constructor(terms: number, postings: number, termChars?: number) {
    this.termSlots = new TermTable(terms, termChars);
    this.starts = new Uint32Array(terms + 1);
    this.filled = new Uint32Array(terms);
    this.titleCounts = new Uint32Array(terms);
    this.docs = new Int32Array(postings);
    this.impacts = new Uint8Array(postings);
    this.titleImpacts = new Uint8Array(postings);
    this.customerBits = new Uint8Array(Math.ceil(postings / 8));
  }

  /** Rebuilds a loaded index from the parts that {@link MemoryIndex.parts} returned. */
  static fromParts(parts: IndexParts): MemoryIndex {
    const index = new MemoryIndex(0, 0, 0);
    index.termSlots = TermTable.fromParts(parts.terms);
    index.starts = parts.starts;
    index.filled = parts.filled;
    index.titleCounts = parts.titleCounts;
    index.docs = parts.docs;
    index.impacts = parts.impacts;
    index.titleImpacts = parts.titleImpacts;
    index.customerBits = parts.customerBits;
    index.extra = new Map(parts.extra);
    index.lengths = parts.lengths;
    index.scores = new Float32Array(parts.lengths.length);
    index.overlayScores = new Float64Array(parts.lengths.length);
    index.totalLength = parts.totalLength;
    index.documents = parts.documents;
    index.loaded = true;
    return index;
  }

  /**
   * Returns the arrays and totals of the loaded index, for a snapshot. Call it right after the
   * load, before any {@link MemoryIndex.replace}: the base arrays are shared, and they do not
   * change after the load, while the case lengths are copied.
   */
  parts(): IndexParts {
    if (!this.loaded || this.overlay.size > 0 || this.scores.some((score) => score !== 0)) {
      throw new Error('A snapshot needs a loaded index that no case was replaced in.');
    }
    return {
      terms: this.termSlots.parts(),
      starts: this.starts,
      filled: this.filled,
      titleCounts: this.titleCounts,
      docs: this.docs,
      impacts: this.impacts,
      titleImpacts: this.titleImpacts,
      customerBits: this.customerBits,
      lengths: this.lengths.slice(),
      extra: [...this.extra],
      totalLength: this.totalLength,
      documents: this.documents,
    };
  }

  /** Number of cases indexed. */
  get size(): number {
    return this.documents;
  }

  /** Number of cases written after the bulk load, which are kept apart until a rebuild. */
  get overlaySize(): number {
    return this.overlay.size;
  }

  /** Reserves a posting list for a term found in `documents` cases. Call before any addBase. */
  addTerm(term: string, documents: number): void {
    const slot = this.termSlots.size;
    // A term added before, or one past the room made for them, gets no list of its own.
    if (this.termSlots.add(term) !== slot) return;
    this.starts[slot + 1] = Math.min(this.starts[slot]! + Math.max(0, documents), this.docs.length);
  }

  /** Adds a case during the bulk load. Cases must come in increasing id order. */
  addBase(caseId: number, terms: WeighedTerms): void {
    this.reserve(caseId);
    this.lengths[caseId] = terms.length;
    this.totalLength += terms.length;
    this.documents += 1;
    for (let i = 0; i < terms.terms.length; i++) {
      const term = terms.terms[i]!;
      // Past 255 (a term 32 times in a title, 128 times in agent turns) BM25 has saturated.
      const weighted = Math.min(terms.weighted[i]!, 0xff);
      const title = Math.min(terms.title[i]!, 0xff);
      const slot = this.termSlots.get(term);
      const at = slot === -1 ? -1 : this.starts[slot]! + this.filled[slot]!;
      if (slot !== -1 && at < this.starts[slot + 1]!) {
        this.docs[at] = caseId;
        this.impacts[at] = weighted;
        this.titleImpacts[at] = title;
        if (terms.customer[i]) this.customerBits[at >>> 3]! |= 1 << (at & 7);
        this.filled[slot]! += 1;
        if (title > 0) this.titleCounts[slot]! += 1;
      } else {
        let list = this.extra.get(term);
        if (!list) {
          list = { docs: [], impacts: [], titleImpacts: [], customer: [] };
          this.extra.set(term, list);
        }
        list.docs.push(caseId);
        list.impacts.push(weighted);
        list.titleImpacts.push(title);
        list.customer.push(terms.customer[i] === 1);
      }
    }
  }

  /** Turns the loaded frequencies into impacts, with the average length of all loaded cases. */
  finishLoad(): void {
    if (this.loaded) return;
    this.loaded = true;
    const average = this.averageLength();
    const convert = (caseId: number, weighted: number, title: number) => {
      const norm = lengthNorm(this.lengths[caseId]!, average);
      return [
        quantize(impact(weighted / 2, norm)),
        quantize(impact(title * FIELD_WEIGHTS.title, norm)),
      ];
    };
    for (let i = 0; i < this.docs.length; i++) {
      if (this.impacts[i] === 0) continue;
      const [anywhere, title] = convert(this.docs[i]!, this.impacts[i]!, this.titleImpacts[i]!);
      this.impacts[i] = anywhere!;
      this.titleImpacts[i] = title!;
    }
    for (const list of this.extra.values()) {
      list.docs.forEach((caseId, i) => {
        const [anywhere, title] = convert(caseId, list.impacts[i]!, list.titleImpacts[i]!);
        list.impacts[i] = anywhere!;
        list.titleImpacts[i] = title!;
      });
    }
  }

  /** Replaces a case's terms after the bulk load; `null` removes the case. */
  replace(caseId: number, terms: WeighedTerms | null): void {
    this.reserve(caseId);
    const previous = this.overlay.remove(caseId);
    if (previous) {
      this.totalLength -= previous.length;
      this.documents -= 1;
    } else if (this.scores[caseId] === 0 && this.lengths[caseId]! > 0) {
      this.totalLength -= this.lengths[caseId]!;
      this.documents -= 1;
    }
    this.scores[caseId] = -Infinity;
    this.lengths[caseId] = 0;
    if (!terms) return;

    const norm = lengthNorm(terms.length, this.averageLength(terms.length));
    this.overlay.add(
      caseId,
      { length: terms.length, terms: terms.terms, customer: Uint8Array.from(terms.customer) },
      {
        anywhere: terms.weighted.map((weighted) => impact(weighted / 2, norm)),
        title: terms.title.map((count) => impact(count * FIELD_WEIGHTS.title, norm)),
      },
    );
    this.totalLength += terms.length;
    this.documents += 1;
  }

  /**
   * Returns the `limit` best cases for a query plan, ranked as FTS5 ranks
   * `"a" OR "b" OR {title} : "c"`. Each matching term adds idf × f × (k1 + 1) / (f + k1 × (1 −
   * b + b × length / average length)), where f is the field-weighted frequency (the title's
   * alone for title-only terms). Ranks are negated scores, lower is better, as FTS5 returns them.
   *
   * Terms are taken in plan order, rarest first. Once the `limit`-th best score beats all that
   * the remaining terms could add, no case that only they match can enter the result. Those
   * terms are then looked up only for the cases already scored (max-score pruning, which keeps
   * the result exact).
   */
  search(plan: QueryPlan, limit: number): Candidate[] {
    if (this.documents === 0 || limit <= 0) return [];
    this.finishLoad();
    const total = plan.totalCases;
    const entries: QueryEntry[] = [
      ...plan.matchTerms.map((t) => entry(t.term, idf(total, t.documents), false)),
      ...plan.titleTerms.map((t) => entry(t.term, idf(total, this.titleDocuments(t.term)), true)),
    ];
    // rest[i]: the most that terms i and later can add to any case's score.
    const rest = new Float64Array(entries.length + 1);
    for (let i = entries.length - 1; i >= 0; i--) rest[i] = rest[i + 1]! + entries[i]!.bound;

    if (this.touchedIds.length < this.scores.length) {
      this.touchedIds = new Int32Array(this.scores.length);
      this.candidateIds = new Int32Array(this.scores.length);
      this.overlaidIds = new Int32Array(this.scores.length);
    }
    const run: QueryRun = {
      touched: this.touchedIds,
      count: 0,
      overlaid: this.overlaidIds,
      overlaidCount: 0,
      top: 0,
    };
    let threshold = 0;
    let next = 0;
    for (; next < entries.length; next++) {
      const scored = run.count + run.overlaidCount;
      if (scored >= limit && run.top > rest[next]!) {
        threshold = this.kthScore(run, limit);
        if (threshold > rest[next]!) break;
      }
      this.scoreAll(entries[next]!, run);
    }
    if (next < entries.length) {
      const bound = rest[next]!;
      let candidateCount = 0;
      for (let i = 0; i < run.count; i++) {
        const caseId = run.touched[i]!;
        if (this.scores[caseId]! + bound >= threshold) this.candidateIds[candidateCount++] = caseId;
      }
      // A typed array sorts numerically.
      const candidates = this.candidateIds.subarray(0, candidateCount).sort();
      for (let i = next; i < entries.length; i++)
        this.scoreCandidates(entries[i]!, candidates, run);
    }
    return this.best(run, limit);
  }

  /**
   * Returns where each case contains each of the given terms: one array per case, in `terms`
   * order. Call it between searches: a search leaves every score as it found it, so stale base
   * postings are still marked.
   */
  presence(caseIds: readonly number[], terms: readonly string[]): TermPresence[][] {
    const result = caseIds.map(() => new Array<TermPresence>(terms.length).fill(PRESENCE.absent));
    // Base cases in id order, so each term's list is walked forward once.
    const base = caseIds
      .map((caseId, row) => ({ caseId, row }))
      .filter(({ caseId }) => !this.overlay.has(caseId) && this.scores[caseId] === 0)
      .sort((a, b) => a.caseId - b.caseId);

    terms.forEach((term, column) => {
      const slot = this.termSlots.get(term);
      if (slot !== -1) {
        const end = this.starts[slot]! + this.filled[slot]!;
        let at = this.starts[slot]!;
        for (const { caseId, row } of base) {
          at = gallop(this.docs, at, end, caseId);
          if (at === end) break;
          if (this.docs[at] === caseId) result[row]![column] = this.side(this.customerAt(at));
        }
      }
      const list = this.extra.get(term);
      for (const { caseId, row } of list ? base : []) {
        const at = list!.docs.indexOf(caseId);
        if (at !== -1) result[row]![column] = this.side(list!.customer[at]!);
      }
    });

    caseIds.forEach((caseId, row) => {
      const overlaid = this.overlay.get(caseId);
      if (!overlaid) return;
      terms.forEach((term, column) => {
        const at = overlaid.terms.indexOf(term);
        if (at !== -1) result[row]![column] = this.side(overlaid.customer[at] === 1);
      });
    });
    return result;
  }

  private customerAt(at: number): boolean {
    return (this.customerBits[at >>> 3]! & (1 << (at & 7))) !== 0;
  }

  private side(customer: boolean): TermPresence {
    return customer ? PRESENCE.customerSide : PRESENCE.agentOnly;
  }

  /** Adds a term's contribution to every case that contains it. */
  private scoreAll(query: QueryEntry, run: QueryRun): void {
    const { scores, docs } = this;
    const values = query.titleOnly ? this.titleImpacts : this.impacts;
    const weight = query.weight * STEP;
    const touched = run.touched;
    let count = run.count;
    let top = run.top;

    const slot = this.termSlots.get(query.term);
    if (slot !== -1) {
      const end = this.starts[slot]! + this.filled[slot]!;
      for (let i = this.starts[slot]!; i < end; i++) {
        const value = values[i]!;
        if (value === 0) continue;
        const caseId = docs[i]!;
        const before = scores[caseId]!;
        if (before === 0) touched[count++] = caseId;
        const after = before + weight * value;
        scores[caseId] = after;
        if (after > top) top = after;
      }
    }
    run.count = count;
    run.top = top;
    this.scoreRest(query, run, false);
  }

  /**
   * Adds a term's contribution to the given cases only (sorted by id). The laid-out list is
   * sorted by case id too, so each look-up gallops forward from the previous one.
   */
  private scoreCandidates(query: QueryEntry, candidates: Int32Array, run: QueryRun): void {
    const slot = this.termSlots.get(query.term);
    if (slot !== -1) {
      const { docs, scores } = this;
      const values = query.titleOnly ? this.titleImpacts : this.impacts;
      const weight = query.weight * STEP;
      const end = this.starts[slot]! + this.filled[slot]!;
      let at = this.starts[slot]!;
      for (const caseId of candidates) {
        at = gallop(docs, at, end, caseId);
        if (at === end) break;
        if (docs[at] !== caseId) continue;
        scores[caseId] = scores[caseId]! + weight * values[at]!;
        if (scores[caseId]! > run.top) run.top = scores[caseId]!;
      }
    }
    this.scoreRest(query, run, true);
  }

  /**
   * Scores a term's postings outside the laid-out lists and in the overlay: all of them, or
   * with `scoredOnly` the extra postings of cases that already have a score.
   */
  private scoreRest(query: QueryEntry, run: QueryRun, scoredOnly: boolean): void {
    const list = this.extra.get(query.term);
    if (list) {
      const values = query.titleOnly ? list.titleImpacts : list.impacts;
      for (let i = 0; i < list.docs.length; i++) {
        const caseId = list.docs[i]!;
        const before = this.scores[caseId]!;
        if (values[i] === 0 || (scoredOnly && before === 0)) continue;
        if (before === 0) run.touched[run.count++] = caseId;
        this.scores[caseId] = before + query.weight * STEP * values[i]!;
        if (this.scores[caseId]! > run.top) run.top = this.scores[caseId]!;
      }
    }
    // The overlay is small next to the base, so its cases are always scored in full.
    const overlaid = this.overlay.list(query.term);
    if (!overlaid) return;
    const stamps = this.overlay.caseStamps;
    const shares = query.titleOnly ? overlaid.title : overlaid.anywhere;
    for (let i = 0; i < overlaid.ids.length; i++) {
      const caseId = overlaid.ids[i]!;
      const share = shares[i]!;
      if (share === 0 || overlaid.stamps[i] !== stamps[caseId]) continue;
      const before = this.overlayScores[caseId]!;
      if (before === 0) run.overlaid[run.overlaidCount++] = caseId;
      const after = before + query.weight * share;
      this.overlayScores[caseId] = after;
      if (after > run.top) run.top = after;
    }
  }

  /** Returns the `limit`-th best score among the scored cases. */
  private kthScore(run: QueryRun, limit: number): number {
    return this.topScored(run, limit, false)[limit - 1]?.score ?? 0;
  }

  /** Number of current cases with the term in their title. */
  private titleDocuments(term: string): number {
    const slot = this.termSlots.get(term);
    let count = slot === -1 ? 0 : this.titleCounts[slot]!;
    const list = this.extra.get(term);
    if (list) count += list.titleImpacts.filter((n) => n > 0).length;
    count += this.overlay.titleDocuments(term);
    // Stale base postings still count here; the error is a handful of cases in an idf.
    return count;
  }

  /** Picks the best `limit` of the scored cases and clears their scores. */
  private best(run: QueryRun, limit: number): Candidate[] {
    return this.topScored(run, limit, true).map((found) => ({ id: found.id, rank: -found.score }));
  }

  /** Returns the best `limit` scored cases, best first; `clear` resets their scores after. */
  private topScored(
    run: QueryRun,
    limit: number,
    clear: boolean,
  ): Array<{ id: number; score: number }> {
    const top: Array<{ id: number; score: number }> = [];
    const consider = (caseId: number, score: number) => {
      if (top.length === limit && !beats(score, caseId, top[limit - 1]!)) return;
      let at = top.length === limit ? limit - 1 : top.length;
      while (at > 0 && beats(score, caseId, top[at - 1]!)) {
        top[at] = top[at - 1]!;
        at -= 1;
      }
      top[at] = { id: caseId, score };
    };
    for (let i = 0; i < run.count; i++) {
      const caseId = run.touched[i]!;
      consider(caseId, this.scores[caseId]!);
      if (clear) this.scores[caseId] = 0;
    }
    for (let i = 0; i < run.overlaidCount; i++) {
      const caseId = run.overlaid[i]!;
      consider(caseId, this.overlayScores[caseId]!);
      if (clear) this.overlayScores[caseId] = 0;
    }
    return top;
  }

  private averageLength(extra = 0): number {
    const documents = this.documents + (extra > 0 ? 1 : 0);
    return documents === 0 ? 1 : (this.totalLength + extra) / documents || 1;
  }

  /** Grows the per-case arrays to hold `caseId`. */
  private reserve(caseId: number): void {
    if (caseId < this.scores.length) return;
    const size = Math.max(caseId + 1, Math.ceil(this.scores.length * 1.5), 1024);
    const lengths = new Uint32Array(size);
    lengths.set(this.lengths);
    this.lengths = lengths;
    const scores = new Float32Array(size);
    scores.set(this.scores);
    this.scores = scores;
    const overlayScores = new Float64Array(size);
    overlayScores.set(this.overlayScores);
    this.overlayScores = overlayScores;
  }
}

function entry(term: string, weight: number, titleOnly: boolean): QueryEntry {
  // One quantization step of slack, so rounding up never breaks the bound.
  return { term, titleOnly, weight, bound: weight * (K1 + 1 + STEP) };
}

/** k1 × (1 − b + b × length / average length): BM25's length normalization. */
function lengthNorm(length: number, average: number): number {
  return K1 * (1 - B + (B * length) / average);
}

/** BM25's saturated term frequency, f × (k1 + 1) / (f + norm); 0 when f is 0. */
function impact(f: number, norm: number): number {
  return f === 0 ? 0 : (f * (K1 + 1)) / (f + norm);
}

function quantize(value: number): number {
  return value === 0 ? 0 : Math.min(255, Math.max(1, Math.round(value / STEP)));
}

/** Returns the first position from `at` on whose case id is `caseId` or more, or `end`. */
function gallop(docs: Int32Array, at: number, end: number, caseId: number): number {
  if (at >= end || docs[at]! >= caseId) return at;
  let step = 1;
  let low = at;
  let high = at + 1;
  while (high < end && docs[high]! < caseId) {
    low = high;
    step *= 2;
    high = at + step;
  }
  high = Math.min(high, end);
  // Here docs[low] < caseId, and docs[high] >= caseId or high === end.
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if (docs[middle]! < caseId) low = middle;
    else high = middle;
  }
  return high;
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
