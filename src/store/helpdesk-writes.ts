import type { ArchiveHeader } from '../ingest/record.js';
import type { Store } from './open.js';

// Synchronous statements of the helpdesk's write paths. They run between BEGIN and COMMIT with
// no await in between, so no other request's statement can land inside the transaction.

/** The columns of a case that the helpdesk's write paths decide on. */
export interface CaseState {
  id: number;
  status: string;
  customerId: number | null;
  channel: string;
  product: string;
  type: string;
  categorySource: string | null;
  createdAt: string;
  openedAt: string | null;
  firstResponseAt: string | null;
}

/** A message to append to a case; `text` must already be redacted. */
export interface NewMessage {
  caseId: number;
  role: 'customer' | 'agent';
  text: string;
  authorId: number | null;
  internal: boolean;
  createdAt: string;
}

/** Creates the source row for a channel such as `portal` when missing, and returns its id. */
export function ensureSource(store: Store, name: string, header: ArchiveHeader): number {
  store.sqlite
    .prepare(
      `INSERT INTO sources (name, title, part, preamble, imported_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO NOTHING`,
    )
    .run(name, header.title, header.part, header.preamble, new Date().toISOString());
  const row = store.sqlite.prepare('SELECT id FROM sources WHERE name = ?').get(name);
  return (row as { id: number }).id;
}

/** Returns the next free case number of a source: one more than the highest in use. */
export function nextCaseNumber(store: Store, sourceId: number): number {
  const row = store.sqlite
    .prepare('SELECT max(number) AS n FROM cases WHERE source_id = ?')
    .get(sourceId) as { n: number | null };
  return (row.n ?? 0) + 1;
}

/** Finds the id of a case by source and ref. */
export function caseIdByRef(store: Store, sourceId: number, ref: string): number | undefined {
  const row = store.sqlite
    .prepare('SELECT id FROM cases WHERE source_id = ? AND ref = ?')
    .get(sourceId, ref) as { id: number } | undefined;
  return row?.id;
}

/** Stores what CaseWriter does not know about a case opened through the API. */
export function setNewCaseFields(
  store: Store,
  caseId: number,
  fields: {
    channel: string;
    customerId: number | null;
    categorySource: string;
    authorId: number | null;
    at: string;
  },
): void {
  store.sqlite
    .prepare(
      `UPDATE cases SET channel = ?, customer_id = ?, category_source = ?, opened_at = ?,
         last_message_at = ?, created_at = ?, updated_at = ? WHERE id = ?`,
    )
    .run(
      fields.channel,
      fields.customerId,
      fields.categorySource,
      fields.at,
      fields.at,
      fields.at,
      fields.at,
      caseId,
    );
  store.sqlite
    .prepare('UPDATE messages SET author_id = ?, created_at = ? WHERE case_id = ?')
    .run(fields.authorId, fields.at, caseId);
}

/** Reads the state of a case, or undefined when the id is unknown. */
export function readCaseState(store: Store, caseId: number): CaseState | undefined {
  const row = store.sqlite
    .prepare(
      `SELECT id, status, customer_id, channel, product, type, category_source, created_at,
         opened_at, first_response_at FROM cases WHERE id = ?`,
    )
    .get(caseId) as Record<string, unknown> | undefined;
  if (!row) return undefined;
  return {
    id: row.id as number,
    status: row.status as string,
    customerId: row.customer_id as number | null,
    channel: row.channel as string,
    product: row.product as string,
    type: row.type as string,
    categorySource: row.category_source as string | null,
    createdAt: row.created_at as string,
    openedAt: row.opened_at as string | null,
    firstResponseAt: row.first_response_at as string | null,
  };
}

/** Returns every stored text of a case, internal notes included, to seed placeholder numbers. */
export function readCaseTexts(store: Store, caseId: number): string[] {
  const row = store.sqlite
    .prepare('SELECT title, description, answer, root_cause_text FROM cases WHERE id = ?')
    .get(caseId) as Record<string, string> | undefined;
  if (!row) return [];
  const messages = store.sqlite
    .prepare('SELECT text FROM messages WHERE case_id = ?')
    .all(caseId) as Array<{ text: string }>;
  return [row.title!, row.description!, row.answer!, row.root_cause_text!].concat(
    messages.map((message) => message.text),
  );
}

