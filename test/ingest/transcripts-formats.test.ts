import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  detectTranscriptFormat,
  parseTranscripts,
  readTranscriptFile,
  type ParsedTranscripts,
} from '../../src/ingest/transcripts/index.js';
import { fixture } from '../helpers.js';

const JSONL_PATH = fixture('transcripts', 'chats.jsonl');
const CSV_PATH = fixture('transcripts', 'messages.csv');
const TEXT_PATH = fixture('transcripts', 'chat-log.txt');

function readText(filePath: string): string {
  return readFileSync(filePath, 'utf8');
}

function findCase(parsed: ParsedTranscripts, ref: string) {
  const found = parsed.conversations.find((conversation) => conversation.record.ref === ref);
  assert.ok(found, `case ${ref} is missing`);
  return found;
}

describe('detectTranscriptFormat', () => {
  it('detects JSON Lines by content', () => {
    assert.equal(detectTranscriptFormat(readText(JSONL_PATH), 'export.dat'), 'jsonl');
  });

  it('detects CSV by its header', () => {
    assert.equal(detectTranscriptFormat(readText(CSV_PATH), 'export.txt'), 'csv');
  });

  it('detects chat log by separators', () => {
    assert.equal(detectTranscriptFormat(readText(TEXT_PATH), 'export.csv'), 'text');
  });

  it('detects chat log by role lines', () => {
    const text = '聊天记录导出\n2024-10-07 11:21:36 客户：证书一直在审核中\n';
    assert.equal(detectTranscriptFormat(text, 'export.dat'), 'text');
  });

  it('ignores a byte order mark', () => {
    assert.equal(detectTranscriptFormat(`\uFEFF${readText(JSONL_PATH)}`, 'x'), 'jsonl');
  });

  it('falls back to the extension', () => {
    assert.equal(detectTranscriptFormat('id;role;text\n', 'export.csv'), 'csv');
    assert.equal(detectTranscriptFormat('not json\n', 'export.ndjson'), 'jsonl');
    assert.equal(detectTranscriptFormat('hello\n', 'export.log'), 'text');
  });

  it('returns null for unknown content', () => {
    assert.equal(detectTranscriptFormat('# notes\n\nhello\n', 'notes.md'), null);
  });

  it('lets a given format win', () => {
    const parsed = parseTranscripts('客户：证书一直在审核中\n', 'chat.jsonl', 'text');
    assert.equal(parsed.format, 'text');
    assert.equal(parsed.conversations.length, 1);
  });
});

describe('JSON Lines transcripts', () => {
  const parsed = readTranscriptFile(JSONL_PATH);

  it('reads four conversations without errors', () => {
    assert.equal(parsed.format, 'jsonl');
    assert.equal(parsed.conversations.length, 4);
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.invalidIds, []);
  });

  it('maps role aliases', () => {
    const roles = findCase(parsed, 'T-c-1002').record.turns.map((turn) => turn.role);
    assert.deepEqual(roles, ['customer', 'customer', 'agent', 'agent']);
    const chineseRoles = findCase(parsed, 'T-c-1003').record.turns.map((turn) => turn.role);
    assert.deepEqual(chineseRoles, ['customer', 'agent', 'customer', 'agent', 'customer']);
  });

  it('accepts an ASCII category separator', () => {
    const { meta } = findCase(parsed, 'T-c-1002');
    assert.deepEqual(meta.sourceCategory, { product: '对象存储', type: '上传下载' });
  });

  it('drops system messages from turns', () => {
    const { record, meta } = findCase(parsed, 'T-c-1004');
    assert.equal(record.turns.length, 3);
    assert.equal(meta.messageCount, 4);
    assert.equal(record.turns[0].text, '在吗？');
  });

  it('reads an offset in created_at', () => {
    assert.equal(findCase(parsed, 'T-c-1003').meta.createdAt, '2024-10-08T01:00:00.000Z');
  });
});

