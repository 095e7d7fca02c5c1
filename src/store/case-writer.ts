import type { ArchiveHeader, CaseRecord } from '../ingest/record.js';
import { MAX_RECORD_NUMBER } from '../ingest/syntax.js';
import type { SearchDocument } from '../search/document.js';
import { SearchIndexWriter } from './search-index.js';
import type { CaseKnowledge } from '../knowledge/case-knowledge.js';
import { CategoryCounts, writeCategoryCounts, type CategoryCountsData } from './category-counts.js';
import type { SqlExecutor } from './sql-executor.js';
import { SqliteExecutor } from './sqlite-executor.js';

/** A redacted record with everything derived from it that the store keeps. */
export interface PreparedCase {
  record: CaseRecord;
  hash: string;
  document: SearchDocument;
  /** Category-model terms, empty when `counted` is set. */
  categoryTerms: string[];
  knowledge: CaseKnowledge;
  /**
   * Set when the case's search terms and category terms already reached the writer through
   * {@link CaseWriter.addCounts}, as the import's worker threads count a whole batch at once.
   */
  counted?: boolean;
  /** Transcript facts; archive records have none. */
  details?: CaseDetails;
  /** Vault-sealed contact values of the case. */
  sealed?: Array<{ placeholder: string; type: string; sealed: string }>;
}

/** Facts that only transcripts carry: status, timing and where the category came from. */
export interface CaseDetails {
  status?: string;
  openedAt?: string | null;
  firstResponseSeconds?: number | null;
  durationSeconds?: number | null;
  categorySource?: 'archive' | 'transcript' | 'predicted';
  categoryNote?: string | null;
}

/** The stored id and hash of a case, to decide between insert, update and no change. */
interface ExistingCase {
  id: number;
  hash: string;
}

/** Term counts of cases written with `counted`, gathered where the cases were prepared. */
export interface GatheredCounts {
  /** Cases per search term, for `term_stats`. */
  documents: ReadonlyMap<string, number>;
  categories: CategoryCountsData;
}

/** Case counts of one import, by what happened to each case. */
export interface WriteCounts {
  imported: number;
  updated: number;
  unchanged: number;
}

// The default of CaseWriterOptions.maxPendingTerms.
const MAX_PENDING_TERMS = 200_000;

/** Options of a {@link CaseWriter}. */
export interface CaseWriterOptions {
  /**
   * Pending term counts past which a SQLite writer writes its counts out and starts again from
   * zero, so that the memory of a large import does not grow with the archive. The default is
   * 200,000 counts, an estimated 16 MB; V8 lets garbage grow to several times the live heap, so
   * 500,000 raised a 300k-case import's peak by about 70 MiB without making it faster.
   */
  maxPendingTerms?: number;
}

/**
 * Writes cases with the executor of a transaction that the caller opened; {@link CaseWriter.finish}
 * writes the gathered counts before the caller commits, and a SQLite writer also writes them
 * whenever many are pending. The search index and the category model are updated in the same
 * transaction, so they never drift from cases.
 */
export class CaseWriter {
  private readonly index: SearchIndexWriter;
  private readonly counts = new CategoryCounts();
  private readonly now = new Date().toISOString();
  private readonly maxPendingTerms: number;
  readonly totals: WriteCounts = { imported: 0, updated: 0, unchanged: 0 };

  constructor(
    private readonly sql: SqlExecutor,
    options: CaseWriterOptions = {},
  ) {
    this.index = new SearchIndexWriter(sql);
    this.maxPendingTerms = options.maxPendingTerms ?? MAX_PENDING_TERMS;
  }

  /** Writes the category counts and term statistics; call once, before the commit. */
  async finish(): Promise<void> {
    await this.writeCounts();
  }

  private async writeCounts(): Promise<void> {
    // Term statistics before the category model, the order every write path uses, so that
    // concurrent PostgreSQL transactions take their row locks in one order.
    await this.index.flush();
    await writeCategoryCounts(this.sql, this.counts);
    this.counts.clear();
  }

