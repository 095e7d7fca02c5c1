import type { Store } from '../../store/open.js';
import type { SqlExecutor } from '../../store/sql-executor.js';
import { latestSearchChange, readSearchChanges } from '../../store/search-changes.js';
import type { Candidate } from '../candidates.js';
import type { QueryPlan } from '../query.js';
import { MemoryIndex } from './memory-index.js';
import { restoreSnapshot, saveSnapshot, type RestoredIndex } from './snapshot.js';
import { readCaseTexts, readCaseTextsAfter } from './case-text.js';
import { segmentCase, type CaseText } from './segment-case.js';
import { WorkerPool } from '../../shared/worker-pool.js';
import type { WeighedTerms } from './weigh-terms.js';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/** Options of {@link MemorySearch.load}. */
export interface MemorySearchOptions {
  /**
   * Worker threads that segment the stored text. The default, 0, segments on the calling
   * thread in small batches between other work. Each worker added about 90 MiB, mostly its own
   * copy of jieba's dictionaries, and on two cores workers did not make the load faster
   * (docs/benchmarks.md).
   */
  workers?: number;
  /** Called when a rebuild in the background fails; the old index then stays in use. */
  onError?: (error: unknown) => void;
  /**
   * Called when a rebuild starts in the background, with the changes seen (a bulk change) or
   * the cases changed since the last build, and whether searches keep using the old index.
   */
  onRebuildStarted?: (changes: number, servesMeanwhile: boolean) => void;
  /** Called when a rebuild has replaced the index, with its size and duration. */
  onRebuilt?: (cases: number, ms: number) => void;
  /** Stops a load or rebuild between two batches. */
  signal?: AbortSignal;
  /**
   * Cases changed since the last build above which the index is rebuilt (default 10,000).
   * Changed cases sit in an overlay that every query scores in full.
   */
  maxOverlayCases?: number;
  /** Minimum number of cases for which worker threads are started (default 2,000). */
  minCasesForWorkers?: number;
  /**
   * Snapshot file of the index ({@link snapshotPath}). The load restores the index from it
   * when it is valid, and each full build writes it again in the background.
   */
  snapshot?: string;
  /** Called when the load used the snapshot, or with the reason it did not. */
  onSnapshotRead?: (result: { used: true } | { used: false; reason: string }) => void;
  /** Called when a snapshot has been written, with the time it took. */
  onSnapshotSaved?: (ms: number) => void;
  /** Called when writing a snapshot failed; the index in memory is not affected. */
  onSnapshotFailed?: (error: unknown) => void;
}

// Rows of term_stats read per query while loading.
const TERM_PAGE = 50_000;
// Cases read and segmented per batch while loading: on worker threads, and on the calling
// thread, where a batch takes a few milliseconds and other work runs between batches.
const BATCH = 500;
const THREAD_BATCH = 25;
// More changes than this since the last refresh, and the index is rebuilt instead.
const MAX_CHANGES = 10_000;
// More cases changed since the last build than this, and the index is rebuilt, so that the
// overlay of changed cases stays small.
const MAX_OVERLAY_CASES = 10_000;
// Below this many cases, starting worker threads (each loads jieba's dictionaries) costs more
// than it saves.
const MIN_CASES_FOR_WORKERS = 2_000;

/**
 * The search index of a long-running process, held in memory ({@link MemoryIndex}) and kept in
 * step with the database through the search change log: each search first applies the changes
 * logged since the previous one, by any process, so a case is findable as soon as its write
 * commits. Once more than 10,000 cases have changed since the last build, the index is rebuilt
 * in the background while searches keep using the old one and its overlay. After a bulk change
 * (more than 10,000 changes at once) the old index would miss those cases, so searches return
 * `null` until the rebuild ends and the caller queries the database's own index.
 */
