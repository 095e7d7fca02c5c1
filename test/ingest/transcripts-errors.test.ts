import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  TRANSCRIPT_ERROR_CODES,
  TranscriptError,
  parseTranscripts,
  readTranscriptFile,
  type TranscriptErrorCode,
} from '../../src/ingest/transcripts/index.js';
import { tempDir } from '../helpers.js';

interface ErrorCase {
  name: string;
  file: string;
  lines: string[];
  code: TranscriptErrorCode;
  line: number;
  /** Text the message must contain, such as the value found. */
  mentions: string;
}

const GOOD_JSON = '{"id":"ok","messages":[{"role":"customer","text":"证书卡住了"}]}';
const CSV_HEADER = 'conversation_id,role,text,at';

const cases: ErrorCase[] = [
  {
    name: 'invalid JSON',
    file: 'chats.jsonl',
    lines: [GOOD_JSON, '{"id": "c2", "messages": [}'],
    code: 'invalid-json',
    line: 2,
    mentions: 'not valid JSON',
  },
  {
    name: 'JSON array line',
    file: 'chats.jsonl',
    lines: [GOOD_JSON, '', '["c2"]'],
    code: 'invalid-json',
    line: 3,
    mentions: 'an array',
  },
  {
    name: 'missing id',
    file: 'chats.jsonl',
    lines: [GOOD_JSON, '{"messages":[{"role":"customer","text":"退款"}]}'],
    code: 'missing-id',
    line: 2,
    mentions: 'field "id"',
  },
  {
    name: 'id with a line break',
    file: 'chats.jsonl',
    lines: ['{"id":"c\\n2","messages":[{"role":"customer","text":"退款"}]}'],
    code: 'invalid-id',
    line: 1,
    mentions: 'line break',
  },
  {
    name: 'duplicate id',
    file: 'chats.jsonl',
    lines: [GOOD_JSON, GOOD_JSON],
    code: 'duplicate-id',
    line: 2,
    mentions: 'already used at line 1',
  },
  {
    name: 'missing messages',
    file: 'chats.jsonl',
    lines: ['{"id":"c1","title":"退款"}'],
    code: 'missing-messages',
    line: 1,
    mentions: 'field "messages" is missing',
  },
  {
    name: 'empty messages array',
    file: 'chats.jsonl',
    lines: [GOOD_JSON, '{"id":"c1","messages":[]}'],
    code: 'missing-messages',
    line: 2,
    mentions: 'an empty array',
  },
  {
    name: 'message of wrong type',
    file: 'chats.jsonl',
    lines: ['{"id":"c1","messages":["证书卡住了"]}'],
    code: 'invalid-field',
    line: 1,
    mentions: 'messages[0] is the text "证书卡住了", expected an object',
  },
  {
    name: 'unknown JSON role',
    file: 'chats.jsonl',
    lines: ['{"id":"c1","messages":[{"role":"bot","text":"您好"}]}'],
    code: 'unknown-role',
    line: 1,
    mentions: 'messages[0].role is "bot"',
  },
  {
    name: 'empty JSON text',
    file: 'chats.jsonl',
    lines: [GOOD_JSON, '{"id":"c1","messages":[{"role":"customer","text":"  "}]}'],
    code: 'empty-message',
    line: 2,
    mentions: 'messages[0].text',
  },
  {
    name: 'category without separator',
    file: 'chats.jsonl',
    lines: ['{"id":"c1","category":"CDN","messages":[{"role":"customer","text":"退款"}]}'],
    code: 'invalid-category',
    line: 1,
    mentions: '"CDN"',
  },
  {
    name: 'JSON day that does not exist',
    file: 'chats.jsonl',
    lines: ['{"id":"c1","messages":[{"role":"customer","text":"退款","at":"2024-02-30 10:00"}]}'],
    code: 'invalid-timestamp',
    line: 1,
    mentions: '"2024-02-30 10:00"',
  },
  {
    name: 'CSV missing text column',
    file: 'messages.csv',
    lines: ['conversation_id,role,body_text', 'c1,customer,退款'],
    code: 'missing-column',
    line: 1,
    mentions: 'no text (or content, message) column',
  },
  {
    name: 'CSV row with extra fields',
    file: 'messages.csv',
    lines: [CSV_HEADER, 'c1,customer,退款,10:00,extra'],
    code: 'invalid-csv',
    line: 2,
    mentions: 'the row has 5 fields but the header has 4',
  },
  {
    name: 'CSV unclosed quote',
    file: 'messages.csv',
    lines: [
      CSV_HEADER,
      'c1,customer,"证书',
      '卡住了",10:00',
      '',
      'c1,agent,"已处理,10:05',
      'c2,customer,退款,',
    ],
    code: 'invalid-csv',
    line: 5,
    mentions: 'never closed',
  },
  {
    name: 'CSV row without id',
    file: 'messages.csv',
    lines: [CSV_HEADER, 'c1,customer,退款,', ',agent,已处理,'],
    code: 'missing-id',
    line: 3,
    mentions: 'column "conversation_id"',
  },
  {
    name: 'unknown CSV role',
    file: 'messages.csv',
    lines: [CSV_HEADER, 'c1,robot,您好,'],
    code: 'unknown-role',
    line: 2,
    mentions: 'column "role" is "robot"',
  },
  {
    name: 'empty CSV text after multi-line row',
    file: 'messages.csv',
    lines: [CSV_HEADER, 'c1,customer,"证书', '卡住了",', 'c1,agent,,'],
    code: 'empty-message',
    line: 4,
    mentions: 'column "text"',
  },
  {
    name: 'role in a multi-line row',
    file: 'messages.csv',
    lines: [CSV_HEADER, 'c1,customer,"证书', '卡住了",', 'c1,bot,"您好', '请稍等",'],
    code: 'unknown-role',
    line: 4,
    mentions: 'column "role" is "bot"',
  },
  {
    name: 'invalid CSV time',
    file: 'messages.csv',
    lines: [CSV_HEADER, 'c1,customer,退款,25:61'],
    code: 'invalid-timestamp',
    line: 2,
    mentions: '"25:61"',
  },
  {
    name: 'text before the first role',
    file: 'chat.txt',
    lines: [
      '=== 会话 1 ===',
      '客户：证书卡住了',
      '=== 会话 2 ===',
      '标题：退款',
      '我想退款',
      '客户：退款',
    ],
    code: 'text-before-role',
    line: 5,
    mentions: '"我想退款"',
  },
  {
    name: 'empty chat log message',
    file: 'chat.txt',
    lines: ['客户：证书卡住了', '客服：', '客户：在吗'],
    code: 'empty-message',
    line: 2,
    mentions: 'message text',
  },
  {
    name: 'chat log month 13',
    file: 'chat.txt',
    lines: ['2024-10-07 11:21 客户：证书卡住了', '2024-13-07 11:25 客服：已处理'],
    code: 'invalid-timestamp',
    line: 2,
    mentions: '"2024-13-07 11:25"',
  },
  {
    name: 'chat log category header',
    file: 'chat.txt',
    lines: ['分类：证书问题', '客户：证书卡住了'],
    code: 'invalid-category',
    line: 1,
    mentions: '"证书问题"',
  },
  {
    name: 'chat log block without messages',
    file: 'chat.txt',
    lines: ['=== 会话 1 ===', '标题：退款'],
    code: 'missing-messages',
    line: 1,
    mentions: 'no messages',
  },
  {
    name: 'duplicate separator id',
    file: 'chat.txt',
    lines: ['=== 会话 7 ===', '客户：退款', '=== 会话 7 ===', '客户：证书卡住了'],
    code: 'duplicate-id',
    line: 3,
    mentions: 'conversation id "7"',
  },
  {
    name: 'unknown format',
    file: 'notes.md',
    lines: ['# 备忘', '', '这里没有对话'],
    code: 'unknown-format',
    line: 1,
    mentions: 'cannot detect the transcript format',
  },
];

