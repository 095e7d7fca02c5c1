import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArchive, readArchiveFile } from '../../src/ingest/index.js';
import {
  HEADER_LINES,
  SAMPLE_PATH,
  archiveText,
  lineNumberOf,
  readSample,
  recordLines,
} from './archive-text.js';

const FILE = 'archives/part7.md';

function parseLines(lines: readonly string[]) {
  return parseArchive(archiveText(lines), FILE);
}

function findRecord(archive: ReturnType<typeof parseArchive>, ref: string) {
  const record = archive.records.find((candidate) => candidate.ref === ref);
  assert.ok(record, `record ${ref} is missing`);
  return record;
}

describe('parseArchive on the sample', () => {
  const sample = parseArchive(readSample(), SAMPLE_PATH);

  it('reads 95 records without errors', () => {
    assert.equal(sample.records.length, 95);
    assert.deepEqual(sample.errors, []);
    assert.deepEqual(sample.invalidRefs, []);
  });

  it('reads the title and part', () => {
    assert.equal(sample.header.title, '客户支持问题处理记录 (Part 14)');
    assert.equal(sample.header.part, '14');
    assert.ok(sample.header.preamble.startsWith('本文档包含 95 个客户支持问题的结构化记录。'));
    assert.ok(sample.header.preamble.endsWith('='.repeat(80)));
  });

  it('uses the file name as source', () => {
    for (const record of sample.records) assert.equal(record.source, 'support-records-part14.md');
  });

  it('keeps record numbers with gaps', () => {
    const refs = sample.records.map((record) => record.ref);
    assert.equal(refs[0], 'Q1');
    assert.equal(refs.at(-1), 'Q113');
    assert.ok(!refs.includes('Q6'));
  });

  it('reads fields of Q1', () => {
    const record = findRecord(sample, 'Q1');
    assert.equal(record.title, '账号注销');
    assert.equal(record.product, '账户与财务');
    assert.equal(record.type, '账户问题');
    assert.equal(record.description, '1');
    assert.equal(record.rootCause.startsWith('账号注销需满足特定条件'), true);
    assert.deepEqual(record.turns[0], { role: 'customer', text: '1' });
    assert.equal(record.turns[1]?.role, 'agent');
  });

  it('counts 12 turns in Q4', () => {
    assert.equal(findRecord(sample, 'Q4').turns.length, 12);
  });

  it('reads category of Q5', () => {
    const record = findRecord(sample, 'Q5');
    assert.equal(record.product, 'CDN');
    assert.equal(record.type, '证书问题');
    assert.equal(record.title, '免费 from 自动催单');
  });

  it('keeps code comments inside Q69', () => {
    const record = findRecord(sample, 'Q69');
    const codeTurn = record.turns.find((turn) => turn.text.includes('\n# 设置空间区域\n'));
    assert.ok(codeTurn, 'no turn keeps the "# 设置空间区域" line');
    assert.equal(codeTurn.role, 'agent');
    assert.ok(codeTurn.text.includes('\n# 上传文件\n'));
    assert.ok(codeTurn.text.endsWith('}'));
    assert.ok(record.answer.includes('\n# 设置空间区域\n'));
  });

  it('reads empty answer sections', () => {
    const record = findRecord(sample, 'Q10');
    assert.equal(record.answer, '');
    assert.notEqual(record.rootCause, '');
  });

  it('keeps tabs and placeholders verbatim', () => {
    const record = findRecord(sample, 'Q88');
    assert.ok(record.answer.includes('验证类型\tFILE'));
    assert.ok(record.answer.includes('[URL已脱敏]'));
  });

  it('reads files from disk', () => {
    const archive = readArchiveFile(SAMPLE_PATH);
    assert.deepEqual(archive, sample);
  });
});

