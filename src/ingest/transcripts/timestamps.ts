import type { MessageTime } from './conversation.js';

/**
 * UTC offset given to timestamps that state none. The support team works in China Standard Time,
 * which is UTC+08:00 all year because China has no daylight saving time.
 */
export const DEFAULT_UTC_OFFSET_MINUTES = 8 * 60;

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const OFFSET_MS = DEFAULT_UTC_OFFSET_MINUTES * MINUTE_MS;

// `2024-10-07 11:21:36`, `2024/10/07 11:21`, `2024-10-07T11:21:36.250+08:00`, `2024-10-07`.
const DATE_TIME =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const TIME_OF_DAY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
// Unix time in seconds (10 digits, years 2001 to 2286) or in milliseconds (13 digits).
const UNIX_SECONDS = /^\d{10}$/;
const UNIX_MILLISECONDS = /^\d{13}$/;

/** Summary of the accepted timestamp forms, for error messages. */
export const TIMESTAMP_FORMS =
  '`2024-10-07 11:21:36`, ISO 8601 such as `2024-10-07T11:21:36+08:00`, `11:21` or Unix seconds';

/**
 * Parses a timestamp. Accepts a date with an optional time (`-`, `/` or `.` between date parts,
 * a space or `T` before the time, an optional `Z` or `±hh:mm` offset), a time of day alone, and
 * Unix time in seconds or milliseconds. A date without an offset is read as UTC+08:00. Returns
 * null when the text has none of these forms or names a day or time that does not exist.
 */
export function parseTimestamp(value: string | number): MessageTime | null {
  const text = String(value).trim();

  if (UNIX_SECONDS.test(text)) return { epochMs: Number(text) * 1000, hasDate: true };
  if (UNIX_MILLISECONDS.test(text)) return { epochMs: Number(text), hasDate: true };

  const time = TIME_OF_DAY.exec(text);
  if (time !== null) {
    const ms = timeOfDayMs(time[1], time[2], time[3]);
    return ms === null ? null : { epochMs: ms, hasDate: false };
  }

  const match = DATE_TIME.exec(text);
  if (match === null) return null;
  return parseDateTime(match);
}

function parseDateTime(match: RegExpExecArray): MessageTime | null {
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const dayMs = dateMs(Number(year), Number(month), Number(day));
  const ms = hour === undefined ? 0 : timeOfDayMs(hour, minute, second);
  const offset = zone === undefined ? OFFSET_MS : parseOffsetMs(zone);
  if (dayMs === null || ms === null || offset === null) return null;

  // Only milliseconds are kept from a fraction such as `.123456`.
  const fractionMs = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  return { epochMs: dayMs + ms + fractionMs - offset, hasDate: true };
}

function dateMs(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1) return null;

  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2024-02-30 over to March 1, so a changed month means the day does not exist.
  if (new Date(ms).getUTCMonth() !== month - 1) return null;
  return ms;
}

function timeOfDayMs(hour: string, minute: string, second: string | undefined): number | null {
  const h = Number(hour);
  const m = Number(minute);
  const s = second === undefined ? 0 : Number(second);
  if (h > 23 || m > 59 || s > 59) return null;

  return ((h * 60 + m) * 60 + s) * 1000;
}

function parseOffsetMs(zone: string): number | null {
  if (zone.toUpperCase() === 'Z') return 0;

  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 14 || minutes > 59) return null;

  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (hours * 60 + minutes) * MINUTE_MS;
}

/**
 * Places times of day on a timeline. A time of day takes the calendar day (in UTC+08:00) of the
 * latest dated time before it, or of `start`. It moves to the next day when it would come before
 * the previous message, because a chat that passes midnight goes from `23:58` to `00:03`. When no
 * date is known, times of day stay relative to midnight and keep `hasDate: false`.
 */
export function anchorTimesOfDay(
  times: readonly (MessageTime | null)[],
  start: MessageTime | null,
): (MessageTime | null)[] {
  let dayStart = start?.hasDate ? chinaMidnight(start.epochMs) : null;
  let previous: number | null = null;

  return times.map((time) => {
    if (time === null) return null;
    if (time.hasDate) {
      dayStart = chinaMidnight(time.epochMs);
      previous = time.epochMs;
      return time;
    }

    let epochMs = (dayStart ?? 0) + time.epochMs;
    if (previous !== null && epochMs < previous) epochMs += DAY_MS;
    previous = epochMs;
    return { epochMs, hasDate: dayStart !== null };
  });
}

function chinaMidnight(epochMs: number): number {
  const local = epochMs + OFFSET_MS;
  const sinceMidnight = ((local % DAY_MS) + DAY_MS) % DAY_MS;
  return local - sinceMidnight - OFFSET_MS;
}

/** Formats a dated time as an ISO 8601 string in UTC, or returns null for a time of day. */
export function toIsoString(time: MessageTime | null): string | null {
  if (time === null || !time.hasDate) return null;
  return new Date(time.epochMs).toISOString();
}
