import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { readArchiveFile } from '../../src/ingest/index.js';
import { MAX_LISTED_WARNINGS } from '../../src/ingest/archive-reader.js';
import { NEAR_MISS_CODES, type NearMissCode } from '../../src/ingest/near-miss.js';
import { tempDir } from '../helpers.js';
import {
  HEADER_LINES,
  SAMPLE_PATH,
  archiveText,
  lineNumberOf,
  recordLines,
} from './archive-text.js';

const { dir, cleanup } = tempDir();
after(cleanup);

const CUSTOMER_TURN = '**客户**：证书过期了';
const DESCRIPTION_TEXT = '证书过期了'; // "the certificate has expired"

let fileCount = 0;

/** Writes archive lines to a new file in the temporary folder and reads it back. */
function readLines(lines: readonly string[]) {
  fileCount += 1;
  const file = path.join(dir, `part-${fileCount}.md`);
  writeFileSync(file, archiveText(lines));
  return { file, archive: readArchiveFile(file) };
}

/** Lines of a one-record archive with `inserted` placed after the line `after`. */
function archiveWith(after: string, inserted: readonly string[]): string[] {
  const lines = [...HEADER_LINES, ...recordLines('Q1')];
  lines.splice(lineNumberOf(lines, after), 0, ...inserted);
  return lines;
}

interface WarningCase {
  line: string;
  code: NearMissCode;
  /** Text the message must contain besides the file, line and quote. */
  mentions: string;
}

// Each line goes into the customer's turn, right after its marker line.
const dialogueCases: WarningCase[] = [
  { line: '**客服**', code: 'turn-marker-without-colon', mentions: 'write "**客服**："' },
  {
    line: '**客服** ',
    code: 'turn-marker-without-colon',
    mentions: 'without its full-width colon',
  },
  { line: '**客服** 请续费证书', code: 'turn-marker-without-colon', mentions: '"**客服**："' },
  { line: '*客户*', code: 'turn-marker-without-colon', mentions: 'write "**客户**："' },
  { line: '客服：请续费证书', code: 'malformed-turn-marker', mentions: 'without its asterisks' },
  { line: '客服: 请续费证书', code: 'malformed-turn-marker', mentions: 'without its asterisks' },
  { line: '** 客服 **：请续费', code: 'malformed-turn-marker', mentions: 'misplaced asterisks' },
  { line: '**客服：**请续费', code: 'malformed-turn-marker', mentions: 'misplaced asterisks' },
  { line: '*客服*：请续费', code: 'malformed-turn-marker', mentions: 'misplaced asterisks' },
  { line: '**客戶**：谢谢', code: 'malformed-turn-marker', mentions: 'written as 客戶' },
  { line: '**客服**︰请续费', code: 'malformed-turn-marker', mentions: '(U+FE30) in place of its' },
  { line: '**客服**　：请续费', code: 'malformed-turn-marker', mentions: 'full-width space' },
  { line: '\u200B**客服**：请续费', code: 'malformed-turn-marker', mentions: 'U+200B' },
  {
    line: '### 完整对话',
    code: 'malformed-section-heading',
    mentions: 'the heading "### 完整对话记录", so it was read as part of the customer turn',
  },
  {
    line: '### 客服解答：',
    code: 'malformed-section-heading',
    mentions: 'already has that section at line 14',
  },
  { line: '###完整对话记录', code: 'malformed-section-heading', mentions: '"### 完整对话记录"' },
  { line: '### 完整對話記錄', code: 'malformed-section-heading', mentions: '"### 完整对话记录"' },
  { line: '### 根本原因', code: 'malformed-section-heading', mentions: '"### 根本原因分析"' },
  { line: '### 问题描叙', code: 'malformed-section-heading', mentions: '"### 问题描述"' },
  { line: '## 根本原因分析', code: 'malformed-section-heading', mentions: '"### 根本原因分析"' },
  {
    line: '**問題分類**: CDN｜证书问题',
    code: 'malformed-category-line',
    mentions: "only the line before a record's first section sets its category",
  },
];