describe('parseArchive line handling', () => {
  it('parses CRLF like LF', () => {
    const text = readSample();
    const crlf = parseArchive(text.replaceAll('\n', '\r\n'), SAMPLE_PATH);
    assert.deepEqual(crlf, parseArchive(text, SAMPLE_PATH));
  });

  it('parses CR alone like LF', () => {
    const text = readSample();
    const cr = parseArchive(text.replaceAll('\n', '\r'), SAMPLE_PATH);
    assert.deepEqual(cr, parseArchive(text, SAMPLE_PATH));
  });

  it('ignores a leading byte order mark', () => {
    const text = archiveText([...HEADER_LINES, ...recordLines('Q1')]);
    assert.deepEqual(parseArchive(`\uFEFF${text}`, FILE), parseArchive(text, FILE));
  });

  it('keeps blank lines inside turns', () => {
    const lines = [...HEADER_LINES, ...recordLines('Q1')];
    lines.splice(lineNumberOf(lines, '**客服**：请续费证书'), 0, '', '第二段', '', '');
    const archive = parseLines(lines);
    assert.deepEqual(archive.errors, []);
    assert.equal(archive.records[0]?.turns[1]?.text, '请续费证书\n\n第二段');
  });

  it('keeps heading-like lines in turns', () => {
    const lines = [...HEADER_LINES, ...recordLines('Q1')];
    const turnLine = lineNumberOf(lines, '**客户**：证书过期了');
    lines.splice(turnLine, 0, '### 操作步骤', '# 注释', '## 小节', '---', 'json: {"a": 1}');
    const archive = parseLines(lines);
    assert.deepEqual(archive.errors, []);
    assert.equal(
      archive.records[0]?.turns[0]?.text,
      '证书过期了\n### 操作步骤\n# 注释\n## 小节\n---\njson: {"a": 1}',
    );
  });

  it('keeps a --- line before the end', () => {
    const lines = [...HEADER_LINES, ...recordLines('Q1')];
    lines.splice(lines.length - 1, 0, '---', '');
    const archive = parseLines(lines);
    assert.deepEqual(archive.errors, []);
    assert.equal(archive.records[0]?.turns[1]?.text, '请续费证书\n\n---');
  });

  it('tolerates half-width category separators', () => {
    const lines = [
      ...HEADER_LINES,
      ...recordLines('Q1', { category: '**问题分类**:CDN | 证书问题' }),
    ];
    const record = parseLines(lines).records[0];
    assert.equal(record?.product, 'CDN');
    assert.equal(record?.type, '证书问题');
  });

  it('tolerates ASCII colons in turns', () => {
    const lines = [...HEADER_LINES, ...recordLines('Q1')];
    lines[lineNumberOf(lines, '**客户**：证书过期了') - 1] = '**客户**: 证书过期了';
    const record = parseLines(lines).records[0];
    assert.deepEqual(record?.turns[0], { role: 'customer', text: '证书过期了' });
  });

  it('reads missing sections as empty', () => {
    const lines = ['# 测试', '', '## Q3: 1', '', '**问题分类**: 云主机｜主机', '', '---'];
    const archive = parseLines(lines);
    assert.deepEqual(archive.errors, []);
    assert.deepEqual(archive.records[0], {
      source: 'part7.md',
      ref: 'Q3',
      title: '1',
      product: '云主机',
      type: '主机',
      description: '',
      answer: '',
      rootCause: '',
      turns: [],
    });
  });

  it('reads sections in any order', () => {
    const lines = [
      ...['# 测试', '', '## Q3:', '', '**问题分类**: 云主机｜主机', ''],
      ...['### 完整对话记录', '**客户**：无法登录', '', '### 问题描述', '无法登录', '', '---'],
    ];
    const record = parseLines(lines).records[0];
    assert.equal(record?.title, '');
    assert.equal(record?.description, '无法登录');
    assert.deepEqual(record?.turns, [{ role: 'customer', text: '无法登录' }]);
  });

  it('reads a title without part', () => {
    const archive = parseLines(['# 客户支持问题处理记录', '', ...recordLines('Q1')]);
    assert.equal(archive.header.part, null);
    assert.equal(archive.header.preamble, '');
  });
});