  // PostgreSQL writes the counts once, in finish, because writing them several times in one
  // transaction would take row locks out of the sorted order that prevents deadlocks.
  private async writeCountsIfLarge(): Promise<void> {
    if (this.sql.dialect !== 'sqlite') return;
    if (this.index.pendingTerms + this.counts.termCount < this.maxPendingTerms) return;
    await this.writeCounts();
  }

  /** Creates or updates the source row and returns its id and the hashes of its cases. */
  async openSource(
    name: string,
    header: ArchiveHeader,
  ): Promise<{ id: number; existing: Map<string, ExistingCase> }> {
    await this.sql.run(
      `INSERT INTO sources (name, title, part, preamble, imported_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET title = excluded.title, part = excluded.part,
         preamble = excluded.preamble, imported_at = excluded.imported_at`,
      [name, header.title, header.part, header.preamble, this.now],
    );
    const { id } = (await this.sql.get<{ id: number }>('SELECT id FROM sources WHERE name = ?', [
      name,
    ]))!;

    const existing = new Map<string, ExistingCase>();
    const rows = await this.sql.all<{ id: number; ref: string; content_hash: string }>(
      'SELECT id, ref, content_hash FROM cases WHERE source_id = ?',
      [id],
    );
    for (const row of rows) existing.set(row.ref, { id: row.id, hash: row.content_hash });
    return { id, existing };
  }

  /** Adds the term counts of cases that are written with `counted` set. */
  addCounts(counts: GatheredCounts): void {
    this.index.addTermCounts(counts.documents);
    this.counts.merge(counts.categories);
  }

  /** Counts a case whose hash matched the stored one. */
  skipUnchanged(): void {
    this.totals.unchanged += 1;
  }

  /**
   * Inserts a new case or replaces a changed one. `previous` carries the stored version's
   * category and model terms, which leave the category model before the new ones enter it.
   */
  async write(
    sourceId: number,
    prepared: PreparedCase,
    existing?: ExistingCase,
    previous?: PreviousCase,
  ): Promise<void> {
    const { record, knowledge } = prepared;
    const details = prepared.details ?? {};
    const sql = this.sql;
    const answered = record.turns.some((turn) => turn.role === 'agent');
    const status = details.status ?? (answered ? 'answered' : 'unanswered');
    // Archive refs are `Q<n>`; transcript refs carry their own ids, so take the first digits.
    // Digits past the range of a PostgreSQL integer (a timestamp in an id) give 0.
    const digits = Number.parseInt(/\d+/.exec(record.ref)?.[0] ?? '0', 10);
    const number = digits <= MAX_RECORD_NUMBER ? digits : 0;
    const fields = [
      record.title,
      record.product,
      record.type,
      record.description,
      record.answer,
      record.rootCause,
      knowledge.rootCauseCode,
      knowledge.rootCauseConfidence,
      knowledge.needsHuman ? 1 : 0,
      JSON.stringify(knowledge.needsHumanReasons),
      details.openedAt ?? null,
      details.firstResponseSeconds ?? null,
      details.durationSeconds ?? null,
      details.categorySource ?? 'archive',
      details.categoryNote ?? null,
    ];

    let caseId: number;
    if (existing) {
      caseId = existing.id;
      await sql.run(UPDATE_CASE, [...fields, status, prepared.hash, this.now, caseId]);
      await sql.run('DELETE FROM messages WHERE case_id = ?', [caseId]);
      if (previous) await this.index.remove(caseId, previous.document);
      else await this.index.removeRow(caseId);
      if (previous?.counted) this.counts.add(previous, previous.categoryTerms, -1);
      await sql.run('DELETE FROM vault_entries WHERE case_id = ?', [caseId]);
      this.totals.updated += 1;
    } else {
      caseId = await insertCase(sql, [
        sourceId,
        record.ref,
        number,
        ...fields,
        status,
        prepared.hash,
        this.now,
        this.now,
      ]);
      this.totals.imported += 1;
    }

    await insertMessages(sql, caseId, record.turns);
    for (const value of prepared.sealed ?? []) {
      await sql.run(
        'INSERT INTO vault_entries (case_id, placeholder, type, sealed, created_at) VALUES (?, ?, ?, ?, ?)',
        [caseId, value.placeholder, value.type, value.sealed, this.now],
      );
    }
    if (prepared.counted) {
      await this.index.insertRow(caseId, prepared.document);
    } else {
      await this.index.add(caseId, prepared.document);
      // A predicted category is the model's own output; counting it would teach the model itself.
      if (details.categorySource !== 'predicted') {
        this.counts.add(record, prepared.categoryTerms, 1);
      }
    }
    await this.writeCountsIfLarge();
  }
}