// Each line goes into the description section, right after its first line.
const descriptionCases: WarningCase[] = [
  {
    line: '###客服解答',
    code: 'malformed-section-heading',
    mentions: 'text of the ### 问题描述 section; write "### 客服解答" on a line of its own',
  },
  { line: '#### 根本原因分析', code: 'malformed-section-heading', mentions: '"### 根本原因分析"' },
  { line: '问题分类：CDN｜证书问题', code: 'malformed-category-line', mentions: '问题分类' },
  { line: '**问题分类**', code: 'malformed-category-line', mentions: '<product>｜<type>' },
];

// Lines that must read as text without a warning when they continue the customer's turn.
const quietDialogueLines = [
  '# 设置空间区域', // a Python comment: "set the bucket region"
  '# 问题原因',
  '### 上传文件', // "upload the file"
  '### 安装步骤',
  '### 问题', // "question", too short to be 问题描述 with two characters dropped
  '### 完整日志记录', // "full log record", two characters away from 完整对话记录 in its middle
  '#include <stdio.h>',
  '{"客户": "张三", "客服": "李四"}',
  '"客户": "张三",',
  'print("客服：" + reply)',
  '请联系**客服**处理', // bold text in the middle of a sentence
  '**客服**会在24小时内回复', // bold text that starts a sentence
  '**客户**和**客服**都要确认',
  '客户端：Windows 10', // "client app: Windows 10"
  '客服电话：400-000-0000',
  '客户经理说可以',
  '问题分析：证书过期', // "problem analysis", one character away from 问题分类
  '**注意**：请勿泄露密钥',
  '    **客服**：缩进的代码示例', // indented, which is how an archive keeps such a line as text
  '\t客户：缩进',
  '  ### 完整对话记录',
  '> **客服**：引用的回复', // a quoted reply
  '- 客户：列表项',
  '客服',
  '**客服**:半角冒号也是新的一轮', // a valid turn marker, with an ASCII colon
];

describe('near-miss warnings in the dialogue', () => {
  for (const { line, code, mentions } of dialogueCases) {
    it(`warns ${code} for ${JSON.stringify(line)}`, () => {
      const lines = archiveWith(CUSTOMER_TURN, [line]);
      const { file, archive } = readLines(lines);
      const lineNumber = lineNumberOf(lines, line);

      assert.deepEqual(archive.errors, []);
      assert.equal(archive.warnings.length, 1, JSON.stringify(archive.warnings));
      const warning = archive.warnings[0]!;
      assert.equal(warning.code, code);
      assert.equal(warning.file, file);
      assert.equal(warning.line, lineNumber);
      assert.ok(warning.message.startsWith(`${file}:${lineNumber}: the line `), warning.message);
      assert.ok(warning.message.includes(JSON.stringify(line)), warning.message);
      assert.ok(warning.message.includes('of record Q1 looks like'), warning.message);
      assert.ok(warning.message.includes(mentions), warning.message);
      assert.ok(warning.message.endsWith('or ignore this warning if the line is text'));
    });
  }

  it('leaves the records unchanged', () => {
    for (const { line } of dialogueCases) {
      const { archive } = readLines(archiveWith(CUSTOMER_TURN, [line]));
      const turns = archive.records[0]?.turns;
      assert.equal(archive.records.length, 1);
      assert.deepEqual(turns, [
        { role: 'customer', text: `证书过期了\n${line}`.trimEnd() },
        { role: 'agent', text: '请续费证书' },
      ]);
    }
  });

  it('names the turn the line was merged into', () => {
    const lines = archiveWith('**客服**：请续费证书', ['客户：好的']);
    const { archive } = readLines(lines);
    const turnLine = lineNumberOf(lines, '**客服**：请续费证书');
    assert.match(
      archive.warnings[0]?.message ?? '',
      new RegExp(`part of the agent turn that starts at line ${turnLine};`),
    );
  });

  it('uses only catalogued codes', () => {
    for (const { code } of [...dialogueCases, ...descriptionCases]) {
      assert.ok(code in NEAR_MISS_CODES, code);
    }
  });
});

