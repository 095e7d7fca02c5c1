import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { API_ERRORS } from '../../src/server/index.js';
import {
  createAccount,
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

/** The parts of a JSON Schema that the triage schema tests walk. */
interface SchemaNode {
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  additionalProperties?: unknown;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

/** Returns the schema node at a dotted path such as `reply.properties.mode`, if there is one. */
function nodeAt(properties: Record<string, SchemaNode>, path: string): SchemaNode | undefined {
  let node: unknown = properties;
  for (const key of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key];
  return node as SchemaNode | undefined;
}

/** Lists every schema node that has properties, with its path such as `similar.items`. */
function objectNodes(node: SchemaNode, path = ''): Array<[string, SchemaNode]> {
  const found: Array<[string, SchemaNode]> = node.properties ? [[path, node]] : [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    found.push(...objectNodes(child, path ? `${path}.${key}` : key));
  }
  if (node.items) found.push(...objectNodes(node.items, `${path}.items`));
  return found;
}

/** Lists the fields of `value` that `schema` does not describe, such as `similar.0.extra`. */
function undescribedFields(value: unknown, schema: SchemaNode, path = ''): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => undescribedFields(item, schema.items ?? {}, `${path}${i}.`));
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const described = schema.properties?.[key];
    return described ? undescribedFields(child, described, `${path}${key}.`) : [`${path}${key}`];
  });
}

/**
 * Builds a validator for `schema` on the Ajv that Fastify bundles: a throw-away app whose one
 * route takes the schema as its body. Coercion, defaults and removal of properties are off, so
 * a value is checked as it is. `validate` returns Ajv's message, or null for a valid value.
 */
async function bodyValidator(schema: SchemaNode) {
  const app = Fastify({
    ajv: {
      customOptions: {
        coerceTypes: false,
        useDefaults: false,
        removeAdditional: false,
        allErrors: true,
        allowUnionTypes: true,
      },
    },
  });
  app.post('/', { schema: { body: schema } }, async () => ({ valid: true }));
  await app.ready();
  return {
    async validate(value: unknown): Promise<string | null> {
      const response = await app.inject({ method: 'POST', url: '/', payload: value as object });
      return response.statusCode === 200 ? null : response.json().message;
    },
    close: () => app.close(),
  };
}

