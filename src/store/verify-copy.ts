import type { Store } from './open.js';
import type { TablePlan } from './copy-plan.js';
import { checksumTable } from './table-checksum.js';

/** The result of comparing one table between the source and the target. */
export interface TableComparison {
  name: string;
  /** Rows in the source. */
  rows: number;
  /** Checksum of the source rows. */
  checksum: string;
  /** True when the target has the same row count and checksum. */
  ok: boolean;
  /** Rows in the target, given only when they differ from the source. */
  targetRows?: number;
  /** Checksum of the target rows, given only when it differs from the source. */
  targetChecksum?: string;
}

/**
 * Counts and hashes every planned table on both sides, the same way, and reports which tables
 * differ. Each table is read from both databases at the same time.
 */
export async function compareTables(
  source: Store,
  target: Store,
  plans: readonly TablePlan[],
): Promise<TableComparison[]> {
  const comparisons: TableComparison[] = [];
  for (const plan of plans) {
    const [expected, found] = await Promise.all([
      checksumTable(source, plan),
      checksumTable(target, plan),
    ]);
    const ok = expected.rows === found.rows && expected.checksum === found.checksum;
    const comparison: TableComparison = { name: plan.name, ...expected, ok };
    if (!ok) {
      comparison.targetRows = found.rows;
      comparison.targetChecksum = found.checksum;
    }
    comparisons.push(comparison);
  }
  return comparisons;
}
