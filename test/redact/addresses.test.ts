import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { Redactor, RedactionSession } from '../../src/redact/index.js';
import { redacted } from './helpers.js';

describe('postal addresses', () => {
  const cases: Array<[string, string]> = [
    ['邮寄地址：北京市朝阳区建国路88号SOHO现代城5号楼1201室，谢谢', '邮寄地址：[ADDRESS_1]，谢谢'],
    ['收货地址: 广东省深圳市南山区深南大道9988号', '收货地址: [ADDRESS_1]'],
    ['发票寄到杭州市西湖区文三路90号2号楼3层，收件人李四', '发票寄到[ADDRESS_1]，收件人[NAME_1]'],
    ['公司地址：南京市鼓楼区中山北路30号 26层\n税号稍后发', '公司地址：[ADDRESS_1]\n税号稍后发'],
    ['我住在上海市浦东新区张江镇祖冲之路887弄3号501，寄过来吧', '我住在[ADDRESS_1]，寄过来吧'],
    ['通讯地址是成都市武侯区天府大道北段1700号，邮编610041', '通讯地址是[ADDRESS_1]，邮编610041'],
  ];
  for (const [input, output] of cases) {
    it(`replaces ${input.slice(0, 8)}`, () => {
      assert.equal(redacted(input), output);
    });
  }

  it('ends before a name and phone number', () => {
    assert.equal(
      redacted('地址：北京市朝阳区建国路88号 张三 13800138000'),
      '地址：[ADDRESS_1] [NAME_1] [PHONE_1]',
    );
  });

  it('ends before a field word', () => {
    assert.equal(
      redacted('寄送地址：杭州市西湖区文三路90号电话13912345678'),
      '寄送地址：[ADDRESS_1]电话[PHONE_1]',
    );
  });

  it('takes a house number apart from 号', () => {
    assert.equal(redacted('地址：浙江省杭州市西湖区文三路 90 号'), '地址：[ADDRESS_1]');
  });

  it('keeps 住址 out of a name', () => {
    assert.equal(redacted('公司住址：北京市朝阳区建国路88号'), '公司住址：[ADDRESS_1]');
  });

  it('keeps a year after the house number', () => {
    assert.equal(redacted('上海市徐汇区漕溪北路88号2023年搬走了'), '[ADDRESS_1]2023年搬走了');
  });

  const unchangedTexts = [
    '回源地址：1.2.3.4',
    '地址：待定',
    '你们公司地址在哪？',
    '发票寄到了吗',
    '北京时间晚上八点，上海节点有波动',
    '服务器在广州，回源到深圳的机房',
    '下载地址是 https://developer.qiniu.com/kodo',
  ];
  for (const text of unchangedTexts) {
    it(`keeps ${text.slice(0, 8)}`, () => {
      assert.ok(!redacted(text).includes('[ADDRESS_'), redacted(text));
    });
  }

  it('numbers one address the same with or without spaces', () => {
    const session = new RedactionSession();
    const redactor = new Redactor();
    redactor.redact('邮寄地址：北京市朝阳区建国路88号', session);
    const second = redactor.redact('收件地址：北京市朝阳区 建国路88号', session);
    assert.equal(second.text, '收件地址：[ADDRESS_1]');
  });
});

describe('passport numbers', () => {
  it('replaces a number after 护照号', () => {
    assert.equal(redacted('护照号：E12345678，审核不过'), '护照号：[PASSPORT_1]，审核不过');
  });

  it('replaces a number after passport no.', () => {
    assert.equal(redacted('passport no. G87654321'), 'passport no. [PASSPORT_1]');
  });

  it('replaces a travel permit number', () => {
    assert.equal(redacted('港澳通行证号码是C12345678'), '港澳通行证号码是[PASSPORT_1]');
  });

  it('keeps an order number', () => {
    assert.equal(redacted('订单号E12345678有问题'), '订单号E12345678有问题');
  });

  it('keeps a word containing passport', () => {
    assert.equal(redacted('mypassport 12345678'), 'mypassport 12345678');
  });
});

describe('licence plates', () => {
  it('replaces a plate', () => {
    assert.equal(redacted('车牌京A12345识别失败'), '车牌[PLATE_1]识别失败');
  });

  it('replaces a new-energy plate', () => {
    assert.equal(redacted('粤B·D12345 停在门口'), '[PLATE_1] 停在门口');
  });

  it('accepts letters after a plate label', () => {
    assert.equal(redacted('车牌号 沪C9A8B7 的结果'), '车牌号 [PLATE_1] 的结果');
  });

  it('keeps product codes', () => {
    assert.equal(redacted('云A1B2C3 和 新SDK2024版本'), '云A1B2C3 和 新SDK2024版本');
  });

  it('keeps a short code', () => {
    assert.equal(redacted('错误码 京A1B2'), '错误码 京A1B2');
  });
});