describe('CSV transcripts', () => {
  const parsed = readTranscriptFile(CSV_PATH);

  it('reads three conversations without errors', () => {
    assert.equal(parsed.format, 'csv');
    assert.deepEqual(
      parsed.conversations.map((conversation) => conversation.record.ref),
      ['T-c-2001', 'T-c-2002', 'T-c-2003'],
    );
    assert.deepEqual(parsed.errors, []);
  });

  it('groups interleaved rows', () => {
    assert.equal(findCase(parsed, 'T-c-2001').record.turns.length, 4);
    assert.equal(findCase(parsed, 'T-c-2002').record.turns.length, 2);
  });

  it('keeps quoted multi-line text', () => {
    const turn = findCase(parsed, 'T-c-2001').record.turns[1];
    assert.equal(
      turn.text,
      '用 SDK 上传时报错：\n{"error":"expired token","code":401}\n请问怎么处理？',
    );
  });

  it('reads aliased header names', () => {
    const { record, meta } = findCase(parsed, 'T-c-2001');
    assert.equal(record.title, '上传失败');
    assert.deepEqual(meta.sourceCategory, { product: '对象存储', type: '上传下载' });
    assert.equal(meta.createdAt, '2024-10-09T02:00:00.000Z');
  });

  it('sorts fully dated rows by time', () => {
    const roles = findCase(parsed, 'T-c-2003').record.turns.map((turn) => turn.role);
    assert.deepEqual(roles, ['customer', 'agent']);
  });

  it('keeps row order without dates', () => {
    const text = [
      'conversation_id,role,text,at',
      'c1,agent,您好，已经为您重新签发证书,10:05',
      'c1,customer,证书一直在审核中,',
    ].join('\n');
    const roles = parseTranscripts(text, 'x.csv').conversations[0].record.turns.map((t) => t.role);
    assert.deepEqual(roles, ['agent', 'customer']);
  });

  it('accepts CRLF line endings', () => {
    const text = 'conversation_id,role,text\r\nc1,customer,"证书\r\n卡住了"\r\nc1,agent,已处理\r\n';
    const parsed = parseTranscripts(text, 'x.csv');
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.conversations[0].record.turns[0].text, '证书\n卡住了');
  });
});

