import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { normalizeText, toInputSpan } from '../../src/redact/normalize.js';
import { Redactor } from '../../src/redact/index.js';

describe('normalizeText', () => {
  it('folds full-width ASCII', () => {
    assert.equal(normalizeText('１３８＠ｅｘ：Ａ').text, '138@ex:A');
  });

  it('keeps sentence marks', () => {
    assert.equal(normalizeText('好，吗？是！；').text, '好，吗？是！；');
  });

  it('keeps the length without removals', () => {
    const result = normalizeText('电话：１３８');
    assert.equal(result.text.length, 6);
    assert.equal(result.offsets, null);
  });

  it('maps offsets past removed characters', () => {
    const result = normalizeText('a\u200bbc');
    assert.equal(result.text, 'abc');
    assert.deepEqual(toInputSpan(result, 1, 3), { start: 2, end: 4 });
  });
});

describe('offsets into the input', () => {
  it('point at full-width values', () => {
    const input = '手机１３８００１３８０００。';
    const [entity] = new Redactor().redact(input).entities;
    assert.equal(input.slice(entity.start, entity.end), '１３８００１３８０００');
  });

  it('span zero-width characters', () => {
    const input = '电话：138\u200b00138000';
    const result = new Redactor().redact(input);
    assert.equal(result.text, '电话：[PHONE_1]');
    assert.equal(
      input.slice(result.entities[0].start, result.entities[0].end),
      '138\u200b00138000',
    );
  });
});
