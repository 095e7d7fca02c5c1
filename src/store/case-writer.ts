import type BetterSqlite3 from 'better-sqlite3';
import type { ArchiveHeader, CaseRecord } from '../ingest/record.js';
import type { SearchDocument } from '../search/document.js';
import { SearchIndexWriter } from './search-index.js';
import { forgetCaseCount } from './case-count.js';
import type { CaseKnowledge } from '../knowledge/case-knowledge.js';
import { CategoryCounts } from './category-counts.js';
import type { Store } from './open.js';

/** A redacted record with everything derived from it that the store keeps. */
export interface PreparedCase {
  record: CaseRecord;
  hash: string;
  document: SearchDocument;
  categoryTerms: string[];
  knowledge: CaseKnowledge;
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

/** Case counts of one import, by what happened to each case. */
export interface WriteCounts {
  imported: number;
  updated: number;
  unchanged: number;
}

/**
 * Writes cases into SQLite with prepared statements, inside a transaction that the caller
 * opens with {@link CaseWriter.begin} and ends with `commit` or `rollback`. The search index
 * and the category model are updated in the same transaction, so they never drift from cases.
 */
export class CaseWriter {
  private readonly sqlite: BetterSqlite3.Database;
  private readonly statements;
  private readonly index: SearchIndexWriter;
  private readonly counts = new CategoryCounts();
  private readonly now = new Date().toISOString();
  readonly totals: WriteCounts = { imported: 0, updated: 0, unchanged: 0 };

  constructor(private readonly store: Store) {
    this.sqlite = store.sqlite;
    this.statements = prepareStatements(this.sqlite);
    this.index = new SearchIndexWriter(this.sqlite);
  }

  begin(): void {
    this.sqlite.exec('BEGIN IMMEDIATE');
  }

  commit(): void {
    this.flushCategoryCounts();
    this.index.flush();
    this.sqlite.exec('COMMIT');
    forgetCaseCount(this.store);
  }

  rollback(): void {
    if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
  }

  /** Creates or updates the source row and returns its id and the hashes of its cases. */
  openSource(
    name: string,
    header: ArchiveHeader,
  ): { id: number; existing: Map<string, ExistingCase> } {
    const s = this.statements;
    s.upsertSource.run(name, header.title, header.part, header.preamble, this.now);
    const { id } = s.sourceId.get(name) as { id: number };

    const existing = new Map<string, ExistingCase>();
    for (const row of s.caseHashes.iterate(id) as Iterable<{
      id: number;
      ref: string;
      content_hash: string;
    }>) {
      existing.set(row.ref, { id: row.id, hash: row.content_hash });
    }
    return { id, existing };
  }

  /** Counts a case whose hash matched the stored one. */
  skipUnchanged(): void {
    this.totals.unchanged += 1;
  }

  /**
   * Inserts a new case or replaces a changed one. `previous` carries the stored version's
   * category and model terms, which leave the category model before the new ones enter it.
   */
  write(
    sourceId: number,
    prepared: PreparedCase,
    existing?: ExistingCase,
    previous?: PreviousCase,
  ): void {
    const { record, knowledge } = prepared;
    const details = prepared.details ?? {};
    const s = this.statements;
    const answered = record.turns.some((turn) => turn.role === 'agent');
    const status = details.status ?? (answered ? 'answered' : 'unanswered');
    // Archive refs are `Q<n>`; transcript refs carry their own ids, so take the first digits.
    const number = Number.parseInt(/\d+/.exec(record.ref)?.[0] ?? '0', 10);
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
      s.updateCase.run(...fields, status, prepared.hash, this.now, caseId);
      s.deleteMessages.run(caseId);
      if (previous) this.index.remove(caseId, previous.document);
      else s.deleteSearch.run(caseId);
      if (previous?.counted) this.counts.add(previous, previous.categoryTerms, -1);
      this.totals.updated += 1;
    } else {
      const row = s.insertCase.get(
        sourceId,
        record.ref,
        number,
        ...fields,
        status,
        prepared.hash,
        this.now,
        this.now,
      );
      caseId = (row as { id: number }).id;
      this.totals.imported += 1;
    }

