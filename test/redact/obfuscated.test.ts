import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { Redactor } from '../../src/redact/index.js';
import { assertKeeps, assertRedacts, redacted } from './helpers.js';

describe('phone numbers written digit by digit', () => {
  it('finds digits joined by blanks', () => {
    assert.equal(redacted('手机 1 3 8 0 0 1 3 8 0 0 0'), '手机 [PHONE_1]');
    assert.equal(redacted('电话1 3 8 0 0 1 3 8 0 0 0谢谢'), '电话[PHONE_1]谢谢');
  });

  it('finds other single separators', () => {
    const forms = [
      '1-3-8-0-0-1-3-8-0-0-0',
      '1.3.8.0.0.1.3.8.0.0.0',
      '1_3_8_0_0_1_3_8_0_0_0',
      '1·3·8·0·0·1·3·8·0·0·0',
      '1 - 3 - 8 - 0 - 0 - 1 - 3 - 8 - 0 - 0 - 0',
      '1\t3\t8\t0\t0\t1\t3\t8\t0\t0\t0',
    ];
    for (const form of forms) assert.equal(redacted(`手机 ${form}。`), '手机 [PHONE_1]。', form);
  });

  it('finds full-width digits and spaces', () => {
    assert.equal(redacted('手机１ ３ ８ ０ ０ １ ３ ８ ０ ０ ０'), '手机[PHONE_1]');
    assert.equal(redacted('手机1　3　8　0　0　1　3　8　0　0　0'), '手机[PHONE_1]');
  });

  it('includes the country prefix', () => {
    assert.equal(redacted('打 +86 1 3 8 0 0 1 3 8 0 0 0 就行'), '打 [PHONE_1] 就行');
  });

  it('numbers the same value once', () => {
    const text = '13800138000 或 1 3 8 0 0 1 3 8 0 0 0 或 138 0013 8000';
    assert.equal(redacted(text), '[PHONE_1] 或 [PHONE_1] 或 [PHONE_1]');
  });

  it('keeps grouped forms working', () => {
    for (const form of ['138 0013 8000', '138-0013-8000', '+86 138 0013 8000']) {
      assert.equal(redacted(`电话 ${form}。`), '电话 [PHONE_1]。', form);
    }
  });

  it('accepts a bracket after a contact word', () => {
    assert.equal(redacted('联系我（1 3 8 0 0 1 3 8 0 0 0）'), '联系我（[PHONE_1]）');
  });

  it('keeps longer and shorter rows', () => {
    const texts = [
      '5 1 3 8 0 0 1 3 8 0 0 0',
      '1 3 8 0 0 1 3 8 0 0 0 2',
      '1 3 8 0 0 1 3 8 0 0',
      '1-3-8-0-0-1-3-8-0-0-0-7',
    ];
    for (const text of texts) assert.equal(redacted(text), text);
  });

  it('keeps mixed separators', () => {
    const text = '1 3 8-0 0 1 3 8 0 0 0';
    assert.equal(redacted(text), text);
  });

  it('keeps a bracketed row of output', () => {
    for (const text of ['[1 3 8 0 0 1 3 8 0 0 0]', 'print(1 3 8 0 0 1 3 8 0 0 0)']) {
      assert.equal(redacted(text), text);
    }
  });

  it('keeps digits glued to letters', () => {
    for (const text of ['a1 3 8 0 0 1 3 8 0 0 0', '1 3 8 0 0 1 3 8 0 0 0b']) {
      assert.equal(redacted(text), text);
    }
  });

  it('keeps order numbers', () => {
    const text = '订单号 1 3 8 0 0 1 3 8 0 0 0';
    assert.equal(redacted(text), text);
  });

  it('keeps other leading digits', () => {
    const text = '号码 1 2 8 0 0 1 3 8 0 0 0';
    assert.equal(redacted(text), text);
  });
});

