import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore } from '../database.js';
import { importArchives } from '../../src/ingest/index.js';
import { countCases } from '../../src/store/case-list.js';
import {
  HELPDESK_CHANNELS,
  recurringIssues,
  responseTimes,
  rootCauseCounts,
  volumeByCategory,
  type DashboardBucket,
  type DashboardScope,
} from '../../src/store/dashboard.js';
import type { Store } from '../../src/store/index.js';
import { SAMPLE, tempDir } from '../helpers.js';

// Four imported cases become helpdesk cases opened around the week that starts on Monday
// 2026-03-02; the other 91 stay archive cases without an opening time.
const OPENED = [
  { ref: 'Q1', channel: 'portal', at: '2026-03-04T10:00:00.000Z' }, // Wednesday
  { ref: 'Q2', channel: 'intake', at: '2026-03-08T23:59:00.000Z' }, // Sunday, last minute
  { ref: 'Q3', channel: 'portal', at: '2026-03-09T00:00:00.000Z' }, // next Monday
  { ref: 'Q4', channel: 'portal', at: '2026-02-27T12:00:00.000Z' }, // Friday before
];

describe('dashboard store queries', () => {
  let store: Store;
  let cleanup: () => void;
  const helpdesk: DashboardScope = { channels: HELPDESK_CHANNELS };

  before(async () => {
    const temp = tempDir('casebook-dashboard-');
    cleanup = temp.cleanup;
    store = await openTestStore(temp.dir);
    await importArchives(store, [SAMPLE]);
    for (const { ref, channel, at } of OPENED) {
      await store.sql.run('UPDATE cases SET channel = ?, opened_at = ? WHERE ref = ?', [
        channel,
        at,
        ref,
      ]);
    }
    // Q1 is answered 5 minutes after opening and resolved an hour after. Q2 has a stale
    // resolution time under an open status, which no resolution figure may count.
    await store.sql.run(
      `UPDATE cases SET first_response_seconds = 300, status = 'resolved',
         resolved_at = '2026-03-04T11:00:00.000Z' WHERE ref = 'Q1'`,
    );
    await store.sql.run(
      `UPDATE cases SET status = 'unanswered', resolved_at = '2026-03-09T00:00:00.000Z'
         WHERE ref = 'Q2'`,
    );
  });

  after(async () => {
    await store?.close();
    cleanup?.();
  });

  // Sums the rows of each period over products and types, oldest period first.
  async function casesPerPeriod(bucket: DashboardBucket): Promise<Array<[string, number]>> {
    const totals = new Map<string, number>();
    for (const row of await volumeByCategory(store, helpdesk, bucket)) {
      totals.set(row.period, (totals.get(row.period) ?? 0) + row.cases);
    }
    return [...totals];
  }

  test('weeks start on Monday in UTC', async () => {
    assert.deepEqual(await casesPerPeriod('week'), [
      ['2026-02-23', 1],
      ['2026-03-02', 2],
      ['2026-03-09', 1],
    ]);
  });

  test('day and month periods', async () => {
    assert.deepEqual(await casesPerPeriod('day'), [
      ['2026-02-27', 1],
      ['2026-03-04', 1],
      ['2026-03-08', 1],
      ['2026-03-09', 1],
    ]);
    assert.deepEqual(await casesPerPeriod('month'), [
      ['2026-02-01', 1],
      ['2026-03-01', 3],
    ]);
  });

  test('range bounds opening times', async () => {
    const scope = { ...helpdesk, from: '2026-03-04T10:00:00.000Z', to: '2026-03-09' };
    const rows = await volumeByCategory(store, scope, 'day');
    assert.deepEqual(rows.map((row) => row.period).sort(), ['2026-03-04', '2026-03-08']);
  });

  test('archive cases stay out of helpdesk scope', async () => {
    const causes = await rootCauseCounts(store, helpdesk);
    assert.equal(
      causes.reduce((sum, row) => sum + row.cases, 0),
      4,
    );
    const archive = await rootCauseCounts(store, { channels: ['archive'] });
    assert.equal(
      archive.reduce((sum, row) => sum + row.cases, 0),
      91,
    );
    assert.equal(await countCases(store, { channel: 'archive' }), 91);
    assert.ok((await recurringIssues(store, { channels: ['archive'] }, 10)).length > 0);
  });

  test('resolution counts resolved statuses only', async () => {
    const times = await responseTimes(store, helpdesk);
    assert.deepEqual(times.firstResponse, [300]);
    assert.deepEqual(times.resolution, [3600]);
    assert.equal(
      await countCases(store, { channel: 'portal,intake', status: 'resolved,closed' }),
      1,
    );
    assert.equal(await countCases(store, { channel: 'portal,intake', responded: true }), 1);
  });
});
