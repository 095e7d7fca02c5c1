import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { calibrateCategoryModel, evaluateCategories } from '../../src/triage/index.js';
import { signup, startTestServer, type TestServer } from './helpers.js';

describe('category model with portal cases', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
    const customer = await signup(server.app, 'zhang@example.com');
    // No product or type: the model predicts the category, and the case stays out of its counts.
    const created = await customer.request('POST', '/api/v1/cases', {
      title: 'CDN 回源 502',
      description: 'CDN 域名访问报 502，回源失败，源站是正常的',
    });
    assert.equal(created.statusCode, 201);
  });
  after(() => server.close());

  test('calibration skips predicted categories', async () => {
    const { temperature } = await calibrateCategoryModel(server.store);

    assert.ok(temperature > 0.01, String(temperature));
    assert.ok(temperature < 100, String(temperature));
  });

  test('evaluation skips predicted categories', async () => {
    const evaluation = await evaluateCategories(server.store);

    assert.equal(evaluation.cases, 95);
    assert.equal(evaluation.model.accuracy, 0.4);
  });
});