describe('e-mail addresses with a spelled @', () => {
  it('finds bracketed at', () => {
    const forms = [
      'zhangwei[at]example.com',
      'zhangwei(at)example.com',
      'zhangwei{at}example.com',
      'zhangwei<at>example.com',
      'ZhangWei[AT]Example.com',
    ];
    for (const form of forms)
      assert.equal(redacted(`邮箱 ${form} 谢谢`), '邮箱 [EMAIL_1] 谢谢', form);
  });

  it('numbers a spelled address as the written one', () => {
    assert.equal(
      redacted('邮箱 ZhangWei [at] example [dot] com，也就是 zhangwei@example.com'),
      '邮箱 [EMAIL_1]，也就是 [EMAIL_1]',
    );
    assert.equal(
      redacted('邮箱：zhangwei#example.com 和 zhangwei@example.com'),
      '邮箱：[EMAIL_1] 和 [EMAIL_1]',
    );
  });

  it('finds spelled dots with blanks', () => {
    const forms = [
      'zhangwei [at] example [dot] com',
      'zhangwei (at) example (dot) com',
      'zhangwei [ at ] example [ dot ] com',
      'zhangwei [at] example.com.cn',
      'zhangwei[at]example[.]com',
    ];
    for (const form of forms)
      assert.equal(redacted(`发到 ${form}，谢谢`), '发到 [EMAIL_1]，谢谢', form);
  });

  it('finds full-width brackets and dots', () => {
    assert.equal(redacted('邮箱：zhangwei［at］example．com'), '邮箱：[EMAIL_1]');
    assert.equal(redacted('邮箱：zhangwei（at）example.com'), '邮箱：[EMAIL_1]');
  });

  it('finds full-width at signs', () => {
    assert.equal(redacted('zhangwei＠example.com 是我的邮箱'), '[EMAIL_1] 是我的邮箱');
  });

  it('finds hash after an e-mail label', () => {
    const texts = [
      '邮箱 zhangwei#example.com',
      '邮箱：zhangwei#example.com',
      '邮箱是zhangwei#example.com',
      '邮件地址：zhangwei#example.com',
      '**邮箱**：zhangwei#example.com',
      'email: zhangwei#example.com',
      'E-mail: zhangwei#example.com',
      'Mail = zhangwei#example.com',
    ];
    for (const text of texts) {
      const expected = text.replace('zhangwei#example.com', '[EMAIL_1]');
      assert.equal(redacted(text), expected, text);
    }
  });

  it('keeps hash without a label', () => {
    const texts = [
      'zhangwei#example.com',
      'C#example.com 这个项目',
      'gmail zhangwei#example.com',
      '文档 docs.example.com#install',
      '邮箱 zhangwei#123',
    ];
    for (const text of texts) assert.equal(redacted(text), text);
  });

  it('keeps spelled at in code', () => {
    const texts = [
      'data[at].length',
      'print(at) config.py',
      'fn(at) foo.com',
      'zhangwei [at]example.com',
      'zhangwei [at] example.info',
    ];
    for (const text of texts) assert.equal(redacted(text), text);
  });

  it('keeps allowlisted addresses', () => {
    const text = '官方邮箱 support[at]qiniu.com';
    assert.equal(redacted(text), text);
  });

  it('keeps text around the address', () => {
    assert.equal(redacted('邮箱：chenjing#example.org（#换成@）'), '邮箱：[EMAIL_1]（#换成@）');
  });
});

describe('e-mail addresses with the word at', () => {
  it('finds at with a spelled dot', () => {
    const cases: Array<[string, string]> = [
      ['邮箱 zhangwei at example dot com', '邮箱 [EMAIL_1]'],
      ['发到 zhangwei at example dot com 谢谢', '发到 [EMAIL_1] 谢谢'],
      ['wangfang at 163 dot com', '[EMAIL_1]'],
      ['lina at mail dot example dot cn，收到请回复', '[EMAIL_1]，收到请回复'],
      ['zhangwei [at] example dot com', '[EMAIL_1]'],
    ];
    assertRedacts(cases);
  });

  it('finds upper-case AT', () => {
    assertRedacts([
      ['发到 liuyang AT 163.com 谢谢', '发到 [EMAIL_1] 谢谢'],
      ['邮件 liuyang AT example DOT com', '邮件 [EMAIL_1]'],
    ]);
  });

  it('finds lower-case at after a label', () => {
    assertRedacts([
      ['邮箱 zhangwei at example.com', '邮箱 [EMAIL_1]'],
      ['Email: zhangwei at example.org', 'Email: [EMAIL_1]'],
    ]);
  });

  it('takes spelled dots in the local part', () => {
    assertRedacts([
      ['联系 zhang dot wei at example dot com', '联系 [EMAIL_1]'],
      ['zhang[dot]wei[at]example[dot]com', '[EMAIL_1]'],
    ]);
  });

  it('numbers the word form as written', () => {
    assert.equal(
      redacted('zhangwei at example dot com，即 ZhangWei@example.com'),
      '[EMAIL_1]，即 [EMAIL_1]',
    );
    assert.equal(redacted('liuyang AT 163.com 或 liuyang@163.com'), '[EMAIL_1] 或 [EMAIL_1]');
  });

  it('keeps English prose', () => {
    assertKeeps([
      'Take a look at example.com',
      'The docs are at example.com today',
      'We were at the dot com boom',
      'met at a dot net meetup',
      'LOOK AT EXAMPLE.COM',
      '发到 zhangwei at example.com',
      'meet at 10 dot 30',
      'at com.qiniu.storage.UploadManager.put(UploadManager.java:123)',
      'zhangwei at example dot info',
      '官方邮箱 support at qiniu dot com',
    ]);
  });
});

