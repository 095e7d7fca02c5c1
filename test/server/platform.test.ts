import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { API_ERRORS } from '../../src/server/index.js';
import {
  errorCode,
  login,
  signup,
  startTestServer,
  type Client,
  type TestServer,
} from './helpers.js';

describe('validation, limits and headers', () => {
  let server: TestServer;
  let customer: Client;

  before(async () => {
    server = await startTestServer({ bodyLimitBytes: 64 * 1024 });
    customer = await signup(server.app, 'limits@example.com');
  });
  after(() => server.close());

  test('missing field is a 400 with code', async () => {
    const response = await customer.request('POST', '/api/v1/cases', { title: '只有标题' });
    assert.equal(response.statusCode, 400);
    assert.equal(errorCode(response), 'invalid-request');
    assert.match(response.json().error.message, /description/);
  });

  test('unknown property is rejected', async () => {
    const response = await customer.request('POST', '/api/v1/cases', {
      title: '标题',
      description: '描述',
      customer_id: 1,
    });
    assert.equal(response.statusCode, 400);
    assert.equal(errorCode(response), 'invalid-request');
  });

  test('bad query parameter is rejected', async () => {
    const response = await customer.request('GET', '/api/v1/cases?pageSize=1000');
    assert.equal(response.statusCode, 400);
    assert.equal(errorCode(response), 'invalid-request');
    assert.equal(response.json().error.details[0].path, 'querystring/pageSize');
  });

  test('bad path id is rejected', async () => {
    const response = await customer.request('GET', '/api/v1/cases/abc');
    assert.equal(response.statusCode, 400);
    assert.equal(errorCode(response), 'invalid-request');
  });

  test('malformed json is rejected', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    assert.equal(response.statusCode, 400);
    assert.equal(errorCode(response), 'invalid-request');
  });

  test('form bodies are not accepted', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a%40b.c&password=x',
    });
    assert.equal(response.statusCode, 415);
    assert.equal(errorCode(response), 'unsupported-media-type');
  });

  test('oversized body is rejected', async () => {
    const response = await customer.request('POST', '/api/v1/cases', {
      title: '很长',
      description: '长'.repeat(40_000),
    });
    assert.equal(response.statusCode, 413);
    assert.equal(errorCode(response), 'payload-too-large');
  });

  test('unknown api route is a json 404', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/v1/nothing' });
    assert.equal(response.statusCode, 404);
    assert.equal(errorCode(response), 'not-found');
  });

  test('responses carry security headers', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    const csp = response.headers['content-security-policy'] as string;
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(typeof response.headers['x-request-id'], 'string');
  });

  test('openapi document lists the routes', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    assert.equal(response.statusCode, 200);
    const document = response.json();
    assert.match(document.openapi, /^3\./);
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/cases',
      '/api/v1/cases/{id}/messages',
      '/api/v1/intake',
      '/api/v1/stats/dashboard',
      '/api/v1/faq/suggest',
    ]) {
      assert.ok(document.paths[path], `${path} missing`);
    }
    assert.ok(document.components.schemas.CaseDetail);
    assert.ok(document.components.schemas.ErrorResponse);
  });

  test('api docs page is served', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /text\/html/);
  });

  test('every error code is documented', () => {
    const docs = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
    for (const [code, entry] of Object.entries(API_ERRORS)) {
      assert.ok(docs.includes(`| \`${code}\` | ${entry.status} |`), `${code} missing from docs`);
    }
  });
});

describe('rate limits', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({
      rateLimits: {
        login: { max: 3, windowMs: 60_000 },
        faqSuggest: { max: 2, windowMs: 60_000 },
      },
    });
  });
  after(() => server.close());

  test('login limit kicks in', async () => {
    const attempt = () =>
      server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'guess@example.com', password: 'guessing-password' },
      });
    for (let i = 0; i < 3; i++) assert.equal((await attempt()).statusCode, 401);
    const limited = await attempt();
    assert.equal(limited.statusCode, 429);
    assert.equal(errorCode(limited), 'rate-limited');
    assert.ok(Number(limited.headers['retry-after']) > 0);
  });

  test('limit applies even to right passwords', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: server.admin.email, password: server.admin.password },
    });
    assert.equal(response.statusCode, 429);
  });

  test('other clients are not limited', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '127.0.0.2',
      payload: { email: server.admin.email, password: server.admin.password },
    });
    assert.equal(response.statusCode, 200);
  });

  test('faq suggest is limited', async () => {
    const suggest = () =>
      server.app.inject({ method: 'GET', url: '/api/v1/faq/suggest?q=证书审核' });
    assert.equal((await suggest()).statusCode, 200);
    assert.equal((await suggest()).statusCode, 200);
    assert.equal((await suggest()).statusCode, 429);
  });
});

describe('logging', () => {
  let server: TestServer;
  let output = '';

  before(async () => {
    server = await startTestServer({
      logger: { level: 'debug', stream: { write: (line: string) => (output += line) } },
    });
  });
  after(() => server.close());

  test('log contains no secrets or text', async () => {
    const admin = await login(server.app, server.admin.email, server.admin.password);
    const customer = await signup(server.app, 'secret-owner@example.com', 'my-secret-password');
    await customer.request('POST', '/api/v1/cases', {
      title: '手机 13912345678 收不到短信',
      description: '验证码收不到，手机 13912345678',
    });
    const token = (
      await admin.request('POST', '/api/v1/tokens', { name: 'x', scope: 'api' })
    ).json().token as string;
    await server.app.inject({
      method: 'GET',
      url: '/api/v1/cases?q=13912345678',
      headers: { authorization: `Bearer ${token}` },
    });

    assert.ok(output.includes('request completed'));
    for (const secret of [
      server.admin.password,
      'my-secret-password',
      admin.cookie,
      admin.csrfToken,
      customer.cookie,
      token,
      '13912345678',
      'secret-owner@example.com',
      '收不到短信',
    ]) {
      assert.ok(!output.includes(secret), `log contains ${secret.slice(0, 12)}`);
    }
  });
});
