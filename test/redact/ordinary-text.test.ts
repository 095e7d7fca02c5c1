import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { assertKeeps, redacted } from './helpers.js';

describe('ordinary text that looks like personal data', () => {
  it('keeps a company or a trade after 我是 and 户名', () => {
    assertKeeps(['我是高德地图的开发者', '我是石油行业的客户', '账户名：华夏银行股份有限公司']);
    assert.equal(redacted('我是张伟，想问一下'), '我是[NAME_1]，想问一下');
  });

  it('keeps one bracketed SMS signature', () => {
    assertKeeps(['【周大福】您好，您的订单已发货。', '【钱大妈】您好\n【钱大妈】您的订单已发货']);
  });

  it('keeps a scheme or a date after a password or code label', () => {
    assertKeeps([
      '密码是 HS256 签名的吗？',
      '密码为 OAuth2 授权方式获取。',
      '授权码 2024-12-05 到期了',
      '授权码 OAuth2 流程里怎么填',
    ]);
    assert.equal(redacted('密码：Abc12345 存储在哪里'), '密码：[SECRET_1] 存储在哪里');
  });

  it('keeps quantities, stock codes and private networks', () => {
    assertKeeps([
      '三档带宽 150 2000 3000 Mbps 怎么选？',
      '总流量 13958643712 字节',
      '"fsize":15728640000',
      '沪A 600519 股价页面',
      '内网段 192.168.0.0/16 和 10.0.0.0/8',
    ]);
    assert.equal(redacted('"phone":13912345678'), '"phone":[PHONE_1]');
    assert.equal(redacted('拉黑 203.0.113.0/24'), '拉黑 [IP_1]/24');
  });

  it('keeps Git addresses, panel folders, request ids and setting cookies', () => {
    assertKeeps([
      'git clone git@github.com:qiniu/nodejs-sdk.git',
      '/home/wwwroot/default',
      '请求 ID 6228480402564890018 的日志',
      'Cookie: ab_test_group=experiment_variant_b; cdn_region=east',
    ]);
  });
});
