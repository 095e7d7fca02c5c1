import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import fc from 'fast-check';

import { readArchiveFile } from '../../src/ingest/index.js';
import { bundledKnowledge } from '../../src/knowledge/index.js';
import { requiredAlternatives, requiredLiteral } from '../../src/knowledge/regex-literal.js';
import { SAMPLE } from '../helpers.js';

describe('requiredLiteral', () => {
  it('takes the longest plain run outside groups', () => {
    assert.equal(requiredLiteral('(想|要|怎么|怎样)(把.{0,10})?解绑'), '解绑');
    assert.equal(requiredLiteral('免费(https|ssl)?证书.{0,8}(卡着|卡住|不动)'), '免费');
    assert.equal(requiredLiteral('up-z[0-9]\\.qiniup\\.com'), '.qiniup.com');
    assert.equal(requiredLiteral('\\b579\\b'), '579');
  });

  it('leaves out the digits of a counted quantifier and units under a quantifier', () => {
    assert.equal(requiredLiteral('(https|证书).{0,10}(一直在处理中|卡进度)'), null);
    assert.equal(requiredLiteral('余额.{0,4}(变成?|成了|是)?负'), '余额');
    assert.equal(requiredLiteral('abc?d'), 'ab');
    assert.equal(requiredLiteral('ab{2}c'), null);
  });

  it('gives nothing for a pattern with a top-level alternative', () => {
    assert.equal(requiredLiteral('驳回|审核(未|没|没有|不)通过'), null);
  });

  it('holds for random patterns', () => {
    const atom = fc.constantFrom(
      'a',
      'b',
      '证',
      '书',
      '.',
      'a?',
      '证*',
      '(a|书)',
      '[ab]',
      '.{0,2}',
    );
    fc.assert(
      fc.property(
        fc.array(atom, { minLength: 1, maxLength: 6 }),
        fc.string({ unit: fc.constantFrom(...'ab证书x'), maxLength: 16 }),
        (atoms, text) => {
          const source = atoms.join('');
          const literal = requiredLiteral(source);
          const match = new RegExp(source, 'u').exec(text);
          if (literal !== null && match !== null) assert.ok(match[0].includes(literal));
        },
      ),
    );
  });

  it('holds for bundled patterns on the sample', () => {
    const texts = readArchiveFile(SAMPLE).records.flatMap((record) =>
      [record.title, record.description, ...record.turns.map((turn) => turn.text)].map((text) =>
        text.toLowerCase(),
      ),
    );
    let checked = 0;
    for (const cause of bundledKnowledge().taxonomy.causes) {
      for (const signal of cause.signals) {
        if (signal.kind !== 'regex') continue;
        const literal = requiredLiteral(signal.pattern);
        if (literal === null) continue;
        const regex = new RegExp(signal.pattern, 'u');
        for (const text of texts) {
          const match = regex.exec(text);
          if (match === null) continue;
          assert.ok(match[0].includes(literal), `${signal.pattern} matched ${match[0]}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 0);
  });
});

describe('requiredAlternatives', () => {
  it('takes a plain group without a run', () => {
    assert.deepEqual(requiredAlternatives('(https|证书).{0,10}(一直在处理中|卡进度)'), [
      '一直在处理中',
      '卡进度',
    ]);
    assert.deepEqual(requiredAlternatives('(怕|担心).{0,4}(盗刷|刷量)'), ['盗刷', '刷量']);
    assert.deepEqual(requiredAlternatives('免费(https|ssl)?证书'), ['免费']);
  });

  it('skips optional groups and nested ones', () => {
    assert.deepEqual(requiredAlternatives('(个|一个)?(url|链接)'), ['url', '链接']);
    assert.deepEqual(requiredAlternatives('(a(b|c)|d)(ef|gh)'), ['ef', 'gh']);
    assert.equal(requiredAlternatives('(个|一个)?.{0,2}'), null);
  });

  it('joins the branches of a top-level alternative', () => {
    assert.deepEqual(requiredAlternatives('驳回|审核(未|没|没有|不)通过'), ['驳回', '审核']);
    assert.equal(requiredAlternatives('驳回|.{0,2}'), null);
  });

  it('holds for random patterns', () => {
    const atom = fc.constantFrom(
      'a',
      '证',
      '.',
      'a?',
      '(a|书)',
      '(ab|证书)',
      '(a|b)?',
      '[ab]',
      '|',
    );
    fc.assert(
      fc.property(
        fc.array(atom, { minLength: 1, maxLength: 6 }),
        fc.string({ unit: fc.constantFrom(...'ab证书x'), maxLength: 16 }),
        (atoms, text) => {
          const source = atoms.join('');
          const literals = requiredAlternatives(source);
          const match = new RegExp(source, 'u').exec(text);
          if (literals !== null && match !== null) {
            assert.ok(
              literals.some((literal) => match[0].includes(literal)),
              source,
            );
          }
        },
      ),
    );
  });
});