/** The stored version of a changed case, as far as the category model needs it. */
export interface PreviousCase {
  product: string;
  type: string;
  categoryTerms: string[];
  /** False when the stored category was predicted, so its terms never entered the model. */
  counted: boolean;
  /** The document the case is indexed with, so its terms leave the term statistics. */
  document: SearchDocument;
}

const INSERT_CASE = `INSERT INTO cases (source_id, ref, number, title, product, type, description,
    answer, root_cause_text, root_cause_code, root_cause_confidence, needs_human,
    needs_human_reasons, opened_at, first_response_seconds, duration_seconds, category_source,
    category_note, status, content_hash, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const UPDATE_CASE = `UPDATE cases SET title = ?, product = ?, type = ?, description = ?,
    answer = ?, root_cause_text = ?, root_cause_code = ?, root_cause_confidence = ?,
    needs_human = ?, needs_human_reasons = ?, opened_at = ?, first_response_seconds = ?,
    duration_seconds = ?, category_source = ?, category_note = ?, status = ?, content_hash = ?,
    updated_at = ?
  WHERE id = ?`;

// On SQLite 3.53, an INSERT with RETURNING or with several rows runs in a statement savepoint,
// and FTS5 writes its pending terms to disk at each savepoint. In a 10,000-case import on two
// vCPUs, that made a case insert take about 0.14 ms instead of 0.014 ms. So on SQLite each case
// and each message is inserted by a one-row statement, which costs no round trip there.
async function insertCase(sql: SqlExecutor, params: unknown[]): Promise<number> {
  if (sql instanceof SqliteExecutor) return sql.insertNow(INSERT_CASE, params);
  return (await sql.get<{ id: number }>(`${INSERT_CASE} RETURNING id`, params))!.id;
}

// PostgreSQL takes the messages of a case in one multi-row statement, which saves a round trip
// per turn. 200 rows of 4 values stay far below its limit on bound parameters.
const MESSAGE_ROWS = 200;

async function insertMessages(
  sql: SqlExecutor,
  caseId: number,
  turns: ReadonlyArray<{ role: string; text: string }>,
): Promise<void> {
  if (sql instanceof SqliteExecutor) {
    for (const [seq, turn] of turns.entries()) {
      sql.insertNow('INSERT INTO messages (case_id, seq, role, text) VALUES (?, ?, ?, ?)', [
        caseId,
        seq,
        turn.role,
        turn.text,
      ]);
    }
    return;
  }
  for (let start = 0; start < turns.length; start += MESSAGE_ROWS) {
    const chunk = turns.slice(start, start + MESSAGE_ROWS);
    const values = chunk.map(() => '(?, ?, ?, ?)').join(', ');
    const params = chunk.flatMap((turn, i) => [caseId, start + i, turn.role, turn.text]);
    await sql.run(`INSERT INTO messages (case_id, seq, role, text) VALUES ${values}`, params);
  }
}