describe('chat log transcripts', () => {
  const parsed = readTranscriptFile(TEXT_PATH);

  it('reads ids from separators', () => {
    assert.equal(parsed.format, 'text');
    assert.deepEqual(
      parsed.conversations.map((conversation) => conversation.meta.conversationId),
      ['3001', '3002'],
    );
    assert.deepEqual(parsed.errors, []);
  });

  it('reads title and category headers', () => {
    const { record } = findCase(parsed, 'T-3001');
    assert.equal(record.title, '证书卡在审核中');
    assert.equal(record.product, 'CDN');
    assert.equal(record.type, '证书问题');
  });

  it('reads CSV role words too', () => {
    const text =
      '顾客：镜像导入失败\n人工客服：请问是什么格式\nCustomer: qcow2 的\nagent: 请确认文件完整\n';
    const turns = parseTranscripts(text, 'chat.txt', 'text').conversations[0]!.record.turns;
    assert.deepEqual(
      turns.map((turn) => turn.role),
      ['customer', 'agent', 'customer', 'agent'],
    );
    assert.equal(turns[2]!.text, 'qcow2 的');
  });

  it('splits at lone carriage returns', () => {
    const parsed = parseTranscripts(
      '客户：镜像导入失败\r客服：请问是什么格式\r',
      'chat.txt',
      'text',
    );
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.conversations[0]!.record.turns.length, 2);
  });

  it('notes an unknown speaker line', () => {
    const text =
      '客户：链接打不开了\n客服：请发一下链接\n经理：我们再确认一下有效期\n注意：请先备份\n';
    const parsed = parseTranscripts(text, 'chat.txt', 'text');
    assert.equal(parsed.conversations[0]!.record.turns.length, 2);
    assert.deepEqual(
      parsed.notices.map((notice) => notice.line),
      [3],
    );
  });

  it('keeps a pasted PEM block in its message', () => {
    const text = [
      '=== 会话 1 ===',
      '客户：私钥上传提示格式不对，私钥如下：',
      '-----BEGIN RSA PRIVATE KEY-----',
      'MIIEpAIBAAKCAQEAx3kP9fQmZ2rL8wT5yNc1bV7sHd4JgKuE6iOqRt0aZxCvBnMl',
      '-----END RSA PRIVATE KEY-----',
      '客服：请上传不带密码的 PEM 私钥',
      '--- 会话 2 ---',
      '客户：证书过期了',
    ].join('\n');
    const parsed = parseTranscripts(text, 'chat.txt', 'text');
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.conversations.length, 2);
    const turns = parsed.conversations[0]!.record.turns;
    assert.equal(turns.length, 2);
    assert.ok(turns[0]!.text.endsWith('-----END RSA PRIVATE KEY-----'));
  });

  it('joins continuation lines', () => {
    const turn = findCase(parsed, 'T-3001').record.turns[2];
    assert.equal(turn.role, 'agent');
    assert.ok(
      turn.text.endsWith(
        '：\nimg.example.com -> img-example-com.cdn.example.net\n修改后重新提交即可',
      ),
    );
  });

  it('reads ASCII colons and bracketed times', () => {
    const { record, meta } = findCase(parsed, 'T-3002');
    assert.equal(record.turns[0].text, '你好');
    assert.equal(record.turns.length, 4);
    assert.equal(meta.messageCount, 5);
    assert.equal(meta.firstResponseSeconds, 60);
  });

  it('splits at two blank lines', () => {
    const text =
      '客户：证书卡住了\n\n补充：域名是 img.example.com\n客服：已处理\n\n\n客户：上传报错401\n';
    const parsed = parseTranscripts(text, 'chat.txt');
    assert.deepEqual(
      parsed.conversations.map((conversation) => conversation.record.ref),
      ['T-1', 'T-2'],
    );
    assert.equal(
      parsed.conversations[0].record.turns[0].text,
      '证书卡住了\n\n补充：域名是 img.example.com',
    );
  });

  it('keeps blank runs inside separated blocks', () => {
    const text = '=== 会话 a ===\n客户：证书卡住了\n\n\n客服：已处理\n=== 会话 b ===\n客户：退款\n';
    const parsed = parseTranscripts(text, 'chat.txt');
    assert.equal(parsed.conversations.length, 2);
    assert.equal(parsed.conversations[0].record.turns.length, 2);
  });

  it('rolls times over midnight', () => {
    const text = '[23:58] 客户：证书卡住了\n[00:03] 客服：您好，已经帮您重新签发';
    const { meta } = parseTranscripts(text, 'chat.txt').conversations[0];
    assert.equal(meta.firstResponseSeconds, 300);
    assert.equal(meta.createdAt, null);
  });

  it('dates times from 创建时间', () => {
    const text =
      '创建时间：2024-10-07\n[11:00] 客户：证书卡住了\n[11:05] 客服：您好，已经帮您重新签发';
    const { meta } = parseTranscripts(text, 'chat.txt').conversations[0];
    assert.equal(meta.createdAt, '2024-10-06T16:00:00.000Z');
    assert.equal(meta.durationSeconds, 300);
  });

  it('dates times from earlier messages', () => {
    const text = '2024-10-07 10:59:00 客户：证书卡住了\n[11:05] 客服：您好，已经帮您重新签发';
    const { meta } = parseTranscripts(text, 'chat.txt').conversations[0];
    assert.equal(meta.createdAt, '2024-10-07T02:59:00.000Z');
    assert.equal(meta.durationSeconds, 360);
  });
});
