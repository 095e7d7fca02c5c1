import type { CaseRecord, Turn } from '../ingest/record.js';
import type { Store } from './open.js';
import type { SqlParams } from './sql-executor.js';

/** A stored case: the archive record plus its database id. */
export interface StoredCase extends CaseRecord {
  id: number;
  status: string;
  /** Inferred root-cause code, or null when the evidence was too weak. */
  rootCauseCode: string | null;
  needsHuman: boolean;
  needsHumanReasons: string[];
  /** When the case was first imported (ISO 8601). */
  createdAt: string;
  /** When the conversation started, when the source gave a time. */
  openedAt: string | null;
}

interface CaseRow {
  id: number;
  source: string;
  ref: string;
  title: string;
  product: string;
  type: string;
  description: string;
  answer: string;
  root_cause_text: string;
  status: string;
  root_cause_code: string | null;
  needs_human: number;
  needs_human_reasons: string | null;
  created_at: string;
  opened_at: string | null;
}

// The columns every loader reads, with the source's name. The queries are plain SQL through the
// executor, which keeps each prepared statement, where the query builder compiles and prepares
// every call: at 100k cases that took 1.1 ms of each triage.
const SELECT_CASES = `SELECT cases.id, sources.name AS source, cases.ref, cases.title,
  cases.product, cases.type, cases.description, cases.answer, cases.root_cause_text, cases.status,
  cases.root_cause_code, cases.needs_human, cases.needs_human_reasons, cases.created_at,
  cases.opened_at
  FROM cases JOIN sources ON sources.id = cases.source_id`;

/** Loads the cases that `condition` selects (its `?` markers bound to `params`), with turns. */
async function selectCases(
  store: Store,
  condition: string,
  params: SqlParams,
): Promise<StoredCase[]> {
  const rows = await store.sql.all<CaseRow>(`${SELECT_CASES} WHERE ${condition}`, params);
  return attachTurns(store, rows);
}

/** Returns `count` parameter markers for an IN list: `?, ?, ?`. */
function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

async function attachTurns(store: Store, rows: CaseRow[]): Promise<StoredCase[]> {
  if (rows.length === 0) return [];
  // Internal notes are agent-only remarks, not part of the dialogue that search snippets,
  // triage, export and FAQ mining read.
  const messages = await store.sql.all<{ case_id: number; role: Turn['role']; text: string }>(
    `SELECT case_id, role, text FROM messages
     WHERE internal = 0 AND case_id IN (${placeholders(rows.length)})
     ORDER BY case_id, seq`,
    rows.map((row) => row.id),
  );

  const turnsByCase = new Map<number, Turn[]>();
  for (const message of messages) {
    const turns = turnsByCase.get(message.case_id) ?? [];
    turns.push({ role: message.role, text: message.text });
    turnsByCase.set(message.case_id, turns);
  }

  return rows.map((row) => ({
    id: row.id,
    source: row.source,
    ref: row.ref,
    title: row.title,
    product: row.product,
    type: row.type,
    description: row.description,
    answer: row.answer,
    rootCause: row.root_cause_text,
    status: row.status,
    rootCauseCode: row.root_cause_code,
    needsHuman: row.needs_human === 1,
    needsHumanReasons: row.needs_human_reasons
      ? (JSON.parse(row.needs_human_reasons) as string[])
      : [],
    createdAt: row.created_at,
    openedAt: row.opened_at,
    turns: turnsByCase.get(row.id) ?? [],
  }));
}

/** Loads cases by id, in the order of `ids`; ids that do not exist are left out. */
export async function loadCases(store: Store, ids: number[]): Promise<StoredCase[]> {
  if (ids.length === 0) return [];
  const cases = await selectCases(store, `cases.id IN (${placeholders(ids.length)})`, ids);
  const byId = new Map(cases.map((c) => [c.id, c]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Finds one case by its source file name and ref, such as `support-records-part14.md` and `Q5`. */
export async function findCase(
  store: Store,
  source: string,
  ref: string,
): Promise<StoredCase | undefined> {
  const [found] = await selectCases(store, 'sources.name = ? AND cases.ref = ?', [source, ref]);
  return found;
}

/** Options of {@link iterateCases}. */
export interface IterateOptions {
  /** Only cases of this source file name. */
  source?: string;
  /** Cases fetched per query. */
  batchSize?: number;
  /**
   * Only cases whose category the category model counts: not those whose category the model
   * itself predicted (a portal case without one, a transcript).
   */
  countedOnly?: boolean;
}

/**
 * Yields every case in id order, which is the order cases were first imported, a batch at a
 * time so memory stays flat.
 */
export async function* iterateCases(
  store: Store,
  options: IterateOptions = {},
): AsyncGenerator<StoredCase> {
  const batchSize = options.batchSize ?? 500;
  let afterId = 0;

  let condition = 'cases.id > ?';
  const filters: string[] = [];
  if (options.source) {
    condition += ' AND sources.name = ?';
    filters.push(options.source);
  }
  if (options.countedOnly) {
    condition += ' AND (cases.category_source IS NULL OR cases.category_source != ?)';
    filters.push('predicted');
  }

  for (;;) {
    const cases = await selectCases(store, `${condition} ORDER BY cases.id LIMIT ?`, [
      afterId,
      ...filters,
      batchSize,
    ]);
    if (cases.length === 0) return;

    yield* cases;
    afterId = cases[cases.length - 1]!.id;
  }
}

/** Counts all stored cases. */
export async function countCases(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