describe('transcript errors', () => {
  for (const errorCase of cases) {
    it(`reports ${errorCase.name}`, () => {
      const parsed = parseTranscripts(errorCase.lines.join('\n'), errorCase.file);
      const error = parsed.errors.find((candidate) => candidate.code === errorCase.code);

      assert.ok(error, `no ${errorCase.code} error in ${parsed.errors.map((e) => e.code).join()}`);
      assert.equal(error.line, errorCase.line);
      assert.equal(error.file, errorCase.file);
      assert.ok(error.message.startsWith(`${errorCase.file}:${errorCase.line}: `), error.message);
      assert.ok(error.message.includes(errorCase.mentions), error.message);
    });
  }

  it('covers every catalogued code', () => {
    const tested = new Set<string>([
      ...cases.map((errorCase) => errorCase.code),
      'invalid-encoding',
    ]);
    assert.deepEqual(Object.keys(TRANSCRIPT_ERROR_CODES).sort(), [...tested].sort());
  });

  it('says what to do', () => {
    const parsed = parseTranscripts(
      '{"id":"c1","messages":[{"role":"bot","text":"您好"}]}',
      'a.jsonl',
    );
    assert.ok(parsed.errors[0].message.includes('use customer (or user'));
  });
});

describe('partly invalid files', () => {
  const text = [
    '{"id":"c1","messages":[{"role":"customer","text":"证书卡住了"}]}',
    '{"id":"c2","messages":[{"role":"customer","text":""},{"role":"bot","text":"您好"}]}',
    '{"id":"c3","messages":[{"role":"customer","text":"退款"}]}',
    '{"id":"c1","messages":[{"role":"customer","text":"账号被冻结了"}]}',
  ].join('\n');
  const parsed = parseTranscripts(text, 'chats.jsonl');

  it('keeps the valid conversations', () => {
    const ids = parsed.conversations.map((conversation) => conversation.meta.conversationId);
    assert.deepEqual(ids, ['c1', 'c3']);
  });

  it('keeps the first duplicate', () => {
    assert.equal(parsed.conversations[0].record.description, '证书卡住了');
  });

  it('lists invalid ids once', () => {
    assert.deepEqual(parsed.invalidIds, ['c2', 'c1']);
  });

  it('reports every error by line', () => {
    const found = parsed.errors.map((error) => `${error.line}:${error.code}`);
    assert.deepEqual(found, ['2:empty-message', '2:unknown-role', '4:duplicate-id']);
  });

  it('reports all rows of a CSV conversation', () => {
    const csv = ['conversation_id,role,text', 'c1,customer,', 'c2,customer,退款', 'c1,bot,您好'];
    const result = parseTranscripts(csv.join('\n'), 'messages.csv');
    assert.deepEqual(result.invalidIds, ['c1']);
    assert.deepEqual(
      result.errors.map((error) => error.line),
      [2, 4],
    );
    assert.equal(result.conversations.length, 1);
  });
});

describe('readTranscriptFile encoding', () => {
  const { dir, cleanup } = tempDir('casebook-transcripts-');
  after(cleanup);

  it('rejects GBK bytes', () => {
    const file = path.join(dir, 'gbk.txt');
    // "客户：" in GBK.
    writeFileSync(file, Buffer.from([0xbf, 0xcd, 0xbb, 0xa7, 0xa3, 0xba, 0x0a]));
    assert.throws(
      () => readTranscriptFile(file),
      (error: unknown) =>
        error instanceof TranscriptError && error.code === 'invalid-encoding' && error.line === 1,
    );
  });

  it('rejects UTF-16', () => {
    const file = path.join(dir, 'utf16.csv');
    writeFileSync(
      file,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n', 'utf16le')]),
    );
    assert.throws(() => readTranscriptFile(file), /UTF-16LE byte order mark/);
  });

  it('reads a UTF-8 BOM file', () => {
    const file = path.join(dir, 'bom.jsonl');
    writeFileSync(file, `\uFEFF${'{"id":"c1","messages":[{"role":"customer","text":"退款"}]}'}\n`);
    assert.equal(readTranscriptFile(file).conversations.length, 1);
  });
});
