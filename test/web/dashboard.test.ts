import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import {
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

describe('dashboard', { skip: SKIP_REASON }, () => {
  let server: TestServer;
  let browser: TestBrowser;

  before(async () => {
    server = await startServer();
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

  test('headline number drills down to inbox', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/console/dashboard`);
    await page.locator('[data-kpi="needsHuman"]').click();
    await page.waitForURL(/\/console\?needsHuman=true/);
    // The dashboard's headline card carries the same label and may still be on the page just
    // after the URL changes, so the inbox filter is found by its role.
    assert.equal(await page.getByRole('combobox', { name: '需人工处理' }).inputValue(), 'true');
    await page.locator('.case-row[data-case-id]').first().waitFor();
    assert.equal(
      await page.locator('.case-row[data-case-id] .badge-human').count(),
      await page.locator('.case-row[data-case-id]').count(),
    );
  });

  test('volume chart bar drills down to inbox', async () => {
    const { page } = browser;
    const today = new Date().toISOString().slice(0, 10);
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
    await page.locator('.case-row[data-case-id]').first().waitFor();
  });

  test('backlog chart bar drills down to inbox', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/console/dashboard`);
    const chart = page.locator('.chart-card', { hasText: '积压工单' }).locator('.chart');
    await chart.locator('canvas').waitFor();
    await page.waitForTimeout(1200);

    // Three bars, largest on top: needs-human outnumbers unanswered cases in the sample.
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.6, box.y + 28);
    await page.waitForURL(/\/console\?.*needsHuman=true/);
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
});
