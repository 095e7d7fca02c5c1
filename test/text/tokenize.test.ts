import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  correctMisspellings,
  isFiller,
  normalizeText,
  placeholderToken,
  tokenize,
} from '../../src/text/index.js';

test('domain terms stay whole', () => {
  const terms = tokenize(
    '泛域名证书回源失败，防盗链和所有权验证，资源包、归档存储、覆盖范围、分片上传',
  );
  for (const term of [
    '泛域名',
    '回源',
    '防盗链',
    '所有权验证',
    '资源包',
    '归档存储',
    '覆盖范围',
    '分片上传',
  ]) {
    assert.ok(terms.includes(term), `missing ${term} in ${terms.join('/')}`);
  }
});

test('error codes and hostnames stay searchable', () => {
  const terms = tokenize('上传报错579，下载401，参数attname，请使用up-z2.qiniup.com');
  assert.ok(terms.includes('579'));
  assert.ok(terms.includes('401'));
  assert.ok(terms.includes('attname'));
  assert.ok(terms.includes('up-z2.qiniup.com'));
  assert.ok(terms.includes('qiniup'));
});

test('dates and times give no terms', () => {
  const terms = tokenize(
    '2024-09-22 22:30:12 修改证书配置，我是今天2024-10-06购买的，10.7号删除了',
  );
  assert.deepEqual(terms, ['修改', '证书', '配置', '今天', '购买', '删除']);
  assert.deepEqual(tokenize('2024年10月6日 12:07 开票'), ['开票']);
});

test('versions and port mappings stay', () => {
  const terms = tokenize('sdk 7.13.1 映射 8080:80');
  assert.ok(terms.includes('7.13.1'));
  assert.ok(terms.includes('8080'));
  assert.ok(terms.includes('80'));
});

test('full-width ASCII folds to half-width', () => {
  assert.equal(normalizeText('ＨＴＴＰＳ　５７９＠'), 'https 579@');
  assert.deepEqual(tokenize('ＣＤＮ'), tokenize('cdn'));
});

test('placeholders are tokens of their own', () => {
  const terms = tokenize('请访问[URL已脱敏]联系[PHONE_2]或[REDACTED_PHONE]，附图[图片]');
  assert.ok(terms.includes('[url]'));
  assert.equal(terms.filter((t) => t === '[phone]').length, 2);
  assert.ok(terms.includes('[图片]'));
  assert.ok(!terms.some((t) => t.includes('脱敏')));
});

test('placeholder tokens drop the index', () => {
  assert.equal(placeholderToken('[EMAIL_3]'), '[email]');
  assert.equal(placeholderToken('[密钥已脱敏]'), '[secret]');
});

test('stop words and punctuation are dropped', () => {
  const terms = tokenize('您好，请问一下这个是什么呢？');
  for (const word of ['您好', '请问', '什么', '呢', '，', '？'])
    assert.ok(!terms.includes(word), word);
});

test('misspellings give the words meant', () => {
  // "How do I close (misspelt) my account", "can't unbind (misspelt) the MFA".
  const terms = tokenize('怎么注消帐号，MFA解榜不了');
  assert.ok(terms.includes('注销'), terms.join(' '));
  assert.ok(terms.includes('账号'), terms.join(' '));
  assert.ok(terms.includes('解绑'), terms.join(' '));
  assert.ok(!terms.includes('注消'), terms.join(' '));
  assert.equal(correctMisspellings('登陆控制台'), '登录控制台');
});

test('filler turns are recognized', () => {
  assert.ok(isFiller('稍等'));
  assert.ok(isFiller('好的您稍等'));
  assert.ok(isFiller('嗯嗯'));
  assert.ok(isFiller('您好，这边帮您看下，请稍等。'));
  assert.ok(!isFiller('您好，创建按量计费资源，账户余额需要至少有100元才行的'));
});
