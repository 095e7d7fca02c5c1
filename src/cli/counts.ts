import { CliError } from './io.js';

/**
 * Reads the value of a count option such as `--limit`: digits only, at least `min`. Anything
 * else, `1.5`, `1e1` and `2abc` included, is invalid usage, so a typo is not cut to a number.
 */
export function parseCount(value: string, option: string, min = 1): number {
  const count = Number(value);
  if (/^\d+$/.test(value) && Number.isSafeInteger(count) && count >= min) return count;
  const expected = min === 1 ? 'a positive integer' : `an integer of at least ${min}`;
  throw new CliError(`Invalid ${option} "${value}": expected ${expected}.`, 2);
}