describe('openapi triage schema', () => {
  let server: TestServer;
  let agent: Client;
  let customer: Client;
  let schema: SchemaNode;

  before(async () => {
    server = await startTestServer();
    const admin = await login(server.app, server.admin.email, server.admin.password);
    agent = await createAccount(admin, 'schema-agent@example.com', 'agent');
    customer = await signup(server.app, 'schema-customer@example.com');
    // Approved FAQ entries, so that triage results list FAQ matches too.
    await agent.request('POST', '/api/v1/faq/mine?minCases=2');
    const pending = (await agent.request('GET', '/api/v1/faq?status=pending')).json();
    for (const entry of pending) {
      await agent.request('PATCH', `/api/v1/faq/${entry.id}`, { status: 'approved' });
    }
    const document = (
      await server.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })
    ).json();
    schema = document.components.schemas.TriageResult;
  });
  after(() => server.close());

  test('nested triage fields are described', () => {
    const fields = schema.properties!;
    for (const [path, type] of [
      ['category.properties.productConfidence', 'number'],
      ['category.properties.alternatives.items.properties.label', 'string'],
      ['rootCause.properties.code', 'string'],
      ['rootCause.properties.evidence', 'array'],
      ['similar.items.properties.caseId', 'integer'],
      ['similar.items.properties.ref', 'string'],
      ['similar.items.properties.score', 'number'],
      ['reply.properties.text', 'string'],
      ['reply.properties.sources', 'array'],
      ['reply.properties.mode', 'string'],
      ['needsHuman.properties.value', 'boolean'],
      ['needsHuman.properties.reasons.items.properties.action', 'string'],
      ['faq.items.properties.refs', 'array'],
      ['redactions.items.properties.placeholder', 'string'],
    ] as const) {
      assert.equal(nodeAt(fields, path)?.type, type, `${path} is not a ${type}`);
    }
    for (const path of [
      'category.properties.confidence',
      'category.properties.productConfidence',
      'rootCause.properties.confidence',
      'similar.items.properties.score',
      'reply.properties.mode',
    ]) {
      assert.equal(
        typeof nodeAt(fields, path)?.description,
        'string',
        `${path} has no description`,
      );
    }
    assert.deepEqual(fields.reply!.properties!.mode!.enum, ['extractive', 'generated']);
    assert.deepEqual(fields.reply!.type, ['object', 'null']);
    assert.ok(fields.redactions!.items!.properties!.type!.enum!.includes('PHONE'));
  });

  test('every triage object stays open', () => {
    // The serializer drops the fields that a closed object does not list.
    const nodes = objectNodes(schema);
    assert.ok(nodes.length >= 10, `only ${nodes.length} objects described`);
    for (const [path, node] of nodes) {
      assert.equal(node.additionalProperties, true, `${path || 'TriageResult'} is closed`);
    }
  });

  test('triage responses match the schema', async () => {
    // A certificate question with a phone number, a frozen account that needs a person, and a
    // question about nothing in the archive.
    const question = '免费证书申请了一天还在审核中，网站https开不了，手机 13912345678';
    const frozen = '账户欠费被冻结了，刚充了500块，服务什么时候能恢复？';
    const opened = await customer.request('POST', '/api/v1/cases', {
      title: '证书审核',
      description: question,
    });
    assert.equal(opened.statusCode, 201);
    const caseId = opened.json().case.id;
    const bodies: Array<[string, Record<string, unknown>]> = [
      ['customer new case', opened.json().triage],
    ];
    for (const [label, client, method, url, payload] of [
      ['agent triage', agent, 'POST', '/api/v1/triage', { text: question }],
      ['agent triage, frozen account', agent, 'POST', '/api/v1/triage', { text: frozen }],
      ['agent triage, no match', agent, 'POST', '/api/v1/triage', { text: '明天会下雨吗' }],
      ['customer case triage', customer, 'GET', `/api/v1/cases/${caseId}/triage`, undefined],
      ['agent case triage', agent, 'GET', `/api/v1/cases/${caseId}/triage`, undefined],
      ['agent archive case triage', agent, 'GET', '/api/v1/cases/5/triage', undefined],
    ] as const) {
      const response = await client.request(method, url, payload);
      assert.equal(response.statusCode, 200, label);
      bodies.push([label, response.json()]);
    }

    // The responses must fill the nested parts, or the checks below prove little.
    const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);
    for (const [part, present] of [
      ['a reply draft', (body) => body.reply !== null && body.reply !== undefined],
      ['a null reply', (body) => body.reply === null],
      ['similar cases', (body) => count(body.similar) > 0],
      ['faq matches', (body) => count(body.faq) > 0],
      ['redactions', (body) => count(body.redactions) > 0],
      [
        'needs-human reasons',
        (body) => count((body.needsHuman as { reasons?: unknown })?.reasons) > 0,
      ],
    ] as Array<[string, (body: Record<string, unknown>) => boolean]>) {
      assert.ok(
        bodies.some(([, body]) => present(body)),
        `no response has ${part}`,
      );
    }

    const validator = await bodyValidator(schema);
    try {
      for (const [label, body] of bodies) {
        assert.equal(await validator.validate(body), null, label);
        assert.deepEqual(undescribedFields(body, schema), [], `${label}: undescribed fields`);
      }
    } finally {
      await validator.close();
    }
  });

  test('serializer keeps triage fields unchanged', async () => {
    // The engine's own result, as JSON.stringify writes it, is what the route must return: a
    // field missing from the schema would be dropped and a mistyped one coerced.
    const engine = await server.app.casebook.triage();
    for (const text of [
      '免费证书申请了一天还在审核中，网站https开不了，手机 13912345678',
      '账户欠费被冻结了，充值后服务什么时候恢复',
      '明天会下雨吗',
    ]) {
      const response = await agent.request('POST', '/api/v1/triage', { text });
      assert.equal(response.statusCode, 200);
      const expected = JSON.parse(JSON.stringify(await engine.run(text)));
      assert.deepEqual(response.json(), expected, text);
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