    record.turns.forEach((turn, seq) => s.insertMessage.run(caseId, seq, turn.role, turn.text));
    if (existing) s.deleteSealed.run(caseId);
    for (const value of prepared.sealed ?? []) {
      s.insertSealed.run(caseId, value.placeholder, value.type, value.sealed, this.now);
    }
    const doc = prepared.document;
    this.index.add(caseId, doc);
    // A predicted category is the model's own output; counting it would teach the model itself.
    if (details.categorySource !== 'predicted') this.counts.add(record, prepared.categoryTerms, 1);
  }

  private flushCategoryCounts(): void {
    if (this.counts.isEmpty) return;
    const s = this.statements;

    for (const [label, totals] of this.counts.categories) {
      s.upsertCategory.run(label, totals.product, totals.type, totals.documents, totals.tokens);
    }
    for (const [label, terms] of this.counts.terms) {
      for (const [term, count] of terms) {
        if (count !== 0) s.upsertTerm.run(term, label, count);
      }
    }
    this.sqlite.exec('DELETE FROM category_terms WHERE count <= 0');
    this.sqlite.exec('DELETE FROM categories WHERE documents <= 0');
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

function prepareStatements(sqlite: BetterSqlite3.Database) {
  return {
    upsertSource: sqlite.prepare(
      `INSERT INTO sources (name, title, part, preamble, imported_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET title = excluded.title, part = excluded.part,
         preamble = excluded.preamble, imported_at = excluded.imported_at`,
    ),
    sourceId: sqlite.prepare('SELECT id FROM sources WHERE name = ?'),
    caseHashes: sqlite.prepare('SELECT id, ref, content_hash FROM cases WHERE source_id = ?'),
    insertCase: sqlite.prepare(
      `INSERT INTO cases (source_id, ref, number, title, product, type, description, answer,
         root_cause_text, root_cause_code, root_cause_confidence, needs_human, needs_human_reasons,
         opened_at, first_response_seconds, duration_seconds, category_source, category_note,
         status, content_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    ),
    updateCase: sqlite.prepare(
      `UPDATE cases SET title = ?, product = ?, type = ?, description = ?, answer = ?,
         root_cause_text = ?, root_cause_code = ?, root_cause_confidence = ?, needs_human = ?,
         needs_human_reasons = ?, opened_at = ?, first_response_seconds = ?, duration_seconds = ?,
         category_source = ?, category_note = ?, status = ?, content_hash = ?, updated_at = ?
       WHERE id = ?`,
    ),
    deleteMessages: sqlite.prepare('DELETE FROM messages WHERE case_id = ?'),
    deleteSealed: sqlite.prepare('DELETE FROM vault_entries WHERE case_id = ?'),
    insertSealed: sqlite.prepare(
      'INSERT INTO vault_entries (case_id, placeholder, type, sealed, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    insertMessage: sqlite.prepare(
      'INSERT INTO messages (case_id, seq, role, text) VALUES (?, ?, ?, ?)',
    ),
    deleteSearch: sqlite.prepare('DELETE FROM case_search WHERE rowid = ?'),
    insertSearch: sqlite.prepare(
      'INSERT INTO case_search (rowid, title, description, customer, agent) VALUES (?, ?, ?, ?, ?)',
    ),
    upsertCategory: sqlite.prepare(
      `INSERT INTO categories (label, product, type, documents, tokens) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (label) DO UPDATE SET documents = documents + excluded.documents,
         tokens = tokens + excluded.tokens`,
    ),
    upsertTerm: sqlite.prepare(
      `INSERT INTO category_terms (term, label, count) VALUES (?, ?, ?)
       ON CONFLICT (term, label) DO UPDATE SET count = count + excluded.count`,
    ),
  };
}
