import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  isLuhnValid,
  isValidCreditCode,
  isValidIdCard15,
  isValidIdCard18,
} from '../../src/redact/checksums.js';
import { card, idCard, redacted } from './helpers.js';

describe('checksums', () => {
  it('accepts the GB 11643 example', () => {
    assert.equal(isValidIdCard18('11010519491231002X'), true);
  });

  it('rejects a wrong check character', () => {
    assert.equal(isValidIdCard18('110105194912310021'), false);
  });

  it('rejects an impossible birth date', () => {
    assert.equal(isValidIdCard18(idCard('11010519490230002')), false);
  });

  it('rejects an unknown province', () => {
    assert.equal(isValidIdCard18(idCard('99010519491231002')), false);
  });

  it('accepts a 15-digit ID', () => {
    assert.equal(isValidIdCard15('110105491231002'), true);
  });

  it('checks Luhn digits', () => {
    assert.equal(isLuhnValid('4111111111111111'), true);
    assert.equal(isLuhnValid('4111111111111112'), false);
  });

  it('checks credit code characters', () => {
    assert.equal(isValidCreditCode('91350100M000100Y43'), true);
    assert.equal(isValidCreditCode('91350100M000100Y44'), false);
  });
});

describe('ID card numbers', () => {
  it('finds an 18-character ID', () => {
    const id = idCard('11010119900307753');
    assert.equal(redacted(`身份证号${id}，`), '身份证号[ID_CARD_1]，');
  });

  it('finds an ID ending in X', () => {
    assert.equal(redacted('证件 11010519491231002X 已上传'), '证件 [ID_CARD_1] 已上传');
    assert.equal(redacted('证件 11010519491231002x 已上传'), '证件 [ID_CARD_1] 已上传');
  });

  it('finds a 15-digit ID', () => {
    assert.equal(redacted('老身份证 110105491231002 格式'), '老身份证 [ID_CARD_1] 格式');
  });

  it('finds a grouped ID', () => {
    assert.equal(redacted('证件：110105 19491231 002X'), '证件：[ID_CARD_1]');
  });

  it('finds an ID grouped in fours', () => {
    assert.equal(redacted('身份证 4403 0819 8805 1234 18 谢谢'), '身份证 [ID_CARD_1] 谢谢');
    assert.equal(redacted('证件 1101-0519-4912-3100-2X'), '证件 [ID_CARD_1]');
  });

  it('finds other groupings of an ID', () => {
    const id = idCard('11010519800315123');
    const groupings = [
      `${id.slice(0, 6)} ${id.slice(6, 10)} ${id.slice(10, 14)} ${id.slice(14)}`,
      `${id.slice(0, 6)}-${id.slice(6, 10)}-${id.slice(10, 14)}-${id.slice(14)}`,
      `${id.slice(0, 6)} ${id.slice(6)}`,
      id.replace(/(.{3})(?=.)/g, '$1 '),
    ];
    for (const grouped of groupings) {
      assert.equal(redacted(`身份证：${grouped}。`), '身份证：[ID_CARD_1]。', grouped);
    }
  });

  it('keeps a wrong check digit', () => {
    assert.equal(redacted('单号 110105194912310021'), '单号 110105194912310021');
  });

  it('finds a mistyped ID after an ID label', () => {
    assert.equal(redacted('身份证号 110105198001011234'), '身份证号 [ID_CARD_1]');
    assert.equal(redacted('身份证 11010519800101123X'), '身份证 [ID_CARD_1]');
    assert.equal(
      redacted('我的身份证过期了，订单 110105198001011234'),
      '我的身份证过期了，订单 110105198001011234',
    );
  });

  it('keeps digits inside hex dumps', () => {
    const dump = `504B0304${idCard('11010519491231002')}B0102170B14`;
    assert.equal(redacted(dump), dump);
  });
});

describe('bank card numbers', () => {
  it('finds a card with a known prefix', () => {
    const number = card('622202123456789012');
    assert.equal(redacted(`卡 ${number} 扣款`), '卡 [BANK_CARD_1] 扣款');
  });

  it('finds a mistyped card after a bank card label', () => {
    assert.equal(redacted('银行卡 6222 0212 3456 7890 123'), '银行卡 [BANK_CARD_1]');
    assert.equal(redacted('信用卡号：6222021234567890123'), '信用卡号：[BANK_CARD_1]');
    assert.equal(redacted('卡号 4367420684839550 提示无效'), '卡号 4367420684839550 提示无效');
  });

  it('finds a grouped card', () => {
    const number = card('621700123456789');
    const grouped = number.replace(/(.{4})(?=.)/g, '$1 ');
    assert.equal(redacted(`付款卡 ${grouped}。`), '付款卡 [BANK_CARD_1]。');
  });

  it('needs a hint for other prefixes', () => {
    const number = card('123456789012345');
    assert.equal(redacted(`编号 ${number}`), `编号 ${number}`);
    assert.equal(redacted(`银行卡号 ${number}`), '银行卡号 [BANK_CARD_1]');
  });

  it('keeps an order number that passes the Luhn check', () => {
    const number = card('622202123456789012');
    assert.equal(redacted(`订单编号 ${number}`), `订单编号 ${number}`);
    assert.equal(redacted(`订单的银行卡号 ${number}`), '订单的银行卡号 [BANK_CARD_1]');
  });

  it('keeps a failed Luhn check', () => {
    const number = card('622202123456789012').replace(/.$/, (d) => String((Number(d) + 1) % 10));
    assert.equal(redacted(`卡 ${number}`), `卡 ${number}`);
  });
});

describe('credit codes', () => {
  it('finds a valid code', () => {
    assert.equal(redacted('信用代码：91350100M000100Y43，'), '信用代码：[CREDIT_CODE_1]，');
  });

  it('keeps an invalid code', () => {
    assert.equal(redacted('代码 91350100M000100Y44'), '代码 91350100M000100Y44');
  });
});
