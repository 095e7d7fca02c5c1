import { createHash } from 'node:crypto';
import type { Store } from './open.js';
import type { TablePlan } from './copy-plan.js';
import { readTablePages } from './table-rows.js';

/** Row count and content digest of one table. */
export interface TableChecksum {
  rows: number;
  /** SHA-256, in hex, of the encoded rows in primary-key order. */
  checksum: string;
}

/**
 * Encodes a value so that equal data gives equal text on SQLite and PostgreSQL. Numbers take
 * their shortest JavaScript form, so a SQLite REAL 2.0 encodes as `2` like a PostgreSQL
 * integer. Strings become JSON and NULL becomes `null`.
 */
export function encodeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (Buffer.isBuffer(value)) return `x'${value.toString('hex')}'`;
  throw new TypeError(`Cannot encode a value of type ${typeof value} for a checksum.`);
}

/**
 * Counts a table's rows and hashes them in primary-key order, each row encoded value by value
 * in the plan's column order and ended by a newline.
 */
export async function checksumTable(
  store: Store,
  plan: TablePlan,
  pageSize = 1000,
): Promise<TableChecksum> {
  const hash = createHash('sha256');
  let rows = 0;
  for await (const page of readTablePages(store, plan, pageSize)) {
    for (const row of page) hash.update(`${row.map(encodeValue).join(',')}\n`);
    rows += page.length;
  }
  return { rows, checksum: hash.digest('hex') };
}
