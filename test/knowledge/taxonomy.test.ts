import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import {
  DEFAULT_TAXONOMY_PATH,
  KnowledgeError,
  findLegacyTemplate,
  loadTaxonomy,
  parseLegacyTemplates,
  parseTaxonomy,
} from '../../src/knowledge/index.js';
import { findUnsafeConstruct } from '../../src/knowledge/safe-pattern.js';
import { loadKnowledge, loadSampleRecords } from './sample.js';

const PRODUCTS = new Set(['CDN', '对象存储', '账户与财务', '云主机', '云短信', '人工智能']);

// A minimal valid entry; tests break one field at a time.
const VALID_ENTRY = `
  - code: cert.example
    label: 示例
    product: CDN
    types: [证书问题]
    signals:
      - { phrase: 证书, weight: 2 }
    explanation: 说明。
    fix: [第一步]
    needsHuman: false
    docHint: 文档。`;

function parseWith(entry: string): ReturnType<typeof parseTaxonomy> {
  return parseTaxonomy(`causes:${entry}`, 'broken.yaml');
}

function expectKnowledgeError(
  run: () => unknown,
  code: string,
  field: string | undefined,
): KnowledgeError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof KnowledgeError, `expected a KnowledgeError, got ${String(caught)}`);
  assert.equal(caught.code, code);
  assert.equal(caught.file, 'broken.yaml');
  assert.equal(caught.field, field);
  assert.match(caught.message, /^broken\.yaml/);
  if (field !== undefined) assert.ok(caught.message.includes(`"${field}"`), caught.message);
  return caught;
}

describe('bundled taxonomy', () => {
  it('loads with 30 to 60 causes', async () => {
    const taxonomy = await loadTaxonomy();

    assert.ok(taxonomy.causes.length >= 30, `only ${taxonomy.causes.length} causes`);
    assert.ok(taxonomy.causes.length <= 60, `${taxonomy.causes.length} causes`);
    assert.equal(taxonomy.byCode.size, taxonomy.causes.length);
  });

  it('has complete entries', async () => {
    const taxonomy = await loadTaxonomy();

    for (const cause of taxonomy.causes) {
      const where = cause.code;
      assert.ok(cause.label.length > 0, where);
      assert.ok(
        cause.products.every((product) => PRODUCTS.has(product)),
        where,
      );
      assert.ok(cause.types.length > 0, where);
      assert.ok(
        cause.signals.some((signal) => signal.weight > 0),
        where,
      );
      assert.ok(cause.explanation.length > 10, where);
      assert.ok(cause.fix.length > 0, where);
      assert.ok(cause.docHint.length > 0, where);
      assert.equal(cause.humanAction !== null, cause.needsHuman, where);
      assert.equal(cause.humanReason !== null, cause.needsHuman, where);
    }
  });

  it('names no URLs in docHint', async () => {
    const taxonomy = await loadTaxonomy();

    for (const cause of taxonomy.causes) {
      assert.doesNotMatch(cause.docHint, /https?:\/\/|www\./, cause.code);
    }
  });

  it('covers every product', async () => {
    const taxonomy = await loadTaxonomy();
    const covered = new Set(taxonomy.causes.flatMap((cause) => cause.products));

    assert.deepEqual(
      [...PRODUCTS].filter((product) => !covered.has(product)),
      [],
    );
  });

  it('reads the default path', () => {
    assert.match(readFileSync(DEFAULT_TAXONOMY_PATH, 'utf8'), /^causes:/m);
  });
});

describe('legacy template map', () => {
  it('maps every sample sentence', async () => {
    const { templates } = await loadKnowledge();
    const sentences = new Set(loadSampleRecords().map((record) => record.rootCause));

    assert.equal(sentences.size, 14);
    for (const sentence of sentences) {
      assert.ok(findLegacyTemplate(templates, sentence) !== undefined, sentence);
    }
  });

  it('marks generic sentence as null', async () => {
    const { templates } = await loadKnowledge();
    const generic = findLegacyTemplate(templates, '需要根据具体场景和错误信息进一步排查');

    assert.equal(generic?.codes, null);
  });

  it('ignores spacing and width', async () => {
    const { templates } = await loadKnowledge();
    const template = findLegacyTemplate(
      templates,
      ' 账号注销需满足特定条件(无欠费、无用量、非特殊账号类型等) ',
    );

    assert.deepEqual(template?.codes, ['account.closure']);
  });

  it('rejects an unknown code', async () => {
    const { taxonomy } = await loadKnowledge();
    const text = 'templates:\n  - sentence: 某句\n    codes: [cert.no-such-cause]\n';

    const error = expectKnowledgeError(
      () => parseLegacyTemplates(text, 'broken.yaml', taxonomy),
      'KNOWLEDGE_UNKNOWN_CODE',
      'codes[0]',
    );
    assert.match(error.message, /cert\.no-such-cause/);
  });

  it('rejects a missing codes field', async () => {
    const { taxonomy } = await loadKnowledge();
    const text = 'templates:\n  - sentence: 某句\n';

    expectKnowledgeError(
      () => parseLegacyTemplates(text, 'broken.yaml', taxonomy),
      'KNOWLEDGE_FIELD_INVALID',
      'codes',
    );
  });
});

