import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  defaultHeader,
  parseArchive,
  writeArchive,
  type CaseRecord,
  type Turn,
} from '../../src/ingest/index.js';

const SOURCE = 'generated.md';

// Common CJK ideographs (U+4E00 to U+9FA5).
const chineseText = fc
  .array(fc.integer({ min: 0x4e00, max: 0x9fa5 }), { minLength: 1, maxLength: 8 })
  .map((codes) => String.fromCodePoint(...codes));

const asciiWord = fc.stringMatching(/^[a-z0-9_.=(){}":,]{1,10}$/);

const placeholder = fc.constantFrom(
  '[URL已脱敏]',
  '[REDACTED_EMAIL]',
  '[REDACTED_PHONE]',
  '[IP已脱敏]',
  '[密钥已脱敏]',
  '[REDACTED_LONG_KEY]',
  '[图片]',
  // U+2028 LINE SEPARATOR, which a regular expression dot does not match by default.
  '换行\u2028分隔',
);

const word = fc.oneof(chineseText, asciiWord, placeholder);

// A line of prose, possibly indented with spaces, a tab or an ideographic space, possibly with
// trailing whitespace, which the reader keeps on inner lines only.
const proseLine = fc
  .tuple(
    fc.constantFrom('', '', '', '  ', '\t', '\u3000'),
    fc.array(word, { minLength: 1, maxLength: 6 }),
    fc.constantFrom('', '', '', ' ', '\t'),
  )
  .map(([indent, words, trailing]) => `${indent}${words.join(' ')}${trailing}`);

// Lines that look like Markdown or structure but are text wherever the writer allows them.
const markdownLine = fc.constantFrom(
  '# 设置空间区域',
  '## 小节',
  '#### 细节',
  '---',
  '===',
  '{"error":"incorrect region"}',
  '**注意**：这不是对话',
  '**问题分类**: 不是分类',
);

// Heading-like lines that only the dialogue keeps as text.
const turnOnlyLine = fc.constantFrom('### 操作步骤', '### ', '---');

const blankLine = fc.constantFrom('', ' ', '\t');

function block(line: fc.Arbitrary<string>) {
  return fc.array(line, { maxLength: 6 }).map((lines) => lines.join('\n'));
}

const sectionText = block(fc.oneof(proseLine, proseLine, markdownLine, blankLine));
const turnText = block(fc.oneof(proseLine, proseLine, markdownLine, turnOnlyLine, blankLine));

const turn: fc.Arbitrary<Turn> = fc.record({
  role: fc.constantFrom('customer' as const, 'agent' as const),
  text: turnText,
});

const title = fc.oneof(
  fc.constantFrom('', '1', '免费 from 自动催单'),
  fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(' ')),
);

function recordAt(number: number): fc.Arbitrary<CaseRecord> {
  return fc.record({
    source: fc.constant(SOURCE),
    ref: fc.constant(`Q${number}`),
    title,
    product: fc.oneof(fc.constantFrom('CDN', '对象存储', '账户与财务'), chineseText),
    type: fc.oneof(fc.constantFrom('证书问题', 'SDK使用'), chineseText),
    description: sectionText,
    answer: sectionText,
    rootCause: sectionText,
    turns: fc.array(turn, { maxLength: 6 }),
  });
}

const records = fc
  .uniqueArray(fc.integer({ min: 1, max: 999 }), { maxLength: 6 })
  .chain((numbers) => fc.tuple(...numbers.map(recordAt)));

// Expected reading of a text: surrounding blank lines dropped, trailing whitespace trimmed.
function normalizeText(text: string): string {
  const lines = text.split('\n');
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
  return lines.join('\n').trimEnd();
}

function normalizeRecord(record: CaseRecord): CaseRecord {
  return {
    ...record,
    description: normalizeText(record.description),
    answer: normalizeText(record.answer),
    rootCause: normalizeText(record.rootCause),
    turns: record.turns.map((item) => ({ role: item.role, text: normalizeText(item.text) })),
  };
}

describe('archive round trip', () => {
  it('reads back written records', () => {
    fc.assert(
      fc.property(records, fc.option(fc.constantFrom('1', '14', '2024a')), (generated, part) => {
        const header = defaultHeader(generated.length, part);
        const archive = parseArchive(writeArchive(header, generated), SOURCE);

        assert.deepEqual(archive.errors, []);
        assert.deepEqual(archive.header, header);
        assert.deepEqual(archive.records, generated.map(normalizeRecord));
      }),
      { numRuns: 300 },
    );
  });

  it('rewrites its own output unchanged', () => {
    fc.assert(
      fc.property(records, (generated) => {
        const normalized = generated.map(normalizeRecord);
        const text = writeArchive(defaultHeader(normalized.length, '7'), normalized);
        const archive = parseArchive(text, SOURCE);
        assert.equal(writeArchive(archive.header, archive.records), text);
      }),
      { numRuns: 200 },
    );
  });

  it('reads CRLF output the same', () => {
    fc.assert(
      fc.property(records, (generated) => {
        const text = writeArchive(defaultHeader(generated.length, '7'), generated);
        const crlf = parseArchive(text.replaceAll('\n', '\r\n'), SOURCE);
        assert.deepEqual(crlf, parseArchive(text, SOURCE));
      }),
      { numRuns: 100 },
    );
  });

  it('reports damaged input without throwing', () => {
    const damage = fc.array(
      fc.record({ at: fc.nat(), kind: fc.constantFrom('drop', 'copy', 'blank') }),
      { minLength: 1, maxLength: 5 },
    );
    fc.assert(
      fc.property(records, damage, (generated, edits) => {
        const lines = writeArchive(defaultHeader(generated.length, '7'), generated).split('\n');
        for (const edit of edits) {
          const index = edit.at % lines.length;
          if (edit.kind === 'drop') lines.splice(index, 1);
          if (edit.kind === 'copy') lines.splice(index, 0, lines[index]!);
          if (edit.kind === 'blank') lines[index] = '';
        }

        const archive = parseArchive(lines.join('\n'), SOURCE);
        for (const error of archive.errors) {
          assert.ok(error.line >= 1, error.message);
          assert.ok(error.line <= lines.length, error.message);
        }
        assert.ok(archive.records.length <= generated.length);
      }),
      { numRuns: 300 },
    );
  });
});
