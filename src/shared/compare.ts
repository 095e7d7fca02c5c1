/**
 * Orders strings by UTF-16 code unit, the same order on every machine and locale. Writers sort
 * the rows they upsert with it, so concurrent PostgreSQL transactions take row locks in one order.
 */
export function compareText(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/** Orders [key, value] pairs by key with {@link compareText}. */
export function byKey<Value>(a: readonly [string, Value], b: readonly [string, Value]): number {
  return compareText(a[0], b[0]);
}
