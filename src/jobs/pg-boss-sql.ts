// NOTE: these statements read and write pg-boss's own `job` table, whose layout pg-boss 10
// (schema version 24 in 10.4.2) defines and a major release may change. pg-boss has no API to
// find a job by its singleton key or to fail a job without a retry.

/** SQL that returns the id of the queued or running job of a kind ($1) with a singleton key ($2). */
export function findActiveJobSql(schema: string): string {
  return `
    SELECT id FROM ${schema}.job
    WHERE name = $1 AND singleton_key = $2 AND state < 'completed'
    ORDER BY created_on
    LIMIT 1
  `;
}

/**
 * SQL that fails a running job of a kind ($1) and id ($2) for good, with the output $3, where
 * pg-boss's `fail()` would schedule a retry.
 */
export function failWithoutRetrySql(schema: string): string {
  return `
    UPDATE ${schema}.job
    SET state = 'failed', completed_on = now(), output = $3::jsonb
    WHERE name = $1 AND id = $2 AND state = 'active'
  `;
}

/** SQL that takes a transaction lock on one (kind, singleton key) pair, passed as text in $1. */
export const LOCK_SINGLETON_KEY_SQL = 'SELECT pg_advisory_xact_lock(hashtext($1))';