describe('e-mail addresses with full stops', () => {
  it('finds a full stop before a TLD', () => {
    assertRedacts([
      ['邮箱12345678@qq。com', '邮箱[EMAIL_1]'],
      ['邮箱 zhangwei@example。com。cn 谢谢', '邮箱 [EMAIL_1] 谢谢'],
      ['发到12345678@qq。com谢谢', '发到[EMAIL_1]谢谢'],
    ]);
  });

  it('numbers it as the dotted one', () => {
    assert.equal(redacted('12345678@qq。com 和 12345678@qq.com'), '[EMAIL_1] 和 [EMAIL_1]');
  });

  it('keeps a full stop ending the sentence', () => {
    assertRedacts([
      ['邮箱a@example.com。QQ 12345678', '邮箱[EMAIL_1]。QQ [QQ_1]'],
      ['邮箱a@example.com。谢谢', '邮箱[EMAIL_1]。谢谢'],
    ]);
    assertKeeps(['发给admin@example。Thanks', '登录 root@server。然后', 'user@host。py']);
  });
});

describe('IPv4 addresses with Chinese stops', () => {
  it('finds ideographic full stops', () => {
    assert.equal(redacted('回源IP是203。0。113。5，谢谢'), '回源IP是[IP_1]，谢谢');
  });

  it('numbers an address with stops as the dotted one', () => {
    assert.equal(redacted('服务器 203。0。113。5 即 203.0.113.5'), '服务器 [IP_1] 即 [IP_1]');
  });

  it('finds full-width full stops', () => {
    assert.equal(redacted('服务器 203．0．113．5 不通'), '服务器 [IP_1] 不通');
  });

  it('keeps a sentence stop after', () => {
    assert.equal(redacted('IP是203。0。113。5。然后'), 'IP是[IP_1]。然后');
    assert.equal(redacted('谢谢。203。0。113。5 不通'), '谢谢。[IP_1] 不通');
  });

  it('keeps a port and a CIDR suffix outside', () => {
    assert.equal(redacted('节点 203。0。113。5:8080'), '节点 [IP_1]:8080');
    assert.equal(redacted('网段 203。0。113。0/24'), '网段 [IP_1]/24');
  });

  it('keeps version numbers', () => {
    for (const text of ['版本 1。2。3。4', 'version 7。13。0。1', 'version 1.2.3.4']) {
      assert.equal(redacted(text), text);
    }
  });

  it('keeps prices, dates and longer runs', () => {
    const texts = [
      '价格12。50元',
      '2024。12。05 发布',
      '一共 1。2。3。4。5 步',
      '第1。203。0。113。5',
    ];
    for (const text of texts) assert.equal(redacted(text), text);
  });

  it('keeps mixed stops', () => {
    const text = '地址 203.0.113。5';
    assert.equal(redacted(text), text);
  });

  it('keeps generic and allowlisted addresses', () => {
    for (const text of ['DNS 8。8。8。8', '本机 127。0。0。1', '掩码 255。255。255。0']) {
      assert.equal(redacted(text), text);
    }
  });
});

describe('licence plates with separators', () => {
  it('finds blanks and dots after the province', () => {
    const forms = ['京 A 12345', '京A 12345', '京A·12345', '京·A12345', '京 A12345', '京A12345'];
    for (const form of forms)
      assert.equal(redacted(`车辆 ${form} 进场`), '车辆 [PLATE_1] 进场', form);
  });

  it('finds new-energy plates', () => {
    for (const form of ['粤B·D12345', '粤 B D12345', '粤BD12345']) {
      assert.equal(redacted(`${form} 的照片`), '[PLATE_1] 的照片', form);
    }
  });

  it('numbers the same plate once', () => {
    assert.equal(redacted('京 A 12345 就是 京A12345'), '[PLATE_1] 就是 [PLATE_1]');
  });

  it('needs a label after a word', () => {
    assert.equal(redacted('阿里云 A 12345 实例'), '阿里云 A 12345 实例');
    assert.equal(redacted('更新 B 20240 版'), '更新 B 20240 版');
    assert.equal(redacted('车牌京 A 12345'), '车牌[PLATE_1]');
  });

  it('keeps product codes', () => {
    for (const text of ['云A1B2C3', '新SDK2024', '新 SDK2024', '京 A 1B2C3']) {
      assert.equal(redacted(text), text);
    }
  });
});

// Inputs built to make the scans for these forms rescan text. Each must finish, and
// bench/redact.ts times the general adversarial inputs.
const MB = 1024 * 1024;

function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

describe('obfuscated forms on adversarial inputs', () => {
  const redactor = new Redactor();
  const units = [
    '1 3 ',
    '1-3-8-',
    'a[at]',
    'a [at] a [dot] ',
    'a at a dot ',
    'x.y at example dot com ',
    'a dot ',
    'a@qq。com。',
    '邮箱 a#',
    '203。0。113。5。',
    '京 A ',
  ];
  for (const unit of units) {
    it(`finishes on ${JSON.stringify(unit)} repeated`, () => {
      const result = redactor.redact(repeatTo(unit, MB));
      assert.equal(typeof result.text, 'string');
    });
  }

  it('finishes on a long spelled domain', () => {
    const result = redactor.redact(repeatTo('x[at]' + 'a.'.repeat(300), MB));
    assert.equal(typeof result.text, 'string');
  });
});
