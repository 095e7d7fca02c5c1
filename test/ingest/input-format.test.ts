import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { detectInputFormat, type FormatDetection } from '../../src/ingest/index.js';
import { SAMPLE, fixture } from '../helpers.js';

const ARCHIVE = readFileSync(SAMPLE, 'utf8');
const TRANSCRIPTS = {
  jsonl: readFileSync(fixture('transcripts', 'chats.jsonl'), 'utf8'),
  csv: readFileSync(fixture('transcripts', 'messages.csv'), 'utf8'),
  text: readFileSync(fixture('transcripts', 'chat-log.txt'), 'utf8'),
};

// One line as `casebook export --format jsonl` writes it.
const CASE_LINE = JSON.stringify({
  source: 'support-records-part14.md',
  ref: 'Q1',
  title: '账号注销',
  category: '账户与财务｜账户问题',
  product: '账户与财务',
  type: '账户问题',
  status: 'answered',
  description: '1',
  answer: '您好，目前注销可以在控制台操作',
  rootCause: '',
  turns: [{ role: 'customer', text: '1' }],
});

function formatOf(detection: FormatDetection) {
  return detection.format;
}

function detailOf(detection: FormatDetection): string {
  assert.equal(detection.format, null, 'a format was detected');
  return 'detail' in detection ? detection.detail : '';
}

describe('detectInputFormat archives', () => {
  for (const name of ['records.txt', 'records', 'records.log', 'records.jsonl', 'records.csv']) {
    it(`reads an archive named ${name}`, () => {
      assert.equal(formatOf(detectInputFormat(ARCHIVE, name)), 'archive');
    });
  }

  it('reads a .md file as an archive whatever it contains', () => {
    assert.equal(formatOf(detectInputFormat(TRANSCRIPTS.jsonl, 'chats.md')), 'archive');
    assert.equal(formatOf(detectInputFormat(TRANSCRIPTS.text, 'chat.MARKDOWN')), 'archive');
  });

  it('finds an archive without its title line', () => {
    const text = ARCHIVE.slice(ARCHIVE.indexOf('## Q1:'));
    assert.equal(formatOf(detectInputFormat(text, 'records.txt')), 'archive');
  });

  it('finds an archive whose record starts are broken', () => {
    // "## 1:" is no record start, but the category line and section headings are archive lines.
    const text = ARCHIVE.replace(/^## Q(\d+):/gm, '## $1:');
    assert.equal(formatOf(detectInputFormat(text, 'records.txt')), 'archive');
  });

  it('reads an exported archive without records', () => {
    const header = ARCHIVE.slice(0, ARCHIVE.indexOf('## Q1:'));
    assert.equal(formatOf(detectInputFormat(header, 'empty-export.txt')), 'archive');
  });

  it('ignores a byte order mark and CRLF line ends', () => {
    const text = `\uFEFF${ARCHIVE.replace(/\n/g, '\r\n')}`;
    assert.equal(formatOf(detectInputFormat(text, 'records.txt')), 'archive');
  });
});

describe('detectInputFormat transcripts', () => {
  for (const [format, text] of Object.entries(TRANSCRIPTS)) {
    it(`keeps ${format} transcripts under any name`, () => {
      assert.equal(formatOf(detectInputFormat(text, `chats.${format}`)), format);
      assert.equal(formatOf(detectInputFormat(text, 'chats.dat')), format);
      assert.equal(formatOf(detectInputFormat(text, 'chats')), format);
    });
  }

  it('keeps a chat log that opens with a Markdown title', () => {
    const text = `# 十月导出\n\n${TRANSCRIPTS.text}`;
    assert.equal(formatOf(detectInputFormat(text, 'chats.txt')), 'text');
  });

  it('keeps titled chat log with rules', () => {
    const text = '# 十月导出\n\n=====\n客户：证书一直在审核中\n客服：您好，请稍等\n';
    assert.equal(formatOf(detectInputFormat(text, 'chats.txt')), 'text');
  });

  it('names the format by extension when content decides nothing', () => {
    assert.equal(formatOf(detectInputFormat('你好\n', 'notes.txt')), 'text');
  });
});

describe('detectInputFormat case JSON Lines', () => {
  it('tells an exported case from a conversation', () => {
    assert.equal(formatOf(detectInputFormat(`${CASE_LINE}\n`, 'cases.jsonl')), 'case-jsonl');
    assert.equal(formatOf(detectInputFormat(TRANSCRIPTS.jsonl, 'cases.jsonl')), 'jsonl');
  });

  it('needs no .jsonl name', () => {
    assert.equal(formatOf(detectInputFormat(`${CASE_LINE}\n`, 'export')), 'case-jsonl');
  });

  it('decides by the first line that parses', () => {
    const text = `{"source": broken\n\n${CASE_LINE}\n`;
    assert.equal(formatOf(detectInputFormat(text, 'cases.jsonl')), 'case-jsonl');
  });

  it('takes a line with messages for a conversation', () => {
    const line = JSON.stringify({ ref: 'Q1', turns: [], messages: [] });
    assert.equal(formatOf(detectInputFormat(line, 'x.jsonl')), 'jsonl');
  });
});

describe('detectInputFormat undecided', () => {
  it('suggests .md for a title with nothing else', () => {
    const detail = detailOf(detectInputFormat('# 备忘\n\n这里没有对话\n', 'notes.txt'));
    assert.match(detail, /rename it with a \.md extension/);
    assert.match(detail, /"# <title>" line/);
  });

  it('lists every format for unknown content', () => {
    const detail = detailOf(detectInputFormat('hello\n', 'notes.dat'));
    assert.match(detail, /cannot detect the format/);
    assert.match(detail, /records archive/);
    assert.match(detail, /export --format jsonl/);
    assert.match(detail, /\.md extension/);
  });
});
