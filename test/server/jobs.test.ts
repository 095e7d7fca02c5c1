import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SAMPLE } from '../helpers.js';
import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { errorCode, login, startTestServer, type Client, type TestServer } from './helpers.js';

// One record whose description carries a phone number, so the upload store is worth checking.
const RECORD = readFileSync(SAMPLE, 'utf8')
  .split(/\n(?=## Q)/)
  .slice(0, 2)
  .join('\n')
  .replace('## Q1:', '## Q1: 13912345678 ');

/** Returns the finished job of a job request, polling it after a 202 status. */
async function finished(admin: Client, response: LightMyRequestResponse) {
  if (response.statusCode === 200) return { state: 'done', attempts: 1, result: response.json() };
  assert.equal(response.statusCode, 202);
  return pollJob(admin, response.json().statusUrl);
}

async function pollJob(admin: Client, url: string) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const response = await admin.request('GET', url);
    const job = response.json();
    if (job.state === 'done' || job.state === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job at ${url} did not finish`);
}

describe('jobs over the API', () => {
  let server: TestServer;
  let admin: Client;

  // With no wait, a job request returns 202 unless its job finished at once. The import's
  // file writes keep it running at that moment.
  before(async () => {
    server = await startTestServer({ jobWaitMs: 0 });
    admin = await login(server.app, server.admin.email, server.admin.password);
  });
  after(() => server.close());

  test('import returns 202 then finishes', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/import?name=jobs-part.md',
      cookies: { casebook_session: admin.cookie },
      headers: { 'content-type': 'text/markdown', 'x-csrf-token': admin.csrfToken },
      payload: RECORD,
    });
    assert.equal(response.statusCode, 202, response.body);
    const accepted = response.json();
    assert.equal(accepted.job.kind, 'archive-import');
    assert.match(accepted.statusUrl, /^\/api\/v1\/jobs\//);

    const job = await pollJob(admin, accepted.statusUrl);
    assert.equal(job.state, 'done', job.error);
    assert.equal(job.result.imported + job.result.unchanged, 1);
    assert.equal(job.attempts, 1);
  });

  test('imported upload leaves no stored file', async () => {
    const row = await server.store.sql.get<{ n: number }>(
      'SELECT count(*) AS n FROM import_uploads',
    );
    assert.equal(row?.n, 0);
    const stored = await server.store.sql.get<{ title: string }>(
      "SELECT title FROM cases WHERE title LIKE '%[PHONE_1]%'",
    );
    assert.ok(stored, 'the phone number in the title is redacted');
  });

  test('faq mining runs as a job', async () => {
    const response = await admin.request('POST', '/api/v1/faq/mine?minCases=2', {});
    const job = await finished(admin, response);
    assert.equal(job.state, 'done', job.error);
    assert.ok(job.result.candidates > 0);
  });

  test('reindex rebuilds the index', async () => {
    const response = await admin.request('POST', '/api/v1/search/reindex', {});
    const job = await finished(admin, response);
    assert.equal(job.state, 'done', job.error);
    const cases = await server.store.sql.get<{ n: number }>('SELECT count(*) AS n FROM cases');
    assert.equal(job.result.indexed, cases?.n);
    const search = await admin.request('GET', '/api/v1/search?q=%E5%9B%9E%E6%BA%90&limit=3');
    assert.equal(search.statusCode, 200);
    assert.ok(search.json().hits.length > 0);
  });

  test('unknown job is not found', async () => {
    const response = await admin.request(
      'GET',
      '/api/v1/jobs/00000000-0000-4000-8000-000000000000',
    );
    assert.equal(response.statusCode, 404);
    assert.equal(errorCode(response), 'job-not-found');
  });

  test('customer cannot read jobs', async () => {
    const signup = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'jobs-customer@example.com', password: 'customer-pass-1', name: 'C' },
    });
    const cookie = signup.cookies.find((c) => c.name === 'casebook_session')!.value;
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/v1/jobs/00000000-0000-4000-8000-000000000000',
      cookies: { casebook_session: cookie },
    });
    assert.equal(response.statusCode, 403);
  });
});
