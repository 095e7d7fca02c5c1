import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { TEST_BACKEND } from '../database.js';
import { startTestServer, type TestServer } from './helpers.js';

describe('health check', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({ memorySearch: true });
    await server.app.ready();
  });
  after(() => server.close());

  async function health() {
    const response = await server.app.inject({ method: 'GET', url: '/api/v1/health' });
    assert.equal(response.statusCode, 200);
    return response.json();
  }

  test('answers without sign-in', async () => {
    const body = await health();
    assert.equal(body.status, 'ok');
    assert.equal(body.database, TEST_BACKEND);
    assert.ok(['memory', 'database'].includes(body.searchIndex));
  });

  test('reports the loaded memory index', async () => {
    let body = await health();
    for (let i = 0; i < 200 && body.searchIndex !== 'memory'; i++) {
      await sleep(50);
      body = await health();
    }
    assert.equal(body.searchIndex, 'memory');
  });
});

describe('health check without the memory index', () => {
  test('reports the database index', async () => {
    const server = await startTestServer();
    try {
      const response = await server.app.inject({ method: 'GET', url: '/api/v1/health' });
      assert.deepEqual(response.json(), {
        status: 'ok',
        database: TEST_BACKEND,
        searchIndex: 'database',
      });
    } finally {
      await server.close();
    }
  });
});
