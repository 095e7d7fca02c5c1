import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { anchorTimesOfDay, parseTimestamp } from '../../src/ingest/transcripts/timestamps.js';

const HOUR_MS = 3_600_000;

function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0');
}

describe('parseTimestamp', () => {
  it('reads local time as UTC+08:00', () => {
    assert.equal(parseTimestamp('2024-10-07 11:21:36')?.epochMs, Date.UTC(2024, 9, 7, 3, 21, 36));
  });

  it('reads slashes and no seconds', () => {
    assert.equal(parseTimestamp('2024/10/07 11:21')?.epochMs, Date.UTC(2024, 9, 7, 3, 21));
  });

  it('reads ISO 8601 offsets', () => {
    assert.equal(parseTimestamp('2024-10-07T11:21:36Z')?.epochMs, Date.UTC(2024, 9, 7, 11, 21, 36));
    const withOffset = parseTimestamp('2024-10-07T11:21:36.250-05:00')?.epochMs;
    assert.equal(withOffset, Date.UTC(2024, 9, 7, 16, 21, 36, 250));
  });

  it('reads Unix seconds and milliseconds', () => {
    assert.equal(parseTimestamp(1728271296)?.epochMs, 1728271296000);
    assert.equal(parseTimestamp('1728271296123')?.epochMs, 1728271296123);
  });

  it('reads a time of day without date', () => {
    assert.deepEqual(parseTimestamp('11:21'), { epochMs: (11 * 60 + 21) * 60_000, hasDate: false });
  });

  for (const text of [
    '2024-02-30',
    '2023-02-29 10:00',
    '2024-10-07 24:00',
    '11:60',
    'yesterday',
    '12345',
  ]) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      assert.equal(parseTimestamp(text), null);
    });
  }

  it('reads back formatted local times', () => {
    const range = { min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) };
    fc.assert(
      fc.property(fc.integer(range), (epochSeconds) => {
        const epochMs = Math.floor(epochSeconds / 1000) * 1000;
        const local = new Date(epochMs + 8 * HOUR_MS);
        const text =
          `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ` +
          `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
        assert.deepEqual(parseTimestamp(text), { epochMs, hasDate: true });
      }),
    );
  });
});

describe('anchorTimesOfDay', () => {
  it('uses the latest dated day', () => {
    const times = anchorTimesOfDay(
      [parseTimestamp('2024-10-07 23:50'), parseTimestamp('23:55')],
      null,
    );
    assert.deepEqual(times[1], { epochMs: Date.UTC(2024, 9, 7, 15, 55), hasDate: true });
  });

  it('moves past midnight', () => {
    const times = anchorTimesOfDay(
      [parseTimestamp('2024-10-07 23:50'), parseTimestamp('00:05')],
      null,
    );
    assert.deepEqual(times[1], { epochMs: Date.UTC(2024, 9, 7, 16, 5), hasDate: true });
  });

  it('stays relative without a date', () => {
    const times = anchorTimesOfDay([parseTimestamp('09:00'), null, parseTimestamp('09:30')], null);
    assert.deepEqual(times, [
      { epochMs: 9 * HOUR_MS, hasDate: false },
      null,
      { epochMs: 9.5 * HOUR_MS, hasDate: false },
    ]);
  });
});
