import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  ApiClient,
  horizontalOverflow,
  openBrowser,
  signInWithForm,
  SKIP_REASON,
  startServer,
  VIEWPORTS,
  type TestBrowser,
  type TestServer,
} from './harness.js';
import { ARCHIVE_WITH_ERROR } from './fixtures.js';

// Screenshots go to the folder named by CASEBOOK_SCREENSHOTS (docs/screenshots for the
// documentation), else to a temporary folder that is removed afterwards, so a plain test run
// checks every page's width and leaves the tree unchanged.
const KEEP = Boolean(process.env.CASEBOOK_SCREENSHOTS);
const OUT_DIR = KEEP
  ? path.resolve(process.env.CASEBOOK_SCREENSHOTS!)
  : mkdtempSync(path.join(tmpdir(), 'casebook-screenshots-'));

const TITLE = 'CDN 修改缓存配置后一直处理中';
const DESCRIPTION = [
  '昨天下午修改了加速域名的缓存配置，到现在状态一直是“处理中”，也没办法再次修改。',
  '控制台报错如下：',
  '```',
  'PUT /v2/domain/cdn.example-shop.cn/cache 409 Conflict',
  '{"code":409,"error":"domain is processing, please retry later"}',
  '```',
  '能帮忙后台处理一下吗？',
].join('\n');

/** Saves a screenshot at both sizes after checking that the page fits its width. */
async function capture(page: Page, name: string, ready: () => Promise<void>): Promise<void> {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await ready();
    // Charts and the drawer animate in; let them settle before the picture.
    await page.waitForTimeout(900);
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow <= 0, `${name} is ${overflow}px wider than the ${size} viewport`);
    const file = `${name}-${viewport.width}x${viewport.height}.png`;
    await page.screenshot({ path: path.join(OUT_DIR, file) });
  }
}

describe('screenshots', { skip: SKIP_REASON }, () => {
  let server: TestServer;
  let customer: TestBrowser;
  let agent: TestBrowser;
  let caseId = 0;

  before(async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    server = await startServer();
    customer = await openBrowser();
    agent = await openBrowser();

    const wang = await server.customer('王先生');
    const created = await wang.client.request<{ case: { id: number } }>('POST', '/cases', {
      title: TITLE,
      description: DESCRIPTION,
      product: 'CDN',
      type: '配置问题',
    });
    caseId = created.case.id;
    const agentApi = new ApiClient(server.url);
    await agentApi.signIn(server.agent);
    await agentApi.request('POST', `/cases/${caseId}/messages`, {
      text: '已联系后台同事处理卡住的配置任务，预计 30 分钟内恢复，届时请刷新控制台查看。',
      internal: false,
    });
    await agentApi.request('POST', `/cases/${caseId}/messages`, {
      text: '已提交后台工单，任务 ID 见内部系统；恢复后记得回访客户。',
      internal: true,
    });
    await wang.client.request('POST', `/cases/${caseId}/messages`, {
      text: '好的，谢谢，我等一下再看看。',
    });

    // A second case, answered and resolved, gives the dashboard a resolution time to show.
    const li = await server.customer('李女士');
    const resolved = await li.client.request<{ case: { id: number } }>('POST', '/cases', {
      title: '短信签名审核不通过',
      description: '提交的短信签名被驳回了，原因写的是资质材料不全，需要补充什么？',
      product: '云短信',
      type: '签名模板审核',
    });
    await agentApi.request('POST', `/cases/${resolved.case.id}/messages`, {
      text: '您好，请在签名资质中上传营业执照和授权委托书后重新提交，审核一般 2 小时内完成。',
    });
    await agentApi.request('PATCH', `/cases/${resolved.case.id}`, { status: 'resolved' });

    await signInWithForm(customer.page, server.url, wang.account);
    await signInWithForm(agent.page, server.url, server.agent);
  });

  after(async () => {
    await customer?.close();
    await agent?.close();
    await server?.close();
    if (!KEEP) rmSync(OUT_DIR, { recursive: true, force: true });
  });

  test('agent console pages', async () => {
    const { page } = agent;
    await capture(page, 'console-inbox', async () => {
      await page.goto(`${server.url}/console`);
      await page.locator('.case-row[data-case-id]').first().waitFor();
    });
    await capture(page, 'console-case', async () => {
      await page.goto(`${server.url}/console/cases/${caseId}`);
      await page.getByTestId('triage-panel').locator('.triage-sections').waitFor();
      await page.getByTestId('insert-draft').click();
    });
    await capture(page, 'console-similar', async () => {
      await page.goto(`${server.url}/console/cases/${caseId}`);
      await page.locator('.similar-item').first().click();
      await page.getByTestId('similar-case').waitFor();
    });
    await capture(page, 'console-knowledge', async () => {
      await page.goto(`${server.url}/console/knowledge`);
      await page.getByRole('tab', { name: '已通过' }).click();
      await page.locator('.faq-card').first().waitFor();
    });
    await capture(page, 'dashboard', async () => {
      await page.goto(`${server.url}/console/dashboard`);
      await page.locator('.chart canvas').nth(3).waitFor();
    });
  });

  test('customer portal pages', async () => {
    const { page } = customer;
    await capture(page, 'portal-new-issue', async () => {
      await page.goto(`${server.url}/portal/new`);
      await page.getByLabel('问题标题').fill('免费证书申请了一天了还在审核中');
      await page.getByLabel('问题描述').fill('域名已经添加了 TXT 记录，证书还是审核中，怎么办？');
      await page.locator('.suggestion-list li').first().waitFor();
    });
    await capture(page, 'portal-case', async () => {
      await page.goto(`${server.url}/portal/cases/${caseId}`);
      await page.locator('.message').first().waitFor();
    });
  });

  test('admin import page', async () => {
    const { page } = agent;
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL(/\/login/);
    await signInWithForm(page, server.url, server.adminAccount);
    await page.goto(`${server.url}/console/import`);
    await page.locator('input[type="file"]').setInputFiles({
      name: 'support-records-part90.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(ARCHIVE_WITH_ERROR, 'utf8'),
    });
    await page.getByRole('button', { name: /开始导入/ }).click();
    await page.getByTestId('import-report').waitFor();
    await capture(page, 'console-import', async () => {
      await page.getByTestId('import-report').waitFor();
    });
  });
});
