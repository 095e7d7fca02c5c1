import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { redacted } from './helpers.js';

// Values that a privacy trial planted and found kept, each next to a look-alike that must stay.
describe('privacy trial forms', () => {
  it('takes names after 收票人 and 车主', () => {
    assert.equal(redacted('收票人王晓丽，手机：13912345678'), '收票人[NAME_1]，手机：[PHONE_1]');
    assert.equal(redacted('车主黄国强已经投诉了'), '车主[NAME_1]已经投诉了');
    assert.equal(redacted('手机 139 1234 5678，车主黄国强，'), '手机 [PHONE_1]，车主[NAME_1]，');
    assert.equal(redacted('车主：已经过户'), '车主：已经过户');
  });

  it('takes a pinyin name after a label', () => {
    assert.equal(redacted('持卡人 LIU YANG，卡号'), '持卡人 [NAME_1]，卡号');
    assert.equal(redacted('姓名：zhang wei'), '姓名：[NAME_1]');
    assert.equal(redacted('我是 admin'), '我是 admin');
  });

  it('takes a URL password with an @', () => {
    assert.equal(
      redacted('http://cdnuser:Hz@Origin2024@121.40.88.17:8080/static'),
      'http://cdnuser:[SECRET_1]@[IP_1]:8080[URL_1]',
    );
  });

  it('takes a mobile number in spaced groups', () => {
    assert.equal(redacted('我手机 138 - 1234 - 9876'), '我手机 [PHONE_1]');
    assert.equal(redacted('页码 138 - 1234 - 9876 - 12'), '页码 138 - 1234 - 9876 - 12');
  });

  it('takes a dash sign-off with a role', () => {
    assert.equal(redacted('—— 周子涵（运维）139 1234 5678'), '—— [NAME_1]（运维）[PHONE_1]');
    assert.equal(redacted('—— 张伟说过了'), '—— 张伟说过了');
  });

  it('takes a building right after the street', () => {
    assert.equal(redacted('家住深圳市南山区科技园南区高新南七道R2-B栋1806'), '家住[ADDRESS_1]');
    assert.equal(redacted('上海市浦东新区某某大厦'), '上海市浦东新区某某大厦');
  });
});
