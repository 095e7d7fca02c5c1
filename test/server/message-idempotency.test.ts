import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, login, startTestServer, type Client, type TestServer } from './helpers.js';

describe('reply with an Idempotency-Key', () => {
  let server: TestServer;
  let admin: Client;

  before(async () => {
    server = await startTestServer();
    admin = await login(server.app, server.admin.email, server.admin.password);
  });
  after(() => server.close());

  function reply(caseId: number, text: string, key: string) {
    return server.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/messages`,
      cookies: { casebook_session: admin.cookie },
      headers: { 'x-csrf-token': admin.csrfToken, 'idempotency-key': key },
      payload: { text },
    });
  }

  async function messageCount(caseId: number): Promise<number> {
    const row = await server.store.sql.get<{ n: number }>(
      'SELECT count(*) AS n FROM messages WHERE case_id = ?',
      [caseId],
    );
    return row!.n;
  }

  test('repeat returns the first message', async () => {
    const before = await messageCount(1);
    const first = await reply(1, '您好，已为您重置，请再试一次。', 'reply-key-1');
    assert.equal(first.statusCode, 201, first.body);

    const again = await reply(1, '您好，已为您重置，请再试一次。', 'reply-key-1');
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.json().id, first.json().id);
    assert.equal(await messageCount(1), before + 1);
  });

  test('same key with other text conflicts', async () => {
    const response = await reply(1, '另一条回复', 'reply-key-1');
    assert.equal(response.statusCode, 409);
    assert.equal(errorCode(response), 'idempotency-key-reused');
  });

  test('same key on another case conflicts', async () => {
    const response = await reply(2, '您好，已为您重置，请再试一次。', 'reply-key-1');
    assert.equal(response.statusCode, 409);
    assert.equal(errorCode(response), 'idempotency-key-reused');
  });

  test('concurrent repeats store one message', async () => {
    const before = await messageCount(3);
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => reply(3, '并发重试的同一条回复', 'reply-key-2')),
    );
    const statuses = responses.map((response) => response.statusCode).sort();
    assert.deepEqual(statuses, [200, 200, 200, 200, 201]);
    assert.equal(new Set(responses.map((response) => response.json().id)).size, 1);
    assert.equal(await messageCount(3), before + 1);
  });

  test('invalid key is rejected', async () => {
    const response = await reply(1, '回复', 'bad key with spaces');
    assert.equal(response.statusCode, 400);
  });
});