export class MemorySearch {
  private rebuilding: Promise<void> | null = null;
  /** Whether searches keep using the current index while a rebuild runs. */
  private servesDuringRebuild = false;
  private queued: Promise<void> | null = null;
  private tail: Promise<void> = Promise.resolve();
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly store: Store,
    private index: MemoryIndex,
    private seq: number,
    private readonly options: MemorySearchOptions,
  ) {}

  /** Restores the index from its snapshot, or builds it from the stored cases. */
  static async load(store: Store, options: MemorySearchOptions = {}): Promise<MemorySearch> {
    const restored = options.snapshot ? await restore(store, options.snapshot, options) : null;
    const { index, seq } = restored ?? (await buildIndex(store.sql, options));
    const search = new MemorySearch(store, index, seq, options);
    if (!restored) search.save(index, seq);
    await search.refresh();
    return search;
  }

  /** Resolves when the snapshots started so far are written, or have failed. */
  snapshotSaved(): Promise<void> {
    return this.saving;
  }

  /** Resolves when the refreshes started so far have ended. */
  refreshesEnded(): Promise<void> {
    return this.tail;
  }

  /** Number of cases in the index. */
  get size(): number {
    return this.index.size;
  }

  /** Whether a rebuild runs. */
  get rebuildRunning(): boolean {
    return this.rebuilding !== null;
  }

  /** Whether searches use this index now, and not the database's (during a bulk rebuild). */
  get servesSearches(): boolean {
    return this.rebuilding === null || this.servesDuringRebuild;
  }

  /**
   * Returns the best cases for a query plan, ranked as the SQLite index ranks them, each with
   * where it contains the plan's terms, or `null` while a rebuild after a bulk change runs.
   */
  async findCandidates(plan: QueryPlan, limit: number): Promise<Candidate[] | null> {
    await this.refresh();
    if (!this.servesSearches) return null;
    const found = this.index.search(plan, limit);
    const presence = this.index.presence(
      found.map((candidate) => candidate.id),
      plan.terms.map((term) => term.term),
    );
    return found.map((candidate, row) => ({ ...candidate, presence: presence[row] }));
  }

  /**
   * Applies the changes logged since the last refresh. Calls made while one runs wait for the
   * next run, which starts after it, so a caller always sees writes committed before its call.
   */
  refresh(): Promise<void> {
    if (this.queued) return this.queued;
    const run = this.tail.then(() => {
      this.queued = null;
      return this.applyChanges();
    });
    this.queued = run;
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async applyChanges(): Promise<void> {
    if (!this.servesSearches) return;
    // A rebuild may replace the index while this runs. The changes then go to the old one, and
    // the new one applies them at the next refresh, from the point its build started.
    const index = this.index;
    const sql = this.store.sql;
    const changes = await readSearchChanges(sql, this.seq, MAX_CHANGES + 1);
    if (changes.length === 0) return;
    if (changes.length > MAX_CHANGES) {
      if (this.rebuilding) {
        // The running rebuild may have read these cases or not: searches go to the database
        // until it ends, and the next refresh after it starts another rebuild if needed.
        this.servesDuringRebuild = false;
        return;
      }
      this.options.onRebuildStarted?.(changes.length, false);
      this.rebuild(false);
      return;
    }

    const ids = [...new Set(changes.map((change) => change.caseId))];
    const texts = new Map<number, CaseText>();
    for (let start = 0; start < ids.length; start += BATCH) {
      for (const text of await readCaseTexts(sql, ids.slice(start, start + BATCH))) {
        texts.set(text.id, text);
      }
    }
    for (let i = 0; i < ids.length; i++) {
      // Segmenting takes about 0.3 ms a case: let other requests run between small batches.
      if (i > 0 && i % THREAD_BATCH === 0) await yieldToEventLoop();
      const text = texts.get(ids[i]!);
      index.replace(ids[i]!, text ? segmentCase(text) : null);
    }
    if (this.index !== index) return;
    this.seq = changes[changes.length - 1]!.seq;
    const overlayLimit = this.options.maxOverlayCases ?? MAX_OVERLAY_CASES;
    if (!this.rebuilding && index.overlaySize > overlayLimit) {
      this.options.onRebuildStarted?.(index.overlaySize, true);
      this.rebuild(true);
    }
  }

  /**
   * Builds a new index in the background and swaps it in. With `serveMeanwhile`, searches and
   * refreshes keep using the current index until then.
   */
  private rebuild(serveMeanwhile: boolean): void {
    const started = performance.now();
    this.servesDuringRebuild = serveMeanwhile;
    this.rebuilding = buildIndex(this.store.sql, this.options)
      .then(({ index, seq }) => {
        this.index = index;
        this.seq = seq;
        this.save(index, seq);
        this.options.onRebuilt?.(index.size, Math.round(performance.now() - started));
      })
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.rebuilding = null;
        this.servesDuringRebuild = false;
      });
  }

  /**
   * Writes the snapshot of a freshly built index in the background, one write at a time. The
   * parts are taken at once, before a refresh can replace a case in the index.
   */
  private save(index: MemoryIndex, seq: number): void {
    const file = this.options.snapshot;
    if (!file) return;
    const parts = index.parts();
    this.saving = this.saving.then(async () => {
      const started = performance.now();
      try {
        await saveSnapshot(this.store, file, parts, seq);
        this.options.onSnapshotSaved?.(Math.round(performance.now() - started));
      } catch (error) {
        this.options.onSnapshotFailed?.(error);
      }
    });
  }
}