/** Appends a message after the last one of its case and returns its id and position. */
export function appendMessage(store: Store, message: NewMessage): { id: number; seq: number } {
  const last = store.sqlite
    .prepare('SELECT max(seq) AS seq FROM messages WHERE case_id = ?')
    .get(message.caseId) as { seq: number | null };
  const seq = (last.seq ?? -1) + 1;
  const row = store.sqlite
    .prepare(
      `INSERT INTO messages (case_id, seq, role, text, author_id, created_at, internal)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .get(
      message.caseId,
      seq,
      message.role,
      message.text,
      message.authorId,
      message.createdAt,
      message.internal ? 1 : 0,
    ) as { id: number };
  return { id: row.id, seq };
}

/**
 * Rebuilds the case's answer section from its visible agent messages, as the archive format
 * defines it: the agent turns joined by spaces.
 */
export function refreshAnswer(store: Store, caseId: number): void {
  const rows = store.sqlite
    .prepare(
      `SELECT text FROM messages WHERE case_id = ? AND role = 'agent' AND internal = 0
       ORDER BY seq`,
    )
    .all(caseId) as Array<{ text: string }>;
  store.sqlite
    .prepare('UPDATE cases SET answer = ? WHERE id = ?')
    .run(rows.map((row) => row.text).join(' '), caseId);
}

/** Records a visible message: its time, the new status, and the first response when it is one. */
export function recordActivity(
  store: Store,
  caseId: number,
  activity: { at: string; status: string; firstResponseSeconds?: number },
): void {
  store.sqlite
    .prepare(
      `UPDATE cases SET last_message_at = ?, status = ?, updated_at = ?,
         resolved_at = CASE WHEN ? IN ('resolved', 'closed') THEN resolved_at END
       WHERE id = ?`,
    )
    .run(activity.at, activity.status, activity.at, activity.status, caseId);
  if (activity.firstResponseSeconds === undefined) return;
  store.sqlite
    .prepare(
      `UPDATE cases SET first_response_at = ?, first_response_seconds = ?
       WHERE id = ? AND first_response_at IS NULL`,
    )
    .run(activity.at, activity.firstResponseSeconds, caseId);
}

/** Sets the status; `resolved` and `closed` stamp the resolution time, other values clear it. */
export function setCaseStatus(store: Store, caseId: number, status: string, at: string): void {
  const resolved = status === 'resolved' || status === 'closed';
  store.sqlite
    .prepare(
      `UPDATE cases SET status = ?, updated_at = ?,
         resolved_at = CASE WHEN ? THEN coalesce(resolved_at, ?) END WHERE id = ?`,
    )
    .run(status, at, resolved ? 1 : 0, at, caseId);
}

/** Overrides the category of a case, marking an agent as its source. */
export function setCaseCategory(
  store: Store,
  caseId: number,
  category: { product: string; type: string },
): void {
  store.sqlite
    .prepare(
      `UPDATE cases SET product = ?, type = ?, category_source = 'agent', updated_at = ?
       WHERE id = ?`,
    )
    .run(category.product, category.type, new Date().toISOString(), caseId);
}

/** Stores vault-sealed values of new placeholders of a case. */
export function insertSealedValues(
  store: Store,
  caseId: number,
  values: ReadonlyArray<{ placeholder: string; type: string; sealed: string }>,
): void {
  const insert = store.sqlite.prepare(
    `INSERT INTO vault_entries (case_id, placeholder, type, sealed, created_at)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const now = new Date().toISOString();
  for (const value of values) insert.run(caseId, value.placeholder, value.type, value.sealed, now);
}

/**
 * Runs `work` in an immediate transaction: the write lock is taken at BEGIN, so two instances
 * on one database file never interleave their writes.
 */
export function inWriteTransaction<T>(store: Store, work: () => T): T {
  return store.sqlite.transaction(work).immediate();
}