describe('malformed taxonomy', () => {
  it('accepts the minimal entry', () => {
    assert.equal(parseWith(VALID_ENTRY).causes[0].code, 'cert.example');
  });

  it('names a missing label', () => {
    const error = expectKnowledgeError(
      () => parseWith(VALID_ENTRY.replace('    label: 示例\n', '')),
      'KNOWLEDGE_FIELD_INVALID',
      'label',
    );
    assert.equal(error.entry, 'cert.example');
  });

  it('names a mistyped weight', () => {
    const error = expectKnowledgeError(
      () => parseWith(VALID_ENTRY.replace('weight: 2', 'weight: heavy')),
      'KNOWLEDGE_FIELD_INVALID',
      'signals[0].weight',
    );
    assert.match(error.message, /"heavy"/);
  });

  it('requires humanAction when needed', () => {
    expectKnowledgeError(
      () => parseWith(VALID_ENTRY.replace('needsHuman: false', 'needsHuman: true')),
      'KNOWLEDGE_FIELD_INVALID',
      'humanAction',
    );
  });

  it('rejects an unknown humanReason', () => {
    const entry = VALID_ENTRY.replace(
      'needsHuman: false',
      'needsHuman: true\n    humanAction: 退款\n    humanReason: refunds',
    );
    expectKnowledgeError(() => parseWith(entry), 'KNOWLEDGE_FIELD_INVALID', 'humanReason');
  });

  it('rejects humanTask without needsHuman', () => {
    const entry = VALID_ENTRY.replace(
      'needsHuman: false',
      'needsHuman: false\n    humanTask: 退款',
    );
    expectKnowledgeError(() => parseWith(entry), 'KNOWLEDGE_FIELD_INVALID', 'humanTask');
  });

  it('rejects a duplicate code', () => {
    expectKnowledgeError(() => parseWith(VALID_ENTRY + VALID_ENTRY), 'KNOWLEDGE_DUPLICATE', 'code');
  });

  it('rejects a catastrophic regex', () => {
    const entry = VALID_ENTRY.replace(
      '{ phrase: 证书, weight: 2 }',
      "{ regex: '(a+)+b', weight: 2 }",
    );
    expectKnowledgeError(() => parseWith(entry), 'KNOWLEDGE_UNSAFE_PATTERN', 'signals[0].regex');
  });

  it('rejects a regex matching empty', () => {
    const entry = VALID_ENTRY.replace('{ phrase: 证书, weight: 2 }', "{ regex: 'a?', weight: 2 }");
    expectKnowledgeError(() => parseWith(entry), 'KNOWLEDGE_UNSAFE_PATTERN', 'signals[0].regex');
  });

  it('reports invalid YAML syntax', () => {
    expectKnowledgeError(
      () => parseTaxonomy('causes: [\n  - code: x', 'broken.yaml'),
      'KNOWLEDGE_YAML_INVALID',
      undefined,
    );
  });

  it('reports an unreadable file', async () => {
    await assert.rejects(loadTaxonomy('/nonexistent/root-causes.yaml'), {
      name: 'KnowledgeError',
      code: 'KNOWLEDGE_FILE_UNREADABLE',
    });
  });
});

describe('findUnsafeConstruct', () => {
  const cases: Array<[string, boolean]> = [
    ['txt.{0,6}(记录|验证)', true],
    ['\\b579\\b', true],
    ['ios\\s?(版本)?[:：]?', true],
    ['[*+]', true],
    ['a+', false],
    ['a*b', false],
    ['(ab)+', false],
    ['(ab){2}', false],
    ['a{2,}', false],
    ['a{0,99}', false],
    ['(a)\\1', false],
    ['(?=a)b', false],
    ['(?<!a)b', false],
  ];

  for (const [pattern, safe] of cases) {
    it(`${safe ? 'accepts' : 'rejects'} ${pattern}`, () => {
      assert.equal(findUnsafeConstruct(pattern) === null, safe);
    });
  }
});
