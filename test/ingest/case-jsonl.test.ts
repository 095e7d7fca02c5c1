import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CASE_LINE_ERROR_CODES, parseCaseLines } from '../../src/ingest/index.js';

// A case as `casebook export --format jsonl` writes it: "账号注销" (closing an account).
const CASE = {
  source: 'support-records-part14.md',
  ref: 'Q1',
  title: '账号注销',
  category: '账户与财务｜账户问题',
  product: '账户与财务',
  type: '账户问题',
  status: 'answered',
  description: '怎么注销账号',
  answer: '您好，目前注销可以在控制台操作',
  rootCause: '账号注销需满足特定条件',
  turns: [
    { role: 'customer', text: '怎么注销账号' },
    { role: 'agent', text: '您好，目前注销可以在控制台操作' },
  ],
};

// The header of the sample archive, as the export writes it on every line.
const HEADER = {
  title: '客户支持问题处理记录 (Part 14)',
  part: '14',
  preamble: '本文档包含 95 个客户支持问题的结构化记录。\n\n' + '='.repeat(80),
};

function line(changes: Record<string, unknown> = {}, without: string[] = []): string {
  const value: Record<string, unknown> = { ...CASE, ...changes };
  for (const key of without) delete value[key];
  return JSON.stringify(value);
}

describe('parseCaseLines', () => {
  it('reads an exported case', () => {
    const parsed = parseCaseLines(`${line()}\n`, 'cases.jsonl');
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.sources.length, 1);
    const [source] = parsed.sources;
    assert.equal(source.name, 'support-records-part14.md');
    assert.deepEqual(source.records, [
      {
        source: 'support-records-part14.md',
        ref: 'Q1',
        title: '账号注销',
        product: '账户与财务',
        type: '账户问题',
        description: '怎么注销账号',
        answer: '您好，目前注销可以在控制台操作',
        rootCause: '账号注销需满足特定条件',
        turns: CASE.turns,
      },
    ]);
    assert.equal(source.statuses.get('Q1'), 'answered');
  });

  it('groups cases by source in first-line order', () => {
    const text = [
      line({ source: 'b.md', ref: 'Q1' }),
      line({ source: 'a.md', ref: 'Q1' }),
      '',
      line({ source: 'b.md', ref: 'Q2' }),
    ].join('\n');
    const parsed = parseCaseLines(text, 'cases.jsonl');
    assert.deepEqual(
      parsed.sources.map((source) => [source.name, source.records.map((r) => r.ref)]),
      [
        ['b.md', ['Q1', 'Q2']],
        ['a.md', ['Q1']],
      ],
    );
  });

  it('takes the category label alone', () => {
    const parsed = parseCaseLines(line({ category: 'CDN|证书问题' }, ['product', 'type']), 'x');
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.sources[0].records[0].product, 'CDN');
    assert.equal(parsed.sources[0].records[0].type, '证书问题');
  });

  it('leaves out status when absent', () => {
    const parsed = parseCaseLines(line({}, ['status', 'category']), 'x');
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.sources[0].statuses.size, 0);
  });

  it('reads the source header', () => {
    const text = [line({ sourceHeader: HEADER }), line({ ref: 'Q2' })].join('\n');
    const parsed = parseCaseLines(text, 'cases.jsonl');
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.sources[0].header, HEADER);
    assert.equal(parsed.sources[0].records.length, 2);
  });

  it('reads a header without part', () => {
    const header = { title: '客户门户提交的问题', part: null, preamble: '' };
    const parsed = parseCaseLines(line({ sourceHeader: header }), 'cases.jsonl');
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.sources[0].header, header);
  });

  it('leaves out header when absent', () => {
    const parsed = parseCaseLines(line({ sourceHeader: null }), 'cases.jsonl');
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.sources[0].header, null);
  });

  it('ignores unknown keys and a byte order mark', () => {
    const parsed = parseCaseLines(`\uFEFF${line({ openedAt: '2024-10-07' })}\r\n`, 'x');
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.sources[0].records.length, 1);
  });
});

interface ErrorCase {
  name: string;
  text: string;
  code: keyof typeof CASE_LINE_ERROR_CODES;
  mentions: string;
}

