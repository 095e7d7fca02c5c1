/** A unit of the time chart's axis and its length in seconds. */
export interface DurationUnit {
  name: 'second' | 'minute' | 'hour' | 'day';
  seconds: number;
}

/** Units of the time chart's axis, shortest first. */
export const DURATION_UNITS: readonly DurationUnit[] = [
  { name: 'second', seconds: 1 },
  { name: 'minute', seconds: 60 },
  { name: 'hour', seconds: 3600 },
  { name: 'day', seconds: 86_400 },
];

/**
 * Picks the longest unit in which the largest of `values` (in seconds, nulls skipped) is at
 * least 1. So the tallest bar reads as 1 to 60 minutes rather than 0.02 hours. Returns seconds
 * when every value is under a minute or missing.
 */
export function pickDurationUnit(values: ReadonlyArray<number | null>): DurationUnit {
  const largest = Math.max(0, ...values.filter((value): value is number => value !== null));
  let unit = DURATION_UNITS[0]!;
  for (const candidate of DURATION_UNITS) if (largest >= candidate.seconds) unit = candidate;
  return unit;
}
