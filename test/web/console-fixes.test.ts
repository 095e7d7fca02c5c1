import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page, Request } from 'playwright-core';
import {
  openBrowser,
  signInWithForm,
  SKIP_REASON,
  startServer,
  type TestBrowser,
  type TestServer,
} from './harness.js';

/** Collects the requests of one method to API paths that match `path`, from now on. */
function recordRequests(page: Page, method: string, path: RegExp): Request[] {
  const requests: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === method && path.test(new URL(request.url()).pathname)) {
      requests.push(request);
    }
  });
  return requests;
}

/** Returns the id of the element that has the keyboard focus, or its tag name when it has no id. */
async function focusedElement(page: Page): Promise<string> {
  // The root tsconfig has no DOM types, so browser-side code is passed as text.
  return page.evaluate('document.activeElement.id || document.activeElement.tagName');
}

describe('console case page and knowledge review', { skip: SKIP_REASON }, () => {
  let server: TestServer;
  let browser: TestBrowser;
  let caseId = 0;

  before(async () => {
    server = await startServer();
    browser = await openBrowser();
    const customer = await server.customer('Customer Sun');
    const created = await customer.client.request<{ case: { id: number } }>('POST', '/cases', {
      title: 'CDN 回源失败',
      description: '加速域名访问返回 502，源站直接访问正常，请帮忙看看回源配置。',
    });
    caseId = created.case.id;
    await signInWithForm(browser.page, server.url, server.agent);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('arrow keys pick a status without saving', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/console/cases/${caseId}`);
    const select = page.getByLabel('工单状态');
    await select.waitFor();
    const patches = recordRequests(page, 'PATCH', new RegExp(`/cases/${caseId}$`));
    const initial = await select.inputValue();

    await select.focus();
    await page.keyboard.press('ArrowDown');
    const first = await select.inputValue();
    await page.keyboard.press('ArrowDown');
    const second = await select.inputValue();
    // Gives a request that a key press started the time to show up.
    await page.waitForTimeout(500);

    assert.notEqual(first, initial, 'ArrowDown did not move to the next status');
    assert.notEqual(second, first, 'second ArrowDown did not move on');
    assert.equal(patches.length, 0, 'arrow keys saved the status');
    assert.equal(await focusedElement(page), 'case-status');
  });

  test('Enter applies the picked status', async () => {
    const { page } = browser;
    const select = page.getByLabel('工单状态');
    const picked = await select.inputValue();
    const patches = recordRequests(page, 'PATCH', new RegExp(`/cases/${caseId}$`));

    const saved = page.waitForResponse((response) => response.request().method() === 'PATCH');
    await page.keyboard.press('Enter');
    assert.equal((await saved).status(), 200);
    await page.locator(`.case-facts .badge-status-${picked}`).waitFor();

    assert.equal(patches.length, 1);
    assert.equal(await focusedElement(page), 'case-status');
    assert.equal(await select.inputValue(), picked);
  });

  test('mouse picks and applies a status', async () => {
    const { page } = browser;
    const select = page.getByLabel('工单状态');
    const target = (await select.inputValue()) === 'resolved' ? 'answered' : 'resolved';
    const patches = recordRequests(page, 'PATCH', new RegExp(`/cases/${caseId}$`));
    await select.selectOption(target);
    await page.waitForTimeout(300);
    assert.equal(patches.length, 0, 'choosing with the mouse saved at once');

    const saved = page.waitForResponse((response) => response.request().method() === 'PATCH');
    await page.getByRole('button', { name: '更新状态' }).click();
    assert.equal((await saved).status(), 200);
    await page.locator(`.case-facts .badge-status-${target}`).waitFor();
    assert.equal(patches.length, 1);

    // With nothing left to apply, the button keeps the focus and sends nothing.
    assert.equal(await focusedElement(page), 'BUTTON');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    assert.equal(patches.length, 1, 'button saved an unchanged status');
  });

  test('back link keeps the inbox filters', async () => {
    const { page } = browser;
    const inbox = `${server.url}/console?product=CDN&sort=oldest&page=2`;
    await page.goto(inbox);
    await page.getByText(/^第 21–/).waitFor();
    await page.locator('.case-row[data-case-id]').first().click();
    await page.waitForURL(/\/console\/cases\/\d+$/);

    await page.getByRole('link', { name: /返回工单列表/ }).click();
    await page.waitForURL(inbox);
    await page.getByText(/^第 21–/).waitFor();
    assert.equal(await page.getByLabel('产品').inputValue(), 'CDN');
  });

  test('back link without an inbox goes to /console', async () => {
    const fresh = await browser.context.newPage();
    try {
      await fresh.goto(`${server.url}/console/cases/${caseId}`);
      const back = fresh.getByRole('link', { name: /返回工单列表/ });
      await back.waitFor();
      assert.equal(await back.getAttribute('href'), '/console');
    } finally {
      await fresh.close();
    }
  });

  test('save and approve checks the fields', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/console/knowledge`);
    await page.getByRole('tab', { name: '已通过' }).click();
    const card = page.locator('.faq-card').first();
    await card.getByRole('button', { name: '编辑' }).click();
    const patches = recordRequests(page, 'PATCH', /\/faq\/\d+$/);

    const question = card.getByLabel('问题', { exact: true });
    for (const blank of ['', '   ']) {
      await question.fill(blank);
      await card.getByRole('button', { name: '保存并通过' }).click();
      await card.getByRole('button', { name: '保存', exact: true }).click();
      await page.waitForTimeout(300);
      assert.equal(patches.length, 0, `a question of ${JSON.stringify(blank)} was sent`);
      assert.equal(
        await card.locator('input:invalid').count(),
        1,
        `question ${JSON.stringify(blank)} is not marked invalid`,
      );
    }
    assert.equal(await card.getByRole('alert').count(), 0, 'server error shown');
  });
});
