import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { findPlaceholders, Redactor, RedactionSession } from '../../src/redact/index.js';

const redactor = new Redactor();

describe('placeholder recognition', () => {
  it('finds legacy placeholders', () => {
    const text =
      '[URL已脱敏] [REDACTED_PHONE] [IP已脱敏] [密钥已脱敏] [REDACTED_ID_CARD_18] [图片]';
    const types = findPlaceholders(text).map((span) => span.type);
    assert.deepEqual(types, ['URL', 'PHONE', 'IP', 'SECRET', 'ID_CARD', null]);
  });

  it('finds our own placeholders', () => {
    assert.deepEqual(
      findPlaceholders('[PHONE_12]').map((span) => [span.type, span.index]),
      [['PHONE', 12]],
    );
  });

  it('leaves placeholders untouched', () => {
    const text = '[REDACTED_EMAIL] [URL已脱敏]/a [PHONE_1] [WinError 183] upload_[密钥已脱敏]';
    assert.equal(redactor.redact(text).text, text);
  });

  it('numbers after existing placeholders', () => {
    assert.equal(redactor.redact('[PHONE_1] 和 13800138000').text, '[PHONE_1] 和 [PHONE_2]');
  });
});

describe('RedactionSession', () => {
  it('keeps numbers across texts', () => {
    const session = new RedactionSession();
    redactor.redact('13800138000', session);
    const second = redactor.redact('13900139000 和 13800138000', session);
    assert.equal(second.text, '[PHONE_2] 和 [PHONE_1]');
  });

  it('counts distinct values per type', () => {
    const session = new RedactionSession();
    redactor.redact('13800138000 13800138000 a@example.com', session);
    const counts = session.counts();
    assert.equal(counts.PHONE, 1);
    assert.equal(counts.EMAIL, 1);
    assert.equal(counts.IP, 0);
  });

  it('passes contact values to the hook', () => {
    const seen: string[] = [];
    const session = new RedactionSession({
      onValue: (type, placeholder, value) => seen.push(`${type} ${placeholder} ${value}`),
    });
    redactor.redact('手机 +86 13800138000，再说一次 13800138000', session);
    assert.deepEqual(seen, ['PHONE [PHONE_1] +86 13800138000']);
  });

  it('never passes secrets to the hook', () => {
    const seen: string[] = [];
    const session = new RedactionSession({ onValue: (type) => seen.push(type) });
    redactor.redact('password: "hunter2" 13800138000', session);
    assert.deepEqual(seen, ['PHONE']);
  });
});
