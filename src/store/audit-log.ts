import type { Store } from './open.js';
import type { SqlExecutor } from './sql-executor.js';

/**
 * Actions the audit log records. `value.reveal` is written when an agent is shown a vaulted
 * original value; any new path that reveals one must write it too.
 */
export const AUDIT_ACTIONS = [
  'case.reply',
  'case.note',
  'case.status',
  'case.category',
  'value.reveal',
  'archive.import',
  'archive.export',
  'user.create',
  'user.update',
  'token.create',
  'token.revoke',
  'faq.review',
  'faq.edit',
  'faq.mine',
  'search.reindex',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One audit entry to write. `details` contains ids and old and new values, never message text. */
export interface AuditEntry {
  actorId: number | null;
  tokenId?: number | null;
  action: AuditAction;
  targetType: 'case' | 'user' | 'token' | 'faq' | 'archive';
  targetId?: string | number | null;
  details?: Record<string, unknown>;
}

/** A stored audit entry. */
export interface AuditRecord {
  id: number;
  at: string;
  actorId: number | null;
  actorEmail: string | null;
  tokenId: number | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
}

/** Filters of {@link listAuditLog}. */
export interface AuditFilter {
  action?: string;
  actorId?: number;
  targetType?: string;
  targetId?: string;
}

/**
 * Writes an audit entry with the executor of the transaction of the change it records, so both
 * are stored or neither.
 */
export async function recordAudit(sql: SqlExecutor, entry: AuditEntry): Promise<void> {
  await sql.run(
    `INSERT INTO audit_log (at, actor_id, token_id, action, target_type, target_id, details)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [
      new Date().toISOString(),
      entry.actorId,
      entry.tokenId ?? null,
      entry.action,
      entry.targetType,
      entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId),
      JSON.stringify(entry.details ?? {}),
    ],
  );
}

/** Lists audit entries, newest first, with the actor's e-mail address. */
export async function listAuditLog(
  store: Store,
  options: { filter: AuditFilter; offset: number; limit: number },
): Promise<{ items: AuditRecord[]; total: number }> {
  const { filter } = options;
  let query = store.db.selectFrom('audit_log').leftJoin('users', 'users.id', 'audit_log.actor_id');
  if (filter.action) query = query.where('audit_log.action', '=', filter.action);
  if (filter.actorId) query = query.where('audit_log.actor_id', '=', filter.actorId);
  if (filter.targetType) query = query.where('audit_log.target_type', '=', filter.targetType);
  if (filter.targetId) query = query.where('audit_log.target_id', '=', filter.targetId);

  const rows = await query
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.actor_id',
      'users.email',
      'audit_log.token_id',
      'audit_log.action',
      'audit_log.target_type',
      'audit_log.target_id',
      'audit_log.details',
    ])
    .orderBy('audit_log.id', 'desc')
    .offset(options.offset)
    .limit(options.limit)
    .execute();
  const count = await query
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();

  const items = rows.map((row) => ({
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorEmail: row.email,
    tokenId: row.token_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
  }));
  return { items, total: Number(count.total) };
}
