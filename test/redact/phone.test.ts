import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { redacted } from './helpers.js';

describe('mobile numbers', () => {
  it('finds a plain number', () => {
    assert.equal(redacted('手机号：13800138000'), '手机号：[PHONE_1]');
  });

  it('finds numbers glued to Chinese', () => {
    assert.equal(redacted('手机13800138000谢谢'), '手机[PHONE_1]谢谢');
  });

  it('includes the country prefix', () => {
    const forms = ['+86 13800138000', '+86-13800138000', '0086 13800138000', '(+86)13800138000'];
    for (const form of forms)
      assert.equal(redacted(`电话 ${form} 谢谢`), '电话 [PHONE_1] 谢谢', form);
  });

  it('finds grouped forms', () => {
    for (const form of ['138 0013 8000', '138-0013-8000', '+86 138 0013 8000']) {
      assert.equal(redacted(`电话 ${form}。`), '电话 [PHONE_1]。', form);
    }
  });

  it('finds full-width digits', () => {
    assert.equal(redacted('手机１３８００１３８０００'), '手机[PHONE_1]');
  });

  it('numbers one value once', () => {
    const text = '13800138000 或 +86 138 0013 8000 或 13900139000';
    assert.equal(redacted(text), '[PHONE_1] 或 [PHONE_1] 或 [PHONE_2]');
  });

  it('keeps longer digit runs', () => {
    for (const text of ['1380013800012', '订单 2024100713800138000', 'ts=1728310703000']) {
      assert.equal(redacted(text), text);
    }
  });

  it('keeps digits inside identifiers', () => {
    for (const text of ['abc13800138000', '13800138000abc', 'x_13800138000', 'v1.13800138000']) {
      assert.equal(redacted(text), text);
    }
  });

  it('keeps order numbers', () => {
    assert.equal(redacted('订单号：13800138000'), '订单号：13800138000');
  });

  it('rejects other leading digits', () => {
    assert.equal(redacted('号码 12800138000'), '号码 12800138000');
  });
});

describe('landline numbers', () => {
  it('finds area code forms', () => {
    const forms = ['010-62345678', '(010)62345678', '0755-2345678', '021 62345678', '01062345678'];
    for (const form of forms)
      assert.equal(redacted(`座机：${form}。`), '座机：[LANDLINE_1]。', form);
  });

  it('includes the extension', () => {
    const forms = [
      '010-62345678-8001',
      '010-62345678转8001',
      '010-62345678 转 8001',
      '010-62345678 转8001',
      '010-62345678 分机 8001',
      '010-62345678分机号8001',
      '010-62345678 ext 8001',
    ];
    for (const form of forms) {
      assert.equal(redacted(`电话${form}，`), '电话[LANDLINE_1]，', form);
    }
  });

  it('keeps words after 转 outside', () => {
    assert.equal(redacted('座机 010-62345678 转 8001'), '座机 [LANDLINE_1]');
    assert.equal(redacted('电话 010-62345678 转 人工'), '电话 [LANDLINE_1] 转 人工');
    assert.equal(redacted('电话 010-62345678 转 1234567 号'), '电话 [LANDLINE_1] 转 1234567 号');
  });

  it('finds split local numbers', () => {
    assert.equal(redacted('电话 0755-8888-6666'), '电话 [LANDLINE_1]');
  });

  it('finds the international form', () => {
    assert.equal(redacted('Tel: +86 10 62345678'), 'Tel: [LANDLINE_1]');
  });

  it('finds a number in brackets', () => {
    assert.equal(redacted('座机(010-62345678)'), '座机([LANDLINE_1])');
  });

  it('keeps invoice codes', () => {
    assert.equal(redacted('发票代码 044032200111'), '发票代码 044032200111');
    assert.equal(redacted('发票号码 04403220011'), '发票号码 04403220011');
  });

  it('keeps invalid local numbers', () => {
    for (const text of ['010-12345678', '0105-62345678', '400-820-8820']) {
      assert.equal(redacted(text), text);
    }
  });

  it('keeps dates and times', () => {
    for (const text of ['2024-10-07 11:21:36', '07/Oct/2024', '2024-10-0712']) {
      assert.equal(redacted(text), text);
    }
  });
});
