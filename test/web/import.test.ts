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

/** Returns a valid archive of one record, with `part` in its header. */
function archiveOfOneRecord(part: number, title: string): string {
  return [
    `# 客户支持问题处理记录 (Part ${part})`,
    '',
    '本文档包含 1 个客户支持问题的结构化记录。',
    '',
    '='.repeat(80),
    '',
    `## Q1: ${title}`,
    '',
    '**问题分类**: 云短信｜签名模板审核',
    '',
    '### 问题描述',
    title,
    '',
    '### 客服解答',
    '您好，请上传营业执照后重新提交。',
    '',
    '### 根本原因分析',
    '签名资质材料不完整',
    '',
    '### 完整对话记录',
    `**客户**：${title}`,
    '',
    '**客服**：您好，请上传营业执照后重新提交。',
    '',
    '---',
    '',
  ].join('\n');
}

/** Returns a Markdown file for `setInputFiles`. */
function markdownFile(name: string, text: string) {
  return { name, mimeType: 'text/markdown', buffer: Buffer.from(text, 'utf8') };
}

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

  test('files chosen in turn are all imported', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/console/import`);
    const input = page.locator('input[type="file"]');
    const start = page.getByRole('button', { name: /开始导入/ });
    const first = markdownFile('support-records-part92.md', archiveOfOneRecord(92, '签名被驳回'));
    await input.setInputFiles(first);
    await input.setInputFiles(
      markdownFile('support-records-part93.md', archiveOfOneRecord(93, '模板审核不通过')),
    );
    // A file chosen again replaces the one of that name, because the API rejects a repeated name.
    await input.setInputFiles(first);
    assert.deepEqual(await page.locator('.file-list .file-name').allInnerTexts(), [
      'support-records-part93.md',
      'support-records-part92.md',
    ]);
    assert.equal(await start.innerText(), '开始导入（2 个文件）');

    const imported = page.getByTestId('import-report').locator('.report-counts dd').first();
    await start.click();
    await imported.waitFor();
    assert.equal(await imported.innerText(), '2');

    await input.setInputFiles(
      markdownFile('support-records-part94.md', archiveOfOneRecord(94, '签名资质过期')),
    );
    assert.equal(await start.innerText(), '开始导入（1 个文件）');
    assert.ok(await start.isEnabled(), 'start button disabled after a second choice');
    await start.click();
    // The wait is for the new count, so the first import's report cannot end it early.
    await imported.filter({ hasText: /^1$/ }).waitFor();
    assert.match(await page.getByTestId('import-report').innerText(), /导入完成/);
  });
});
