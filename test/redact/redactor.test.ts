import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { redact, Redactor, RedactionSession } from '../../src/redact/index.js';

describe('redact', () => {
  it('returns input offsets', () => {
    const input = '邮箱 a@example.com 电话 13800138000';
    const { entities } = redact(input);
    assert.deepEqual(
      entities.map((e) => [e.type, input.slice(e.start, e.end), e.placeholder]),
      [
        ['EMAIL', 'a@example.com', '[EMAIL_1]'],
        ['PHONE', '13800138000', '[PHONE_1]'],
      ],
    );
  });

  it('returns text unchanged without findings', () => {
    const input = '您好，证书还在等待CA机构审核中';
    assert.deepEqual(redact(input), { text: input, entities: [] });
  });

  it('uses the given session', () => {
    const session = new RedactionSession();
    redact('13800138000', session);
    assert.equal(redact('13900139000', session).text, '[PHONE_2]');
  });

  it('prefers the longer span', () => {
    const text = 'https://cdn.example.com/u/13800138000/a.jpg';
    assert.equal(redact(text).text, 'https://cdn.example.com[URL_1]');
  });

  it('replaces a key glued to a PEM line', () => {
    const key = 'BQI2Rv7KIHUMKuhfw6f-LHiePHLiyCzVdzDtWOBN';
    const once = redact(`${key}-----BEGIN PRIVATE KEY-----`).text;
    assert.equal(once, '[SECRET_1][SECRET_2]');
  });

  it('is idempotent on hard cases', () => {
    const texts = [
      '手机13800138000谢谢',
      '[REDACTED_PHONE]左先生',
      '拉黑58.220.4.0/24',
      'Bearer 62345678password-----BEGIN PRIVATE KEY-----',
      'QINIU_[密钥已脱敏] = "[REDACTED_LONG_KEY]"',
    ];
    for (const text of texts) {
      const once = redact(text).text;
      assert.equal(redact(once).text, once, text);
    }
  });

  it('accepts injected data', () => {
    const redactor = new Redactor({
      redactDomains: true,
      allowlist: { hosts: ['cdn.example.com'] },
    });
    assert.equal(
      redactor.redact('cdn.example.com 与 img.example.com').text,
      'cdn.example.com 与 [DOMAIN_1]',
    );
  });
});
