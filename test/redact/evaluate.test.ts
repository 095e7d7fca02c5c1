import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import {
  ENTITY_TYPES,
  evaluateRedaction,
  formatEvaluation,
  parseCorpus,
  type EntityType,
} from '../../src/redact/index.js';
import { packagePath } from '../../src/shared/paths.js';

const corpus = parseCorpus(
  readFileSync(packagePath('data', 'eval', 'redaction-corpus.jsonl'), 'utf8'),
);
const report = evaluateRedaction(corpus);
const STRUCTURED: EntityType[] = ['PHONE', 'EMAIL', 'ID_CARD', 'BANK_CARD', 'IP', 'SECRET'];

describe('redaction corpus', () => {
  it('has at least 300 items', () => {
    assert.ok(corpus.length >= 300, `${corpus.length} items`);
  });

  it('covers every entity type', () => {
    const covered = new Set(corpus.flatMap((item) => item.entities.map((e) => e.type)));
    for (const type of ENTITY_TYPES) assert.ok(covered.has(type), type);
  });

  it('meets structured recall and precision', () => {
    for (const type of STRUCTURED) {
      const score = report.perType[type];
      assert.ok(score.recall >= 0.99, `${type} recall ${score.recall}`);
      assert.ok(score.precision >= 0.98, `${type} precision ${score.precision}`);
    }
  });

  it('meets name recall', () => {
    assert.ok(report.perType.NAME.recall >= 0.9, `NAME recall ${report.perType.NAME.recall}`);
  });

  it('keeps must-survive strings', () => {
    assert.ok(report.survival.rate >= 0.99, `survival ${report.survival.rate}`);
  });
});

describe('evaluateRedaction', () => {
  const item = {
    id: 'x',
    text: '电话13800138000，订单 2024100701',
    entities: [{ type: 'PHONE' as const, value: '13800138000' }],
    survive: ['2024100701'],
  };

  it('counts exact matches', () => {
    const score = evaluateRedaction([item]).perType.PHONE;
    assert.deepEqual([score.tp, score.fp, score.fn], [1, 0, 0]);
  });

  it('counts a missed label', () => {
    const missed = { ...item, entities: [{ type: 'EMAIL' as const, value: '2024100701' }] };
    const result = evaluateRedaction([missed]);
    assert.equal(result.perType.EMAIL.fn, 1);
    assert.equal(result.perType.PHONE.fp, 1);
  });

  it('formats a table', () => {
    const table = formatEvaluation(evaluateRedaction([item]));
    assert.match(table, /^type\s+gold\s+tp\s+fp\s+fn\s+precision\s+recall/);
    assert.match(table, /PHONE\s+1\s+1\s+0\s+0/);
    assert.match(table, /intact: 1\/1/);
  });

  it('rejects a misplaced label', () => {
    const line = JSON.stringify({
      id: 'y',
      text: 'abc',
      entities: [{ type: 'NAME', value: 'b', start: 0 }],
    });
    assert.throws(() => parseCorpus(line), /line 1/);
  });
});
