import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseArchive } from '../../src/ingest/index.js';
import { SAMPLE } from '../helpers.js';
import {
  createAccount,
  errorCode,
  login,
  signup,
  startTestServer,
  type Client,
  type TestServer,
} from './helpers.js';

// One record in the archive format, with a phone number that the import must redact.
const PART15 = `# 客户支持问题处理记录 (Part 15)

本文档包含 1 个客户支持问题的结构化记录。

================================================================================

## Q1: 回源失败

**问题分类**: CDN｜配置问题

### 问题描述
CDN 回源一直 502，联系电话 13912345678

### 客服解答
您好，请检查源站防火墙是否放行回源 IP

### 根本原因分析
源站拦截了回源请求

### 完整对话记录
**客户**：CDN 回源一直 502，联系电话 13912345678

**客服**：您好，请检查源站防火墙是否放行回源 IP

---
`;

function multipart(
  files: Array<{ name: string; content: string }>,
  fields: Record<string, string> = {},
) {
  const boundary = '----casebook-test-boundary';
  const parts: string[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
  }
  for (const file of files) {
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        `Content-Type: text/markdown\r\n\r\n${file.content}\r\n`,
    );
  }
  parts.push(`--${boundary}--\r\n`);
  return {
    payload: Buffer.from(parts.join(''), 'utf8'),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('archive import and export', () => {
  let server: TestServer;
  let admin: Client;
  let agent: Client;

  before(async () => {
    server = await startTestServer();
    admin = await login(server.app, server.admin.email, server.admin.password);
    agent = await createAccount(admin, 'agent@example.com', 'agent');
  });
  after(() => server.close());

  test('multipart upload imports a file', async () => {
    const body = multipart([{ name: 'support-records-part15.md', content: PART15 }]);
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/import',
      cookies: { casebook_session: admin.cookie },
      headers: { ...body.headers, 'x-csrf-token': admin.csrfToken },
      payload: body.payload,
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().imported, 1);
    assert.deepEqual(response.json().redactions, { PHONE: 1 });
    const row = (await server.store.sql.get(
      "SELECT description FROM cases JOIN sources ON sources.id = source_id WHERE sources.name = 'support-records-part15.md'",
    )) as { description: string };
    assert.equal(row.description, 'CDN 回源一直 502，联系电话 [PHONE_1]');
  });

  test('text body import is idempotent', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/import?name=support-records-part15.md',
      cookies: { casebook_session: admin.cookie },
      headers: { 'content-type': 'text/markdown', 'x-csrf-token': admin.csrfToken },
      payload: PART15,
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().unchanged, 1);
    assert.equal(response.json().imported, 0);
  });

  test('broken file is rejected with lines', async () => {
    const broken = PART15.replace('**问题分类**: CDN｜配置问题', '**问题分类**: 没有分隔符');
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/import?name=broken.md',
      cookies: { casebook_session: admin.cookie },
      headers: { 'content-type': 'text/plain', 'x-csrf-token': admin.csrfToken },
      payload: broken,
    });
    assert.equal(response.statusCode, 422);
    assert.equal(errorCode(response), 'import-rejected');
    const summary = response.json().error.details;
    assert.deepEqual(summary.rejectedFiles, ['broken.md']);
    assert.ok(summary.errors[0].line > 0);
    assert.ok(!response.body.includes('casebook-import-'), 'temporary folder leaked');
  });

  test('text body that is not UTF-8 is rejected as a file would be', async () => {
    // "上传失败" in GBK, then plain ASCII: Fastify's string parser would have stored U+FFFD.
    const gbk = Buffer.concat([
      Buffer.from('# title\n\n', 'ascii'),
      Buffer.from([0xc9, 0xcf, 0xb4, 0xab, 0xca, 0xa7, 0xb0, 0xdc]),
      Buffer.from('\n', 'ascii'),
    ]);
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/import?name=gbk-body.md',
      cookies: { casebook_session: admin.cookie },
      headers: { 'content-type': 'text/markdown', 'x-csrf-token': admin.csrfToken },
      payload: gbk,
    });
    assert.equal(response.statusCode, 422, response.body);
    const summary = response.json().error.details;
    assert.deepEqual(summary.rejectedFiles, ['gbk-body.md']);
    assert.equal(summary.rejectedFileCount, 1);
    assert.equal(summary.rejected, 0);
    assert.match(summary.errors[0].message, /not valid UTF-8/);
  });

  test('import is admin only', async () => {
    const response = await agent.request('POST', '/api/v1/import?name=x.md', undefined);
    assert.equal(response.statusCode, 403);
    const count = (await server.store.sql.get(
      "SELECT count(*) AS n FROM sources WHERE name = 'x.md'",
    )) as { n: number };
    assert.equal(count.n, 0);
  });

  test('file name must have a known extension', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/import?name=../../etc/passwd',
      cookies: { casebook_session: admin.cookie },
      headers: { 'content-type': 'text/plain', 'x-csrf-token': admin.csrfToken },
      payload: PART15,
    });
    assert.equal(response.statusCode, 400);
    assert.equal(errorCode(response), 'invalid-request');
  });

  test('import writes an audit entry', async () => {
    const log = await admin.request('GET', '/api/v1/audit-log?action=archive.import');
    assert.equal(log.statusCode, 200);
    assert.ok(log.json().total >= 2);
  });

  test('jsonl export has every case', async () => {
    const response = await admin.request('GET', '/api/v1/export?format=jsonl');
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /^application\/x-ndjson/);
    const lines = response.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.equal(lines.length, 96);
    assert.ok(!response.body.includes('13912345678'));
  });

  test('records export reads back', async () => {
    const response = await admin.request(
      'GET',
      '/api/v1/export?format=records&source=support-records-part14.md',
    );
    assert.equal(response.statusCode, 200);
    const parsed = parseArchive(response.body, 'export.md');
    const original = parseArchive(readFileSync(SAMPLE, 'utf8'), 'sample.md');
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.records.length, original.records.length);
  });

  test('records export of all sources needs a source', async () => {
    const response = await admin.request('GET', '/api/v1/export?format=records');
    assert.equal(response.statusCode, 400);
    assert.equal(errorCode(response), 'export-source-required');
  });

  test('portal cases export without notes', async () => {
    const customer = await signup(server.app, 'export@example.com');
    const opened = await customer.request('POST', '/api/v1/cases', {
      title: '上传失败',
      description: '上传文件时报错 403',
      product: '对象存储',
      type: '上传下载',
    });
    const id = opened.json().case.id;
    await agent.request('POST', `/api/v1/cases/${id}/messages`, {
      text: '内部备注不应导出',
      internal: true,
    });
    const response = await admin.request('GET', '/api/v1/export?format=records&source=portal');
    assert.equal(response.statusCode, 200);
    assert.deepEqual(parseArchive(response.body, 'portal.md').errors, []);
    assert.ok(response.body.includes('上传文件时报错 403'));
    assert.ok(!response.body.includes('内部备注'));
  });

  test('export is admin only', async () => {
    const response = await agent.request('GET', '/api/v1/export?format=jsonl');
    assert.equal(response.statusCode, 403);
    assert.equal(errorCode(response), 'forbidden');
  });

  test('export writes an audit entry', async () => {
    const log = await admin.request('GET', '/api/v1/audit-log?action=archive.export');
    assert.ok(log.json().total >= 3);
  });

  test('jsonl export imports back unchanged', async () => {
    const exported = await admin.request('GET', '/api/v1/export?format=jsonl');
    const lines = exported.body.trim().split('\n').length;
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/import?name=cases.jsonl',
      cookies: { casebook_session: admin.cookie },
      headers: { 'content-type': 'application/x-ndjson', 'x-csrf-token': admin.csrfToken },
      payload: exported.body,
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().imported, 0);
    assert.equal(response.json().updated, 0);
    assert.equal(response.json().unchanged, lines);
    const source = (await server.store.sql.get(
      "SELECT count(*) AS n FROM sources WHERE name = 'cases.jsonl'",
    )) as { n: number };
    assert.equal(Number(source.n), 0);
  });

  test('archive named .txt imports as archive', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/import?name=part15-copy.txt',
      cookies: { casebook_session: admin.cookie },
      headers: { 'content-type': 'text/plain', 'x-csrf-token': admin.csrfToken },
      payload: PART15,
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().imported, 1);
    assert.deepEqual(response.json().errors, []);
  });

  test('transcript records export uses Q refs', async () => {
    // Conversation ids 12 and vip give the refs T-12 and T-vip.
    const chatLog =
      '=== 会话 12 ===\n客户：CDN 回源一直 502\n客服：您好，请检查源站防火墙\n\n' +
      '=== 会话 vip ===\n客户：账号被冻结了\n客服：您好，这边帮您提交工单处理\n';
    const imported = await importText('chat-export.txt', chatLog);
    assert.equal(imported.statusCode, 200, imported.body);

    const response = await admin.request(
      'GET',
      '/api/v1/export?format=records&source=chat-export.txt',
    );
    assert.equal(response.statusCode, 200, response.body);
    const parsed = parseArchive(response.body, 'chat-export.md');
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(
      parsed.records.map((record) => record.ref),
      ['Q12', 'Q13'],
    );
  });

  test('unwritable case fails with export-failed', async () => {
    const chatLog = '=== 会话 7 ===\n客户：按模板填写\n### 客服解答\n客服：收到\n';
    const imported = await importText('template.txt', chatLog);
    assert.equal(imported.statusCode, 200, imported.body);

    const response = await admin.request(
      'GET',
      '/api/v1/export?format=records&source=template.txt',
    );
    assert.equal(response.statusCode, 422);
    assert.equal(errorCode(response), 'export-failed');
    const message = response.json().error.message as string;
    assert.match(message, /^Case T-7 of source "template\.txt" cannot be written/);
    assert.match(message, /record Q7, field /);
    assert.match(message, /Export format=jsonl instead\.$/);
  });

  function importText(name: string, text: string) {
    return server.app.inject({
      method: 'POST',
      url: `/api/v1/import?name=${name}`,
      cookies: { casebook_session: admin.cookie },
      headers: { 'content-type': 'text/plain', 'x-csrf-token': admin.csrfToken },
      payload: text,
    });
  }
});
