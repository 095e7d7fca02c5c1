import type { Bucket } from '../api/dashboard';

/** Most periods drawn on the volume chart's axis; beyond this, empty periods are left out. */
export const MAX_AXIS_PERIODS = 370;

/** Returns the first day (`YYYY-MM-DD`) of the period after the one starting at `period`. */
export function nextPeriod(period: string, bucket: Bucket): string {
  const date = new Date(`${period}T00:00:00Z`);
  if (bucket === 'day') date.setUTCDate(date.getUTCDate() + 1);
  else if (bucket === 'week') date.setUTCDate(date.getUTCDate() + 7);
  else date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
}

/** Returns the first day of the period that contains `day` (`YYYY-MM-DD`); weeks start on Monday. */
export function periodStart(day: string, bucket: Bucket): string {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (bucket === 'week') date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  if (bucket === 'month') date.setUTCDate(1);
  return date.toISOString().slice(0, 10);
}

/**
 * Lists every period from the start of the range (or the first of `periods`) to its end (or
 * the last of `periods`), so empty periods show as gaps instead of vanishing from the axis.
 * `periods` are sorted start days. Past {@link MAX_AXIS_PERIODS} only `periods` are returned.
 * NOTE: the API cuts periods at UTC midnight while the range is in local days, so in Beijing
 * time a case opened before 08:00 counts in the previous day's period.
 */
export function fillPeriods(
  periods: readonly string[],
  bucket: Bucket,
  range: { from?: string; to?: string },
): string[] {
  const first = range.from ? periodStart(range.from, bucket) : periods[0];
  const last = range.to ? periodStart(range.to, bucket) : periods[periods.length - 1];
  if (!first || !last) return [...periods];

  const filled = new Set<string>(periods);
  for (let period = first; period <= last; period = nextPeriod(period, bucket)) {
    filled.add(period);
    if (filled.size > MAX_AXIS_PERIODS) return [...periods];
  }
  return [...filled].sort();
}