describe('parseArchive errors', () => {
  function parseOne(lines: readonly string[]) {
    const archive = parseLines(lines);
    assert.equal(archive.errors.length, 1, archive.errors.map((error) => error.message).join('\n'));
    return { archive, error: archive.errors[0]! };
  }

  it('reports a missing category', () => {
    const lines = [...HEADER_LINES, ...recordLines('Q1', { category: '' }), ...recordLines('Q2')];
    const { archive, error } = parseOne(lines);
    assert.equal(error.code, 'missing-category');
    assert.equal(error.line, lineNumberOf(lines, '## Q1: 证书过期'));
    assert.equal(error.file, FILE);
    assert.deepEqual(archive.invalidRefs, ['Q1']);
    assert.deepEqual(
      archive.records.map((record) => record.ref),
      ['Q2'],
    );
  });

  it('reports an invalid category', () => {
    const category = '**问题分类**: CDN证书问题';
    const lines = [...HEADER_LINES, ...recordLines('Q1', { category })];
    const { error } = parseOne(lines);
    assert.equal(error.code, 'invalid-category');
    assert.equal(error.line, lineNumberOf(lines, category));
  });

  it('reports a second category', () => {
    const lines = [...HEADER_LINES, ...recordLines('Q1')];
    lines.splice(lineNumberOf(lines, '### 问题描述') - 1, 0, '**问题分类**: CDN｜配置问题', '');
    const { error } = parseOne(lines);
    assert.equal(error.code, 'duplicate-category');
    assert.equal(error.line, lineNumberOf(lines, '**问题分类**: CDN｜配置问题'));
  });

  it('reports an unknown section', () => {
    const lines = [...HEADER_LINES, ...recordLines('Q1')];
    lines[lineNumberOf(lines, '### 客服解答') - 1] = '### 处理结果';
    const { error } = parseOne(lines);
    assert.equal(error.code, 'unknown-section');
    assert.equal(error.line, lineNumberOf(lines, '### 处理结果'));
    assert.match(error.message, /### 客服解答/);
  });

  it('reports an unknown heading in the answer alone', () => {
    const lines = [...HEADER_LINES, ...recordLines('Q1')];
    lines.splice(lineNumberOf(lines, '请续费证书'), 0, '### 步骤一', '打开控制台');
    const { error } = parseOne(lines);
    assert.equal(error.code, 'unknown-section');
    assert.equal(error.line, lineNumberOf(lines, '### 步骤一'));
  });

  it('keeps a heading that a turn repeats as text', () => {
    // The answer repeats an agent turn that has its steps as Markdown headings.
    const lines = [...HEADER_LINES, ...recordLines('Q1')];
    lines.splice(lineNumberOf(lines, '请续费证书'), 0, '### 步骤一', '打开控制台');
    lines.splice(lineNumberOf(lines, '**客服**：请续费证书'), 0, '### 步骤一', '打开控制台');
    const archive = parseLines(lines);
    assert.deepEqual(archive.errors, []);
    const record = archive.records[0];
    assert.equal(record?.answer, '请续费证书\n### 步骤一\n打开控制台');
    assert.equal(record?.turns[1]?.text, '请续费证书\n### 步骤一\n打开控制台');
  });

  it('reports a repeated section', () => {
    const lines = [...HEADER_LINES, ...recordLines('Q1')];
    lines[lineNumberOf(lines, '### 客服解答') - 1] = '### 问题描述';
    const { error } = parseOne(lines);
    assert.equal(error.code, 'duplicate-section');
    assert.equal(error.line, lines.lastIndexOf('### 问题描述') + 1);
  });

  it('reports text before sections', () => {
    const lines = [...HEADER_LINES, ...recordLines('Q1')];
    lines.splice(lineNumberOf(lines, '### 问题描述') - 1, 0, '备注', '');
    const { error } = parseOne(lines);
    assert.equal(error.code, 'unexpected-text');
    assert.equal(error.line, lineNumberOf(lines, '备注'));
  });

  it('reports turns outside dialogue', () => {
    const lines = [...HEADER_LINES, ...recordLines('Q1')];
    lines.splice(lineNumberOf(lines, '请续费证书'), 0, '**客户**：好的');
    const { error } = parseOne(lines);
    assert.equal(error.code, 'turn-outside-dialogue');
    assert.equal(error.line, lineNumberOf(lines, '**客户**：好的'));
  });

  it('reports dialogue text before turns', () => {
    const lines = [...HEADER_LINES, ...recordLines('Q1')];
    lines.splice(lineNumberOf(lines, '### 完整对话记录'), 0, '对话开始');
    const { error } = parseOne(lines);
    assert.equal(error.code, 'text-outside-turn');
    assert.equal(error.line, lineNumberOf(lines, '对话开始'));
  });

  it('reports a turn between records', () => {
    const lines = [
      ...HEADER_LINES,
      ...recordLines('Q1'),
      '',
      '**客户**：还在吗',
      ...recordLines('Q2'),
    ];
    const { archive, error } = parseOne(lines);
    assert.equal(error.code, 'turn-outside-record');
    assert.equal(error.line, lineNumberOf(lines, '**客户**：还在吗'));
    assert.deepEqual(archive.invalidRefs, ['Q1']);
  });

  it('quotes a line redacted', () => {
    // Cut at 40 characters before redaction, the ID number would lose its check digit.
    const turn = '**客户**：我的手机13700001111，身份证440308198805123418，请帮忙处理';
    const { error } = parseOne([...HEADER_LINES, turn, '', ...recordLines('Q1')]);
    assert.equal(error.code, 'turn-outside-record');
    assert.match(
      error.message,
      /"\*\*客户\*\*：我的手机\[PHONE_1\]，身份证\[ID_CARD_1\]，请帮忙处…"/,
    );
    assert.doesNotMatch(error.message, /44030|13700001111/);
  });

  it('quotes a line of one long token', () => {
    const turn = `**客户**：${'a'.repeat(100_000)}`;
    const { error } = parseOne([...HEADER_LINES, turn, '', ...recordLines('Q1')]);
    assert.equal(error.code, 'turn-outside-record');
    assert.match(error.message, /"\*\*客户\*\*：a{33}…"/);
  });

  it('reports text between records', () => {
    const lines = [...HEADER_LINES, ...recordLines('Q1'), '附注', ...recordLines('Q2')];
    const { error } = parseOne(lines);
    assert.equal(error.code, 'text-outside-record');
    assert.equal(error.line, lineNumberOf(lines, '附注'));
  });

  it('reports a turn before records', () => {
    const lines = [...HEADER_LINES, '**客服**：您好', '', ...recordLines('Q1')];
    const { archive, error } = parseOne(lines);
    assert.equal(error.code, 'turn-outside-record');
    assert.equal(error.line, lineNumberOf(lines, '**客服**：您好'));
    assert.equal(archive.records.length, 1);
  });

  it('reports text after the rule', () => {
    const lines = [...HEADER_LINES, '说明', '', ...recordLines('Q1')];
    const { error } = parseOne(lines);
    assert.equal(error.code, 'text-outside-record');
    assert.equal(error.line, lineNumberOf(lines, '说明'));
  });

  it('reports an unterminated last record', () => {
    const lines = [...HEADER_LINES, ...recordLines('Q1'), ...recordLines('Q2').slice(0, -1)];
    const { archive, error } = parseOne(lines);
    assert.equal(error.code, 'unterminated-record');
    assert.equal(error.line, lineNumberOf(lines, '## Q2: 证书过期'));
    assert.deepEqual(archive.invalidRefs, ['Q2']);
    assert.equal(archive.records.length, 1);
  });

  it('reports an unterminated middle record', () => {
    const lines = [...HEADER_LINES, ...recordLines('Q1').slice(0, -1), ...recordLines('Q2')];
    const { archive, error } = parseOne(lines);
    assert.equal(error.code, 'unterminated-record');
    assert.equal(error.line, lineNumberOf(lines, '## Q1: 证书过期'));
    assert.deepEqual(
      archive.records.map((record) => record.ref),
      ['Q2'],
    );
  });

  it('reports a duplicate ref', () => {
    const lines = [...HEADER_LINES, ...recordLines('Q1'), ...recordLines('Q1')];
    const { archive, error } = parseOne(lines);
    assert.equal(error.code, 'duplicate-ref');
    assert.equal(error.line, HEADER_LINES.length + recordLines('Q1').length + 1);
    assert.match(error.message, new RegExp(`line ${HEADER_LINES.length + 1}`));
    assert.equal(archive.records.length, 1);
    assert.deepEqual(archive.invalidRefs, ['Q1']);
  });

  it('reports a non-numeric record number', () => {
    const lines = [...HEADER_LINES, ...recordLines('Qx1'), ...recordLines('Q2')];
    const { archive, error } = parseOne(lines);
    assert.equal(error.code, 'invalid-record-start');
    assert.equal(error.line, lineNumberOf(lines, '## Qx1: 证书过期'));
    assert.deepEqual(archive.invalidRefs, ['Qx1']);
  });

  it('reports a damaged record start', () => {
    for (const damaged of ['## Q 2: 证书过期', '## q2: 证书过期', '##Q2: 证书过期']) {
      const lines = [
        ...HEADER_LINES,
        ...recordLines('Q1'),
        ...recordLines('Q2').map((line) => (line === '## Q2: 证书过期' ? damaged : line)),
      ];
      const { archive, error } = parseOne(lines);
      assert.equal(error.code, 'invalid-record-start', damaged);
      assert.equal(error.line, lineNumberOf(lines, damaged));
      assert.match(error.message, /write "## Q2: 证书过期"/);
      assert.deepEqual(
        archive.records.map((record) => record.ref),
        ['Q1'],
      );
      assert.deepEqual(archive.invalidRefs, ['Q2']);
    }
  });

  it('reports an empty file as empty', () => {
    for (const lines of [[], ['', '  ', '']]) {
      const { archive, error } = parseOne(lines);
      assert.equal(error.code, 'empty-file');
      assert.equal(error.line, 1);
      assert.match(error.message, /the file is empty/);
      assert.equal(archive.records.length, 0);
    }
  });

  it('reports a missing title', () => {
    const { archive, error } = parseOne(recordLines('Q1'));
    assert.equal(error.code, 'missing-title');
    assert.equal(error.line, 1);
    assert.equal(archive.records.length, 1);
  });

  it('reports every broken record', () => {
    const lines = [
      ...HEADER_LINES,
      ...recordLines('Q1', { category: '' }),
      ...recordLines('Q2'),
      ...recordLines('Q3', { category: '**问题分类**: CDN' }),
      ...recordLines('Q2'),
      ...recordLines('Q5').slice(0, -1),
    ];
    const archive = parseLines(lines);
    assert.deepEqual(
      archive.errors.map((error) => error.code),
      ['missing-category', 'invalid-category', 'duplicate-ref', 'unterminated-record'],
    );
    assert.deepEqual(archive.invalidRefs, ['Q1', 'Q3', 'Q2', 'Q5']);
    assert.deepEqual(
      archive.records.map((record) => record.ref),
      ['Q2'],
    );
  });

  it('names file and line', () => {
    const lines = [...HEADER_LINES, ...recordLines('Q1', { category: '' })];
    const { error } = parseOne(lines);
    assert.ok(error.message.startsWith(`${FILE}:${HEADER_LINES.length + 1}: `), error.message);
    assert.match(error.message, /问题分类/);
  });
});