async function restore(
  store: Store,
  file: string,
  options: MemorySearchOptions,
): Promise<RestoredIndex | null> {
  const restored = await restoreSnapshot(store, file);
  if ('reason' in restored) {
    options.onSnapshotRead?.({ used: false, reason: restored.reason });
    return null;
  }
  options.onSnapshotRead?.({ used: true });
  return restored;
}

/**
 * Reads every case in id order, segments it and adds its terms, on the calling thread or on
 * worker threads. Returns the index and the number of the newest logged change before the first
 * read, from which refreshes continue.
 */
async function buildIndex(
  sql: SqlExecutor,
  options: MemorySearchOptions,
): Promise<{ index: MemoryIndex; seq: number }> {
  const seq = await latestSearchChange(sql);
  const index = await allocateIndex(sql);
  const cases = await sql.get<{ count: number | string }>('SELECT count(*) AS count FROM cases');

  const workers = options.workers ?? 0;
  const threshold = options.minCasesForWorkers ?? MIN_CASES_FOR_WORKERS;
  if (workers > 0 && Number(cases?.count ?? 0) >= threshold) {
    await loadOnWorkers(sql, index, workers, options.signal);
  } else {
    await loadOnThread(sql, index, options.signal);
  }
  index.finishLoad();
  return { index, seq };
}

/**
 * Segments the stored cases on the calling thread, a small batch at a time with other work in
 * between. Each case goes into the index as soon as it is segmented.
 */
async function loadOnThread(sql: SqlExecutor, index: MemoryIndex, signal?: AbortSignal) {
  for await (const batch of caseTextBatches(sql, THREAD_BATCH, signal)) {
    // better-sqlite3 reads synchronously, so without this the whole load would hold the thread.
    await yieldToEventLoop();
    for (const text of batch) index.addBase(text.id, segmentCase(text));
  }
}

/** Reads the stored text of every case in id order, `size` cases at a time. */
async function* caseTextBatches(
  sql: SqlExecutor,
  size: number,
  signal?: AbortSignal,
): AsyncGenerator<CaseText[]> {
  let afterId = 0;
  for (;;) {
    signal?.throwIfAborted();
    const batch = await readCaseTextsAfter(sql, afterId, size);
    if (batch.length === 0) return;
    afterId = batch[batch.length - 1]!.id;
    yield batch;
  }
}

/** Segments the stored cases on worker threads while the next batches are read. */
async function loadOnWorkers(
  sql: SqlExecutor,
  index: MemoryIndex,
  workers: number,
  signal?: AbortSignal,
) {
  const pool = new WorkerPool<CaseText[], WeighedTerms[]>(
    import.meta.url,
    'segment-worker',
    null,
    workers,
  );
  const inFlight: Array<Promise<{ ids: number[]; terms: WeighedTerms[] }>> = [];
  const addDone = async () => {
    const done = await inFlight.shift()!;
    done.ids.forEach((id, i) => index.addBase(id, done.terms[i]!));
  };
  try {
    for await (const batch of caseTextBatches(sql, BATCH, signal)) {
      const ids = batch.map((text) => text.id);
      inFlight.push(pool.run(batch).then((terms) => ({ ids, terms })));
      while (inFlight.length > pool.size * 2) await addDone();
    }
    while (inFlight.length > 0) await addDone();
  } finally {
    await pool.close();
  }
}

/**
 * Creates an index with a posting list per term of `term_stats`, read in pages so that a million
 * terms never sit in memory as row objects at once.
 */
async function allocateIndex(sql: SqlExecutor): Promise<MemoryIndex> {
  const totals = await sql.get<{
    terms: number | string;
    postings: number | string | null;
    chars: number | string | null;
  }>(
    'SELECT count(*) AS terms, sum(documents) AS postings, sum(length(term)) AS chars FROM term_stats',
  );
  const index = new MemoryIndex(
    Number(totals?.terms ?? 0),
    Number(totals?.postings ?? 0),
    Number(totals?.chars ?? 0),
  );
  let after = '';
  for (;;) {
    const rows = await sql.all<{ term: string; documents: number | string }>(
      'SELECT term, documents FROM term_stats WHERE term > ? ORDER BY term LIMIT ?',
      [after, TERM_PAGE],
    );
    for (const row of rows) index.addTerm(row.term, Number(row.documents));
    if (rows.length < TERM_PAGE) return index;
    after = rows[rows.length - 1]!.term;
  }
}
