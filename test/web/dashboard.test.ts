import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { pickDurationUnit } from '../../web/src/dashboard/durationUnit.js';
import {
  ApiClient,
  openBrowser,
  signInWithForm,
  SKIP_REASON,
  startServer,
  VIEWPORTS,
  type TestBrowser,
  type TestServer,
} from './harness.js';

// Counts the painted pixels of every chart canvas; a chart that drew nothing has none.
const PAINTED_PIXELS = `Array.from(document.querySelectorAll('.chart canvas')).map((canvas) => {
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted += 1;
  return painted;
})`;

// 退款 (refund) makes triage flag a case as needing a person; the question needs only an answer.
const REFUND = { title: '重复扣费', description: '这个月被重复扣费了，请帮我申请退款。' };
const QUESTION = { title: 'CDN 回源失败', description: 'CDN 加速后访问报 502，回源地址怎么检查？' };

describe('dashboard', { skip: SKIP_REASON }, () => {
  let server: TestServer;
  let browser: TestBrowser;
  // The UTC day on which the cases were opened. A run that crosses midnight after seeding must
  // still request that day, not the day it is when the test runs.
  let seedDay: string;

  // Moves a case's opening time back, as if it had been opened `minutes` ago.
  async function openedAgo(id: number, minutes: number) {
    const at = new Date(Date.now() - minutes * 60_000).toISOString();
    await server.store.sql.run('UPDATE cases SET opened_at = ?, created_at = ? WHERE id = ?', [
      at,
      at,
      id,
    ]);
  }

  /**
   * Opens seven helpdesk cases: two unanswered (one a refund), an answered refund, an
   * escalated refund, a case answered after 2 minutes and resolved after 3, a case closed
   * without a reply, and a case opened two days ago without a reply.
   */
  async function seedHelpdesk() {
    const { client: customer } = await server.customer('王先生');
    const agent = new ApiClient(server.url);
    await agent.signIn(server.agent);
    const open = async (body: { title: string; description: string }) => {
      const created = await customer.request<{ case: { id: number } }>('POST', '/cases', {
        ...body,
        product: 'CDN',
        type: '证书问题',
      });
      return created.case.id;
    };
    const reply = (id: number) =>
      agent.request('POST', `/cases/${id}/messages`, { text: '您好，已为您处理。' });
    const setStatus = (id: number, status: string) =>
      agent.request('PATCH', `/cases/${id}`, { status });

    await open(REFUND);
    await open(QUESTION);
    const answered = await open(REFUND);
    await openedAgo(answered, 2);
    await reply(answered);
    await setStatus(await open(REFUND), 'waiting-for-human');
    const resolved = await open(QUESTION);
    await openedAgo(resolved, 3);
    await reply(resolved);
    await setStatus(resolved, 'resolved');
    await setStatus(await open(QUESTION), 'closed');
    await openedAgo(await open(QUESTION), 48 * 60);
  }

  before(async () => {
    server = await startServer();
    await seedHelpdesk();
    seedDay = new Date().toISOString().slice(0, 10);
    // In UTC the browser's days match the API's periods, which end at UTC midnight.
    browser = await openBrowser(VIEWPORTS.desktop, 'UTC');
    await signInWithForm(browser.page, server.url, server.agent);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('charts render on canvases', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/console/dashboard`);
    await page.locator('.chart canvas').nth(3).waitFor();
    // ECharts animates its first frame; wait until every canvas has drawn something.
    await page.waitForFunction(`${PAINTED_PIXELS}.every((count) => count > 0)`);
    const painted = await page.evaluate<number[]>(PAINTED_PIXELS);
    assert.ok(painted.length >= 4, `expected at least 4 charts, found ${painted.length}`);
    for (const count of painted) assert.ok(count > 1000, `a chart painted only ${count} pixels`);
  });

  test('headline figures list the cases they count', async () => {
    const { page } = browser;
    // Backlog figures count open cases, and the medians count responded and resolved cases.
    const expected: Array<[kpi: string, value: string | null, cases: number]> = [
      ['unanswered', '3', 3],
      ['needsHuman', '2', 2],
      ['slow', '1', 1],
      ['firstResponse', '2 分钟', 2],
      ['resolution', null, 2],
    ];
    for (const [kpi, value, cases] of expected) {
      await page.goto(`${server.url}/console/dashboard`);
      const tile = page.locator(`[data-kpi="${kpi}"]`);
      if (value !== null) {
        assert.equal(await tile.locator('.kpi-value').textContent(), value, `${kpi} value`);
      }
      await tile.click();
      await page.waitForURL(/\/console\?/);
      await page.getByText(`共 ${cases} 个工单`).waitFor();
      assert.equal(await page.locator('.case-row[data-case-id]').count(), cases, kpi);
    }
  });

  test('needs-human drill-down lists open cases only', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/console/dashboard`);
    await page.locator('[data-kpi="needsHuman"]').click();
    await page.waitForURL(/\/console\?.*needsHuman=true/);
    // The dashboard's headline card carries the same label and may still be on the page just
    // after the URL changes, so the inbox filter is found by its role.
    assert.equal(await page.getByRole('combobox', { name: '需人工处理' }).inputValue(), 'true');
    assert.equal(
      await page.getByRole('combobox', { name: '状态' }).locator('option:checked').textContent(),
      '待回复、待人工处理',
    );
    await page.locator('.case-row[data-case-id]').first().waitFor();
    assert.equal(
      await page.locator('.case-row[data-case-id] .badge-human').count(),
      await page.locator('.case-row[data-case-id]').count(),
    );
  });

  test('first-response drill-down keeps responded filter', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/console/dashboard`);
    await page.locator('[data-kpi="firstResponse"]').click();
    await page.waitForURL(/\/console\?.*responded=true/);
    assert.equal(await page.getByRole('combobox', { name: '首次响应' }).inputValue(), 'true');
    await page.getByRole('combobox', { name: '排序' }).selectOption('oldest');
    await page.waitForURL(/sort=oldest/);
    assert.equal(new URL(page.url()).searchParams.get('responded'), 'true');
    await page.getByText('共 2 个工单').waitFor();
  });

  test('archive cases stay out of live figures', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/console/dashboard`);
    const note = page.getByTestId('dashboard-scope');
    assert.match((await note.textContent()) ?? '', /导入的 95 个历史工单/);
    // The sample archive has unanswered records, but none of them waits in the helpdesk.
    assert.equal(await page.locator('[data-kpi="unanswered"] .kpi-value').textContent(), '3');
    await note.getByRole('link').click();
    await page.waitForURL(/\/console\?channel=archive$/);
    await page.getByText('共 95 个工单').waitFor();
  });

  test('distributions can show the archive', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/console/dashboard`);
    const card = page.locator('.chart-card', { hasText: '高频问题' });
    await card.getByLabel('统计范围').selectOption('archive');
    const chart = card.locator('.chart');
    await chart.locator('canvas').waitFor();
    await page.waitForTimeout(1200);

    // The most frequent issue is the top bar, and its drill-down lists imported cases only.
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.6, box.y + 20);
    await page.waitForURL(/\/console\?.*rootCause=.*channel=archive/);
    await page.locator('.case-row[data-case-id]').first().waitFor();
  });

  test('inverted range shows a message', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/console/dashboard?from=2026-03-01&to=2026-02-01`);
    const message = page.getByRole('alert');
    assert.equal(
      await message.textContent(),
      '开始日期（2026-03-01）晚于结束日期（2026-02-01），无法统计。请调整日期范围。',
    );
    assert.equal(await page.locator('[data-kpi]').count(), 0);

    await page.getByLabel('开始日期').fill('2026-01-15');
    await page.locator('[data-kpi="unanswered"]').waitFor();
    assert.equal(await page.getByTestId('inverted-range').count(), 0);
  });

  test('range is kept in the URL', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/console/dashboard`);
    await page.getByLabel('开始日期').fill('2026-01-05');
    await page.getByLabel('结束日期').fill('2026-02-10');
    await page.getByLabel('统计周期').selectOption('month');
    await page.waitForURL(/bucket=month/);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('from'), '2026-01-05');
    assert.equal(url.searchParams.get('to'), '2026-02-10');

    await page.reload();
    assert.equal(await page.getByLabel('开始日期').inputValue(), '2026-01-05');
    assert.equal(await page.getByLabel('结束日期').inputValue(), '2026-02-10');
    assert.equal(await page.getByLabel('统计周期').inputValue(), 'month');
  });

  test('cleared start date survives a reload', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/console/dashboard`);
    await page.getByLabel('开始日期').fill('');
    await page.waitForURL(/from=(&|$)/);
    await page.reload();
    assert.equal(await page.getByLabel('开始日期').inputValue(), '');
  });

  test('time chart uses minutes for minute-level times', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/console/dashboard`);
    const card = page.locator('.chart-card', { hasText: '响应与解决时长' });
    await card.locator('.chart canvas').waitFor();
    assert.match((await card.locator('.card-header').textContent()) ?? '', /单位：分钟/);
  });

  test('duration unit follows the longest time', () => {
    const cases: Array<[values: Array<number | null>, unit: string]> = [
      [[], 'second'],
      [[null, null], 'second'],
      [[0, 45], 'second'],
      [[30, 120], 'minute'],
      [[59, 3599], 'minute'],
      [[120, 7200], 'hour'],
      [[null, 86_400 * 3], 'day'],
    ];
    for (const [values, unit] of cases) {
      assert.equal(pickDurationUnit(values).name, unit, JSON.stringify(values));
    }
  });

  test('volume chart bar drills down to inbox', async () => {
    const { page } = browser;
    const today = seedDay;
    await page.goto(`${server.url}/console/dashboard`);
    await page.getByLabel('开始日期').fill(today);
    await page.getByLabel('结束日期').fill(today);
    await page.getByLabel('统计周期').selectOption('day');
    const chart = page.locator('.chart-wide .chart');
    await chart.locator('canvas').waitFor();
    await page.waitForTimeout(1200);

    // With one day on the axis one stacked bar is in the middle, and its lowest segment (the
    // largest product) sits just above the x axis.
    const box = (await chart.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height - 75);
    await page.waitForURL(/\/console\?.*product=/);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('from'), today);
    assert.ok(url.searchParams.get('to'), 'drill-down lost the period end');
    assert.equal(url.searchParams.get('channel'), 'portal,intake');
    // Six helpdesk cases were opened today. The seventh is two days old.
    await page.getByText('共 6 个工单').waitFor();
  });

  test('backlog chart bar drills down to inbox', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/console/dashboard`);
    const chart = page.locator('.chart-card', { hasText: '积压工单' }).locator('.chart');
    await chart.locator('canvas').waitFor();
    await page.waitForTimeout(1200);

    // Three bars, largest on top: 3 unanswered, 2 needing a person, 1 slow.
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.6, box.y + 28);
    await page.waitForURL(/\/console\?status=unanswered&channel=/);
    await page.getByText('共 3 个工单').waitFor();
  });

  test('inbox exports CSV of the filtered list', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/console?product=CDN`);
    await page.locator('.case-row[data-case-id]').first().waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: '导出 CSV' }).click();
    const file = await (await download).path();
    const text = readFileSync(file, 'utf8');
    assert.ok(
      text.startsWith('\uFEFFid,source,ref'),
      `unexpected CSV header: ${text.slice(0, 40)}`,
    );
    const rows = text.trim().split('\r\n').slice(1);
    assert.ok(rows.length > 0, 'CSV has no rows');
    for (const row of rows) assert.match(row, /,CDN,/);
  });

  test('inbox exports CSV with responded filter', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/console?channel=portal&responded=true`);
    await page.getByText('共 2 个工单').waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: '导出 CSV' }).click();
    const text = readFileSync(await (await download).path(), 'utf8');
    assert.equal(text.trim().split('\r\n').length - 1, 2);
  });
});