const cases: ErrorCase[] = [
  { name: 'broken JSON', text: '{"source": "a.md",', code: 'invalid-json', mentions: 'not valid' },
  { name: 'array line', text: '[1, 2]', code: 'invalid-json', mentions: 'an array' },
  {
    name: 'missing turns',
    text: line({}, ['turns']),
    code: 'missing-field',
    mentions: 'field "turns" is missing',
  },
  {
    name: 'missing answer',
    text: line({}, ['answer']),
    code: 'missing-field',
    mentions: 'field "answer" is missing',
  },
  {
    name: 'numeric title',
    text: line({ title: 1 }),
    code: 'invalid-field',
    mentions: 'field "title" is the number 1, expected text',
  },
  {
    name: 'source with folders',
    text: line({ source: '../etc/passwd' }),
    code: 'invalid-field',
    mentions: 'is not a file name',
  },
  {
    name: 'ref with a line break',
    text: line({ ref: 'Q1\nQ2' }),
    code: 'invalid-field',
    mentions: 'control character',
  },
  {
    name: 'odd status',
    text: line({ status: 'Done!' }),
    code: 'invalid-field',
    mentions: 'is not a case status',
  },
  {
    name: 'turns object',
    text: line({ turns: {} }),
    code: 'invalid-field',
    mentions: 'expected an array',
  },
  {
    name: 'empty product',
    text: line({ product: ' ', category: undefined }),
    code: 'invalid-category',
    mentions: 'field "product" is empty',
  },
  {
    name: 'disagreeing category',
    text: line({ category: 'CDN｜证书问题' }),
    code: 'invalid-category',
    mentions: 'disagrees with "product" and "type"',
  },
  {
    name: 'label without separator',
    text: line({ category: 'CDN' }, ['product', 'type']),
    code: 'invalid-category',
    mentions: 'is not "<product>｜<type>"',
  },
  {
    name: 'header that is text',
    text: line({ sourceHeader: HEADER.title }),
    code: 'invalid-field',
    mentions:
      'field "sourceHeader" is the text "客户支持问题处理记录 (Part 14)", expected an object',
  },
  {
    name: 'numeric header part',
    text: line({ sourceHeader: { ...HEADER, part: 14 } }),
    code: 'invalid-field',
    mentions: 'field "sourceHeader.part" is the number 14, expected text such as "14" or null',
  },
  {
    name: 'missing header preamble',
    text: line({ sourceHeader: { ...HEADER, preamble: undefined } }),
    code: 'missing-field',
    mentions: 'field "sourceHeader.preamble" is missing',
  },
  {
    name: 'header part not in title',
    text: line({ sourceHeader: { ...HEADER, part: '15' } }),
    code: 'invalid-field',
    mentions: 'field "sourceHeader.part" cannot be written as an archive header: the part is "15"',
  },
  {
    name: 'record start in preamble',
    text: line({ sourceHeader: { ...HEADER, preamble: '## Q1: 账号注销' } }),
    code: 'invalid-field',
    mentions: 'field "sourceHeader.preamble" cannot be written as an archive header: line 1',
  },
  {
    name: 'bot turn',
    text: line({ turns: [{ role: 'bot', text: '您好' }] }),
    code: 'unknown-role',
    mentions: 'turns[0].role is the text "bot", expected "customer" or "agent"',
  },
];

describe('parseCaseLines errors', () => {
  for (const errorCase of cases) {
    it(`reports ${errorCase.name}`, () => {
      const text = `${line({ ref: 'Q9' })}\n\n${errorCase.text}\n`;
      const parsed = parseCaseLines(text, 'cases.jsonl');
      const error = parsed.errors.find((candidate) => candidate.code === errorCase.code);

      assert.ok(error, `no ${errorCase.code} in ${parsed.errors.map((e) => e.code).join()}`);
      assert.equal(error.line, 3);
      assert.equal(error.file, 'cases.jsonl');
      assert.ok(error.message.startsWith('cases.jsonl:3: '), error.message);
      assert.ok(error.message.includes(errorCase.mentions), error.message);
      assert.deepEqual(
        parsed.sources.flatMap((source) => source.records.map((record) => record.ref)),
        ['Q9'],
      );
    });
  }

  it('reports a repeated source and ref', () => {
    const parsed = parseCaseLines([line(), line({ title: '又一个' })].join('\n'), 'x.jsonl');
    assert.equal(parsed.errors.length, 1);
    assert.equal(parsed.errors[0].code, 'duplicate-ref');
    assert.equal(parsed.errors[0].line, 2);
    assert.match(parsed.errors[0].message, /already used at line 1/);
    assert.equal(parsed.sources[0].records[0].title, '账号注销');
    assert.deepEqual(parsed.invalidRefs, ['support-records-part14.md/Q1']);
  });

  it('reports a second header of one source', () => {
    const other = { ...HEADER, preamble: '另一份说明' };
    const text = [
      line({ sourceHeader: HEADER }),
      line({ ref: 'Q2', sourceHeader: other }),
      line({ ref: 'Q3' }),
      line({ ref: 'Q4', sourceHeader: HEADER }),
    ].join('\n');
    const parsed = parseCaseLines(text, 'x.jsonl');
    assert.equal(parsed.errors.length, 1);
    assert.equal(parsed.errors[0].code, 'conflicting-header');
    assert.equal(parsed.errors[0].line, 2);
    assert.match(parsed.errors[0].message, /differs from the header of source .* at line 1/);
    assert.deepEqual(parsed.invalidRefs, ['support-records-part14.md/Q2']);
    assert.deepEqual(parsed.sources[0].header, HEADER);
    assert.deepEqual(
      parsed.sources[0].records.map((record) => record.ref),
      ['Q1', 'Q3', 'Q4'],
    );
  });

  it('repeats of an invalid line are duplicates too', () => {
    const parsed = parseCaseLines([line({ title: 2 }), line()].join('\n'), 'x.jsonl');
    assert.deepEqual(
      parsed.errors.map((error) => `${error.line}:${error.code}`),
      ['1:invalid-field', '2:duplicate-ref'],
    );
    assert.equal(parsed.sources.length, 0);
  });

  it('lists invalid lines by source and ref or by line', () => {
    const parsed = parseCaseLines([line({ turns: 3 }), '{'].join('\n'), 'x.jsonl');
    assert.deepEqual(parsed.invalidRefs, ['support-records-part14.md/Q1', 'line 2']);
  });

  it('reports every problem of a line', () => {
    const parsed = parseCaseLines(line({ title: 1, turns: [{ role: 'x', text: 2 }] }), 'x');
    assert.deepEqual(
      parsed.errors.map((error) => error.code),
      ['invalid-field', 'unknown-role', 'invalid-field'],
    );
  });

  it('covers every catalogued code', () => {
    const tested = new Set<string>([
      ...cases.map((errorCase) => errorCase.code),
      'duplicate-ref',
      'conflicting-header',
    ]);
    assert.deepEqual(Object.keys(CASE_LINE_ERROR_CODES).sort(), [...tested].sort());
  });
});
