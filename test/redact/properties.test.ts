import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import fc from 'fast-check';

import { Redactor, type RedactionResult } from '../../src/redact/index.js';
import { card, idCard } from './helpers.js';

const redactor = new Redactor();

// Pieces that build text near every detector's edge cases: digits, separators, hosts, keys,
// Chinese context words, honorifics, placeholders and home-folder paths.
const FRAGMENTS = [
  '1',
  '3',
  '8',
  '0',
  '138',
  '0013',
  '8000',
  '13800138000',
  '+86',
  ' ',
  '-',
  '.',
  ':',
  '/',
  '_',
  '@',
  '＠',
  '１３８',
  '：',
  '，',
  '(',
  ')',
  '"',
  "'",
  '=',
  '\n',
  'a',
  'Z',
  'x',
  'eyJ',
  'http://',
  'https://',
  'example.com',
  'qiniup.com',
  '?token=',
  '&e=',
  '192.0.2.1',
  '::',
  '2001',
  'db8',
  '王',
  '张三',
  '先生',
  '女士',
  '经理',
  '总',
  '联系人',
  '微信',
  'wx',
  'QQ',
  '密码',
  'password',
  'secret_key',
  'SK',
  '[REDACTED_PHONE]',
  '[PHONE_1]',
  '[IP已脱敏]',
  '[',
  ']',
  '110105',
  '19491231',
  '002X',
  '6222',
  'Authorization',
  'Bearer ',
  'QBox ',
  '谢谢',
  '-----BEGIN PRIVATE KEY-----',
  'BQI2Rv7KIHUMKuhfw6f-LHiePHLiyCzVdzDtWOBN',
  '\u200b',
  '0755',
  '62345678',
  '转',
  '/24',
  '.*',
  '\\',
  'C:\\Users\\',
  '/Users/',
  '/home/',
  'yaoqi',
  'Public',
];

const textArbitrary = fc
  .array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 })
  .map((parts) => parts.join(''));

/** Rebuilds the output from the input and the entities. */
function rebuild(input: string, result: RedactionResult): string {
  let output = '';
  let last = 0;
  for (const entity of result.entities) {
    output += input.slice(last, entity.start) + entity.placeholder;
    last = entity.end;
  }
  return output + input.slice(last);
}

describe('redaction properties', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(textArbitrary, (text) => {
        const once = redactor.redact(text).text;
        assert.equal(redactor.redact(once).text, once);
      }),
      { numRuns: 500 },
    );
  });

  it('changes only the detected spans', () => {
    fc.assert(
      fc.property(textArbitrary, (text) => {
        const result = redactor.redact(text);
        assert.equal(rebuild(text, result), result.text);
      }),
      { numRuns: 500 },
    );
  });

  it('returns ordered disjoint spans', () => {
    fc.assert(
      fc.property(textArbitrary, (text) => {
        let last = 0;
        for (const entity of redactor.redact(text).entities) {
          assert.ok(entity.start >= last, 'spans overlap or are out of order');
          assert.ok(entity.end > entity.start, 'span is empty');
          assert.ok(entity.end <= text.length, 'span ends past the text');
          last = entity.end;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('leaves no detected value behind', () => {
    fc.assert(
      fc.property(textArbitrary, (text) => {
        const result = redactor.redact(text);
        let outside = '';
        let last = 0;
        for (const entity of result.entities) {
          outside += text.slice(last, entity.start) + '\u0000';
          last = entity.end;
        }
        outside += text.slice(last);
        for (const entity of result.entities) {
          const value = text.slice(entity.start, entity.end);
          if (value.length < 4 || outside.includes(value)) continue;
          assert.ok(!result.text.includes(value), `${value} survived in ${result.text}`);
        }
      }),
      { numRuns: 500 },
    );
  });
});

// Values the redactor must always find, mixed with filler that cannot form personal data.
const sensitiveArbitrary = fc.oneof(
  fc.integer({ min: 0, max: 99_999_999 }).map((n) => `139${String(n).padStart(8, '0')}`),
  fc.integer({ min: 1, max: 254 }).map((n) => `198.51.100.${n}`),
  fc.constantFrom('dev', 'ops.team', 'li_si').map((local) => `${local}@example.com`),
  fc.integer({ min: 100, max: 999 }).map((n) => idCard(`11010519880101${n}`)),
  fc.integer({ min: 100_000_000, max: 999_999_999 }).map((n) => card(`622202${n}123`)),
);
const fillerArbitrary = fc.constantFrom('，', '。', ' ', '您好', '请问', '上传失败', '谢谢', '\n');

describe('recall on generated messages', () => {
  it('replaces every inserted value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fillerArbitrary, sensitiveArbitrary), { minLength: 1, maxLength: 8 }),
        (pairs) => {
          const text = pairs.map(([filler, value]) => filler + value).join('');
          const output = redactor.redact(text).text;
          for (const [, value] of pairs)
            assert.ok(!output.includes(value), `${value} in ${output}`);
        },
      ),
      { numRuns: 300 },
    );
  });
});
