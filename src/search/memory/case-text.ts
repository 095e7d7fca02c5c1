import type { SqlExecutor } from '../../store/sql-executor.js';
import type { Turn } from '../../ingest/record.js';
import type { CaseText } from './segment-case.js';

/**
 * Reads the stored text that cases' search documents are built from: title, description, the
 * `客服解答` section and the dialogue without internal notes, as the import and the re-indexing of a case
 * read it. Cases that do not exist are left out.
 */
export async function readCaseTexts(sql: SqlExecutor, ids: number[]): Promise<CaseText[]> {
  if (ids.length === 0) return [];
  const marks = ids.map(() => '?').join(', ');
  const rows = await sql.all<Omit<CaseText, 'turns'>>(
    `SELECT id, title, description, answer FROM cases WHERE id IN (${marks}) ORDER BY id`,
    ids,
  );
  // By id, not by id range: changed cases lie anywhere, and the range between two of them can
  // span most of the messages table.
  const turns = await sql.all<TurnRow>(
    `SELECT case_id, role, text FROM messages
     WHERE case_id IN (${marks}) AND internal = 0 ORDER BY case_id, seq`,
    ids,
  );
  return attachTurns(rows, turns);
}

/** Reads up to `limit` cases with ids above `afterId`, in id order. */
export async function readCaseTextsAfter(
  sql: SqlExecutor,
  afterId: number,
  limit: number,
): Promise<CaseText[]> {
  const rows = await sql.all<Omit<CaseText, 'turns'>>(
    'SELECT id, title, description, answer FROM cases WHERE id > ? ORDER BY id LIMIT ?',
    [afterId, limit],
  );
  if (rows.length === 0) return [];
  // The cases are consecutive, so one range scan of the messages finds their turns.
  const turns = await sql.all<TurnRow>(
    `SELECT case_id, role, text FROM messages
     WHERE case_id >= ? AND case_id <= ? AND internal = 0 ORDER BY case_id, seq`,
    [rows[0]!.id, rows[rows.length - 1]!.id],
  );
  return attachTurns(rows, turns);
}

type TurnRow = Turn & { case_id: number };

function attachTurns(rows: Array<Omit<CaseText, 'turns'>>, turns: TurnRow[]): CaseText[] {
  const byCase = new Map<number, Turn[]>();
  for (const turn of turns) {
    let list = byCase.get(turn.case_id);
    if (!list) byCase.set(turn.case_id, (list = []));
    list.push({ role: turn.role, text: turn.text });
  }
  return rows.map((row) => ({ ...row, turns: byCase.get(row.id) ?? [] }));
}
