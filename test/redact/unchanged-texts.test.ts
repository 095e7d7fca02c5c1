import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { Redactor, RedactionSession } from '../../src/redact/index.js';

// A Redactor remembers texts in which it found nothing, and returns them unchanged when they
// recur. These tests check the cases where an earlier empty result must not be reused.
describe('Redactor with remembered unchanged texts', () => {
  it('replaces a known name in a remembered text', () => {
    const redactor = new Redactor();
    // "Zhang San has finished it": a bare name, found only once it is known.
    const text = '张三已经处理好了';
    assert.equal(redactor.redact(text).text, text);

    const session = new RedactionSession();
    // "Contact: Zhang San" makes the name known to this session.
    redactor.redact('联系人：张三', session);
    assert.equal(redactor.redact(text, session).text, '[NAME_1]已经处理好了');
  });

  it('finds a full-width known name', () => {
    const redactor = new Redactor();
    // "Zhang Wei has finished it", once in ASCII and once in full-width letters.
    const texts = ['Zhang Wei 已经处理好了', 'Ｚｈａｎｇ Ｗｅｉ已经处理好了'];
    for (const text of texts) assert.equal(redactor.redact(text).text, text);

    const session = new RedactionSession();
    redactor.redact('name: Zhang Wei', session);
    for (const text of texts) assert.match(redactor.redact(text, session).text, /^\[NAME_1\] ?已/);
    // A remembered text without the name is still returned unchanged in that session.
    assert.equal(redactor.redact('已经处理好了', session).text, '已经处理好了');
  });

  it('reserves placeholder numbers of a repeated text', () => {
    const redactor = new Redactor();
    // "Recorded [PHONE_3]": the number 3 is taken in every session that reads this text.
    const text = '已记录[PHONE_3]';
    for (const attempt of [1, 2]) {
      const session = new RedactionSession();
      assert.equal(redactor.redact(text, session).text, text);
      assert.equal(redactor.redact('13800138000', session).text, '[PHONE_4]', `attempt ${attempt}`);
    }
  });

  it('returns a repeated clean text unchanged', () => {
    const redactor = new Redactor();
    const text = '您好，证书还在等待CA机构审核中';
    assert.deepEqual(redactor.redact(text), { text, entities: [] });
    assert.deepEqual(redactor.redact(text), { text, entities: [] });
  });
});