describe('near-miss warnings in other sections', () => {
  for (const { line, code, mentions } of descriptionCases) {
    it(`warns ${code} for ${JSON.stringify(line)}`, () => {
      const lines = archiveWith(DESCRIPTION_TEXT, [line]);
      const { archive } = readLines(lines);

      assert.deepEqual(archive.errors, []);
      assert.equal(archive.warnings.length, 1, JSON.stringify(archive.warnings));
      assert.equal(archive.warnings[0]?.code, code);
      assert.equal(archive.warnings[0]?.line, lineNumberOf(lines, line));
      assert.ok(archive.warnings[0]?.message.includes(mentions), archive.warnings[0]?.message);
      assert.equal(archive.records[0]?.description, `证书过期了\n${line}`);
    });
  }

  it('ignores turn lookalikes outside the dialogue', () => {
    const inserted = ['客户：之前的聊天记录如下', '**客服**', '客服：请续费'];
    const { archive } = readLines(archiveWith(DESCRIPTION_TEXT, inserted));
    assert.deepEqual(archive.errors, []);
    assert.deepEqual(archive.warnings, []);
  });

  it('reports a known heading as error', () => {
    const { archive } = readLines(archiveWith(CUSTOMER_TURN, ['### 客服解答 ']));
    assert.deepEqual(
      archive.errors.map((error) => error.code),
      ['duplicate-section'],
    );
    assert.deepEqual(archive.warnings, []);
  });
});

describe('near-miss false positives', () => {
  for (const line of quietDialogueLines) {
    it(`stays quiet for ${JSON.stringify(line)}`, () => {
      const { archive } = readLines(archiveWith(CUSTOMER_TURN, [line]));
      assert.deepEqual(archive.errors, []);
      assert.deepEqual(archive.warnings, []);
    });
  }

  it('skips fenced code blocks', () => {
    const code = ['```yaml', '客户: 张三', '### 完整对话记录如下', '**客服**', '```'];
    const tilde = ['~~~', '客服：李四', '~~~'];
    const { archive } = readLines(archiveWith(CUSTOMER_TURN, [...code, ...tilde]));
    assert.deepEqual(archive.errors, []);
    assert.deepEqual(archive.warnings, []);
  });

  it('ends a fence with its turn', () => {
    const lines = archiveWith(CUSTOMER_TURN, ['```', '客户: 张三']);
    lines.splice(lineNumberOf(lines, '**客服**：请续费证书'), 0, '客户：好的');
    const { archive } = readLines(lines);
    assert.deepEqual(
      archive.warnings.map((warning) => warning.line),
      [lineNumberOf(lines, '客户：好的')],
    );
  });

  it('stays quiet on the sample archive', () => {
    const archive = readArchiveFile(SAMPLE_PATH);
    assert.equal(archive.records.length, 95);
    assert.deepEqual(archive.warnings, []);
    assert.equal(archive.unlistedWarnings, 0);
  });
});

describe('near-miss warning list', () => {
  it('drops warnings of rejected records', () => {
    const broken = recordLines('Q1');
    broken.splice(lineNumberOf(broken, DESCRIPTION_TEXT), 0, '问题分类：CDN', '### 错误标题');
    const valid = recordLines('Q2');
    valid.splice(lineNumberOf(valid, CUSTOMER_TURN), 0, '客服：请续费');
    const lines = [...HEADER_LINES, ...broken, '', ...valid];
    const { archive } = readLines(lines);

    assert.deepEqual(
      archive.errors.map((error) => error.code),
      ['unknown-section'],
    );
    assert.deepEqual(
      archive.warnings.map((warning) => warning.line),
      [lineNumberOf(lines, '客服：请续费')],
    );
  });

  it(`lists at most ${MAX_LISTED_WARNINGS} per file`, () => {
    const damaged = Array.from({ length: MAX_LISTED_WARNINGS + 7 }, (_, i) => `客服：第${i}行`);
    const lines = archiveWith(CUSTOMER_TURN, damaged);
    const { archive } = readLines(lines);

    assert.equal(archive.warnings.length, MAX_LISTED_WARNINGS);
    assert.equal(archive.unlistedWarnings, 7);
    assert.equal(archive.warnings[0]?.line, lineNumberOf(lines, '客服：第0行'));
    assert.equal(archive.warnings.at(-1)?.line, lineNumberOf(lines, '客服：第49行'));
  });
});
