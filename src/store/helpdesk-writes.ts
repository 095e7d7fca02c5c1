import type { ArchiveHeader } from '../ingest/record.js';
import { forUpdate, type SqlExecutor } from './sql-executor.js';

// Statements of the helpdesk's write paths. Each takes the executor of the transaction it runs
// in, so the change, its re-indexing and its audit entry are stored together or not at all.

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
export async function ensureSource(
  sql: SqlExecutor,
  name: string,
  header: ArchiveHeader,
): Promise<number> {
  await sql.run(
    `INSERT INTO sources (name, title, part, preamble, imported_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO NOTHING`,
    [name, header.title, header.part, header.preamble, new Date().toISOString()],
  );
  const row = await sql.get(`SELECT id FROM sources WHERE name = ?${forUpdate(sql)}`, [name]);
  return (row as { id: number }).id;
}

/** Returns the next free case number of a source: one more than the highest in use. */
export async function nextCaseNumber(sql: SqlExecutor, sourceId: number): Promise<number> {
  const row = (await sql.get('SELECT max(number) AS n FROM cases WHERE source_id = ?', [
    sourceId,
  ])) as { n: number | null };
  return (row.n ?? 0) + 1;
}

/** Finds the id of a case by source and ref. */
export async function caseIdByRef(
  sql: SqlExecutor,
  sourceId: number,
  ref: string,
): Promise<number | undefined> {
  const row = (await sql.get('SELECT id FROM cases WHERE source_id = ? AND ref = ?', [
    sourceId,
    ref,
  ])) as { id: number } | undefined;
  return row?.id;
}

/** Stores what CaseWriter does not know about a case opened through the API. */
export async function setNewCaseFields(
  sql: SqlExecutor,
  caseId: number,
  fields: {
    channel: string;
    customerId: number | null;
    categorySource: string;
    authorId: number | null;
    at: string;
  },
): Promise<void> {
  await sql.run(
    `UPDATE cases SET channel = ?, customer_id = ?, category_source = ?, opened_at = ?,
         last_message_at = ?, created_at = ?, updated_at = ? WHERE id = ?`,
    [
      fields.channel,
      fields.customerId,
      fields.categorySource,
      fields.at,
      fields.at,
      fields.at,
      fields.at,
      caseId,
    ],
  );
  await sql.run('UPDATE messages SET author_id = ?, created_at = ? WHERE case_id = ?', [
    fields.authorId,
    fields.at,
    caseId,
  ]);
}

/** Reads the state of a case, or undefined when the id is unknown. */
export async function readCaseState(
  sql: SqlExecutor,
  caseId: number,
): Promise<CaseState | undefined> {
  const row = (await sql.get(
    `SELECT id, status, customer_id, channel, product, type, category_source, created_at,
         opened_at, first_response_at FROM cases WHERE id = ?${forUpdate(sql)}`,
    [caseId],
  )) as Record<string, unknown> | undefined;
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
export async function readCaseTexts(sql: SqlExecutor, caseId: number): Promise<string[]> {
  const row = (await sql.get(
    'SELECT title, description, answer, root_cause_text FROM cases WHERE id = ?',
    [caseId],
  )) as Record<string, string> | undefined;
  if (!row) return [];
  const messages = (await sql.all('SELECT text FROM messages WHERE case_id = ?', [
    caseId,
  ])) as Array<{ text: string }>;
  return [row.title!, row.description!, row.answer!, row.root_cause_text!].concat(
    messages.map((message) => message.text),
  );
}

/** Appends a message after the last one of its case and returns its id and position. */
export async function appendMessage(
  sql: SqlExecutor,
  message: NewMessage,
): Promise<{ id: number; seq: number }> {
  const last = (await sql.get('SELECT max(seq) AS seq FROM messages WHERE case_id = ?', [
    message.caseId,
  ])) as { seq: number | null };
  const seq = (last.seq ?? -1) + 1;
  const row = (await sql.get(
    `INSERT INTO messages (case_id, seq, role, text, author_id, created_at, internal)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [
      message.caseId,
      seq,
      message.role,
      message.text,
      message.authorId,
      message.createdAt,
      message.internal ? 1 : 0,
    ],
  )) as { id: number };
  return { id: row.id, seq };
}

/**
 * Rebuilds the case's answer section from its visible agent messages, as the archive format
 * defines it: the agent turns joined by spaces.
 */
export async function refreshAnswer(sql: SqlExecutor, caseId: number): Promise<void> {
  const rows = (await sql.all(
    `SELECT text FROM messages WHERE case_id = ? AND role = 'agent' AND internal = 0
       ORDER BY seq`,
    [caseId],
  )) as Array<{ text: string }>;
  await sql.run('UPDATE cases SET answer = ? WHERE id = ?', [
    rows.map((row) => row.text).join(' '),
    caseId,
  ]);
}

/** Records a visible message: its time, the new status, and the first response when it is one. */
export async function recordActivity(
  sql: SqlExecutor,
  caseId: number,
  activity: { at: string; status: string; firstResponseSeconds?: number },
): Promise<void> {
  await sql.run(
    `UPDATE cases SET last_message_at = ?, status = ?, updated_at = ?,
         resolved_at = CASE WHEN ? IN ('resolved', 'closed') THEN resolved_at END
       WHERE id = ?`,
    [activity.at, activity.status, activity.at, activity.status, caseId],
  );
  if (activity.firstResponseSeconds === undefined) return;
  await sql.run(
    `UPDATE cases SET first_response_at = ?, first_response_seconds = ?
       WHERE id = ? AND first_response_at IS NULL`,
    [activity.at, activity.firstResponseSeconds, caseId],
  );
}

/** Sets the status; `resolved` and `closed` stamp the resolution time, other values clear it. */
export async function setCaseStatus(
  sql: SqlExecutor,
  caseId: number,
  status: string,
  at: string,
): Promise<void> {
  const resolved = status === 'resolved' || status === 'closed';
  await sql.run(
    `UPDATE cases SET status = ?, updated_at = ?,
         resolved_at = CASE WHEN ? = 1 THEN coalesce(resolved_at, ?) END WHERE id = ?`,
    [status, at, resolved ? 1 : 0, at, caseId],
  );
}

/** Overrides the category of a case, marking an agent as its source. */
export async function setCaseCategory(
  sql: SqlExecutor,
  caseId: number,
  category: { product: string; type: string },
): Promise<void> {
  await sql.run(
    `UPDATE cases SET product = ?, type = ?, category_source = 'agent', updated_at = ?
       WHERE id = ?`,
    [category.product, category.type, new Date().toISOString(), caseId],
  );
}

/** Stores vault-sealed values of new placeholders of a case. */
export async function insertSealedValues(
  sql: SqlExecutor,
  caseId: number,
  values: ReadonlyArray<{ placeholder: string; type: string; sealed: string }>,
): Promise<void> {
  const now = new Date().toISOString();
  for (const value of values) {
    await sql.run(
      `INSERT INTO vault_entries (case_id, placeholder, type, sealed, created_at)
       VALUES (?, ?, ?, ?, ?)`,
      [caseId, value.placeholder, value.type, value.sealed, now],
    );
  }
}
