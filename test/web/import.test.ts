import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  openBrowser,
  signInWithForm,
  SKIP_REASON,
  startServer,
  type TestBrowser,
  type TestServer,
} from './harness.js';
import { ARCHIVE_WITH_ERROR } from './fixtures.js';
import { readFileSync } from 'node:fs';
import { SAMPLE } from '../helpers.js';

describe('import page', { skip: SKIP_REASON }, () => {
  let server: TestServer;
  let browser: TestBrowser;

  before(async () => {
    server = await startServer();
    browser = await openBrowser();
    await signInWithForm(browser.page, server.url, server.adminAccount);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function upload(
    skipInvalid: boolean,
    name = 'support-records-part90.md',
    text = ARCHIVE_WITH_ERROR,
  ) {
    const { page } = browser;
    await page.goto(`${server.url}/console/import`);
    await page.locator('input[type="file"]').setInputFiles({
      name,
      mimeType: 'text/markdown',
      buffer: Buffer.from(text, 'utf8'),
    });
    if (skipInvalid) await page.getByLabel('跳过格式有误的记录，导入其余记录').check();
    await page.getByRole('button', { name: /开始导入/ }).click();
    return page.getByTestId('import-report');
  }

  test('rejected file shows file and line', async () => {
    const report = await upload(false);
    await report.waitFor();
    assert.match(await report.innerText(), /有文件被拒收/);
    assert.match(await report.innerText(), /被拒收的文件数\s*1/);
    const row = report.locator('.report-errors tbody tr').first();
    const cells = await row.locator('td').allInnerTexts();
    assert.equal(cells[0], 'support-records-part90.md');
    assert.match(cells[1]!, /^\d+$/, 'error row has no line number');
    assert.equal(cells[2], 'missing-category');
  });

  test('skipping invalid records imports the rest', async () => {
    const report = await upload(true);
    await report.waitFor();
    assert.match(await report.innerText(), /导入完成/);
    const imported = report.locator('.report-counts div').first().locator('dd');
    assert.equal(await imported.innerText(), '1');
    assert.match(await report.innerText(), /跳过的记录：Q2/);
  });

  test('copy of a stored archive shows a warning', async () => {
    const report = await upload(false, 'backup.md', readFileSync(SAMPLE, 'utf8'));
    await report.waitFor();
    const warning = report.getByTestId('import-warning');
    assert.match(
      await warning.innerText(),
      /^注意：.*header is that of source "support-records-part14\.md"/,
    );
  });
});
