import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from '../../src/redact/index.js';
import { redactRecord } from '../../src/redact/record.js';

test('Go DSN password is replaced', () => {
  const input =
    'db, err := sql.Open("mysql", "shop:Gh7$wq2Lp@tcp(192.0.2.15:3306)/shop?charset=utf8mb4")';
  const { text } = redact(input);
  assert.ok(!text.includes('Gh7$wq2Lp'), text);
  assert.match(text, /shop:\[SECRET_1\]@tcp\(/);
});

test('DSN-like prose is left alone', () => {
  const input = '时间 10:30@会议室';
  assert.equal(redact(input).text, input);
});

test('private key id survives', () => {
  const input = '"private_key_id":"5370db97215cad93b39d8825d7c6fbb772a7c24e"';
  assert.equal(redact(input).text, input);
});

test('JSON realName is a name', () => {
  const { text, entities } = redact('{"realName":"钱雨桐","status":"REJECTED"}');
  assert.ok(!text.includes('钱雨桐'), text);
  assert.ok(entities.some((entity) => entity.type === 'NAME'));
});

test('known name is replaced everywhere', () => {
  const { text } = redact('联系人：张三丰。后来张三丰又打电话来了。');
  assert.equal(text, '联系人：[NAME_1]。后来[NAME_1]又打电话来了。');
});

test('name learned later in a case', () => {
  const record = {
    source: 'x.md',
    ref: 'Q1',
    title: '张三丰的账号',
    product: 'CDN',
    type: '其他类咨询',
    description: '张三丰反馈访问不了',
    answer: '',
    rootCause: '',
    turns: [
      { role: 'customer' as const, text: '张三丰反馈访问不了' },
      { role: 'customer' as const, text: '联系人：张三丰 13800138000' },
    ],
  };
  const { record: redacted } = redactRecord(record);
  const all = [redacted.title, redacted.description, ...redacted.turns.map((t) => t.text)].join(
    '\n',
  );
  assert.ok(!all.includes('张三丰'), all);
  assert.match(redacted.title, /^\[NAME_1\]/);
});

test('a category line with personal data is redacted', () => {
  // A trial wrote a name and a phone number into the type half of 问题分类.
  const record = {
    source: 'x.md',
    ref: 'Q1',
    title: '上传失败，请联系 13912345678',
    product: '对象存储',
    type: '王先生 13912345678',
    description: '上传失败',
    answer: '',
    rootCause: '',
    turns: [],
  };
  const { record: redacted, counts } = redactRecord(record);
  assert.equal(redacted.product, '对象存储');
  assert.equal(redacted.type, '[NAME_1]先生 [PHONE_1]');
  assert.equal(redacted.title, '上传失败，请联系 [PHONE_1]');
  assert.deepEqual(counts, { PHONE: 1, NAME: 1 });
});
