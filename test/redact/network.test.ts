import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { assertKeeps, assertRedacts, redacted } from './helpers.js';

describe('URLs', () => {
  it('keeps a customer host', () => {
    const text = '打不开 https://cdn.example.com/a/b.jpg?x=1 谢谢';
    assert.equal(redacted(text), '打不开 https://cdn.example.com[URL_1] 谢谢');
  });

  it('replaces a signed query', () => {
    const text = 'https://img.example.cn/p.png?e=1700000000&token=abc:def 403';
    assert.equal(redacted(text), 'https://img.example.cn[URL_1] 403');
  });

  it('keeps provider documentation links', () => {
    const text = '参考 https://developer.qiniu.com/kodo/1289/python 即可';
    assert.equal(redacted(text), text);
  });

  it('replaces a signed provider query', () => {
    const text = 'POST https://up-z2.qiniup.com/?token=abc:def:ghi';
    assert.equal(redacted(text), 'POST https://up-z2.qiniup.com/[URL_1]');
  });

  it('keeps a host without path', () => {
    for (const text of ['https://cdn.example.com', 'https://cdn.example.com/', 'cdn.example.com']) {
      assert.equal(redacted(text), text);
    }
  });

  it('finds schemeless paths', () => {
    const text = 'sj2supx98.hn-bkt.clouddn.com/b1faf779-5331-4937-898e-3cf75e0bc811.jpg';
    assert.equal(redacted(text), 'sj2supx98.hn-bkt.clouddn.com[URL_1]');
  });

  it('stops at Chinese and quotes', () => {
    assert.equal(redacted('见https://a.example.com/x谢谢'), '见https://a.example.com[URL_1]谢谢');
    assert.equal(
      redacted("url = 'https://a.example.com/x'"),
      "url = 'https://a.example.com[URL_1]'",
    );
  });

  it('drops trailing punctuation', () => {
    assert.equal(redacted('看 https://a.example.com/x.'), '看 https://a.example.com[URL_1].');
    assert.equal(redacted('(https://a.example.com/x)'), '(https://a.example.com[URL_1])');
  });

  it('replaces an address host separately', () => {
    const text = 'http://192.0.2.10:8080/api/upload';
    assert.equal(redacted(text), 'http://[IP_1]:8080[URL_1]');
  });

  it('redacts URL passwords', () => {
    assert.equal(
      redacted('ftp://user:s3cret@ftp.example.com'),
      'ftp://user:[SECRET_1]@ftp.example.com',
    );
  });

  it('redacts domains on request', () => {
    const text = '域名 cdn.example.com 和 https://www.example.org/a';
    const expected = '域名 [DOMAIN_1] 和 https://[DOMAIN_2][URL_1]';
    assert.equal(redacted(text, { redactDomains: true }), expected);
  });

  it('keeps provider hosts on request', () => {
    const text = 'up-z2.qiniup.com 和 portal.qiniu.com';
    assert.equal(redacted(text, { redactDomains: true }), text);
  });

  it('accepts extra allowlisted hosts', () => {
    const text = 'https://status.example.com/page';
    assert.equal(redacted(text, { allowlist: { hosts: ['status.example.com'] } }), text);
  });

  it('keeps file names and code', () => {
    for (const text of [
      'main.py',
      'qn-regions-cache.jsonl',
      'settings.QINIU_DOMAIN',
      'log.info("x")',
    ]) {
      assert.equal(redacted(text, { redactDomains: true }), text);
    }
  });
});

describe('provider URLs with contact data', () => {
  it('replaces a phone number in the query', () => {
    assert.equal(
      redacted('https://portal.qiniu.com/signup?mobile=13800138000'),
      'https://portal.qiniu.com/signup?mobile=[PHONE_1]',
    );
  });
});

describe('e-mail addresses', () => {
  it('finds an address', () => {
    assert.equal(redacted('邮箱zhang.san@example.com谢谢'), '邮箱[EMAIL_1]谢谢');
  });

  it('finds a full-width at sign', () => {
    assert.equal(redacted('邮箱：dev＠example.cn'), '邮箱：[EMAIL_1]');
  });

  it('numbers case variants once', () => {
    assert.equal(redacted('A@Example.com 和 a@example.com'), '[EMAIL_1] 和 [EMAIL_1]');
  });

  it('keeps the provider support address', () => {
    assert.equal(redacted('发送到support@qiniu.com邮箱'), '发送到support@qiniu.com邮箱');
  });

  it('keeps look-alikes', () => {
    for (const text of ['version@20233', '@method_decorator(csrf)', 'a@b', 'user@localhost']) {
      assert.equal(redacted(text), text);
    }
  });
});

describe('IP addresses', () => {
  it('keeps versions after a product token', () => {
    for (const text of ['Chrome/122.0.0.0 Safari/537.36', 'qiniu-java-sdk/7.13.0.1']) {
      assert.equal(redacted(text), text);
    }
  });

  it('finds an address glued to Chinese', () => {
    assert.equal(redacted('流量最多的是58.220.4.227，'), '流量最多的是[IP_1]，');
  });

  it('keeps the CIDR suffix outside', () => {
    assert.equal(redacted('拉黑58.220.4.0/24'), '拉黑[IP_1]/24');
  });

  it('keeps the wildcard outside', () => {
    assert.equal(redacted('把 58.220.4.* 限制'), '把 [IP_1].* 限制');
  });

  it('keeps the port outside', () => {
    assert.equal(redacted('源站 203.0.113.5:8080'), '源站 [IP_1]:8080');
  });

  it('keeps version numbers', () => {
    for (const text of ['使用7.13.27.14.0版本', '版本 1.2.3.4', 'sdk 8.8.0', 'v1.2.3.4']) {
      assert.equal(redacted(text), text);
    }
  });

  it('keeps generic addresses', () => {
    for (const text of ['127.0.0.1', '0.0.0.0', '255.255.255.0', '8.8.8.8']) {
      assert.equal(redacted(text), text);
    }
  });

  it('keeps versions after product names', () => {
    assertKeeps([
      'SDK 7.13.2.1 报错',
      'java-sdk 7.13.0.1 上传失败',
      'Chrome 120.0.0.1 打不开',
      'iOS 17.1.2.1 闪退',
      'Android 12.0.0.1 上',
      'App 5.2.0.1 更新后',
    ]);
  });

  it('finds addresses after other words', () => {
    assertRedacts([
      ['IP 1.2.3.4', 'IP [IP_1]'],
      ['服务器 1.2.3.4', '服务器 [IP_1]'],
      ['客户端 IP 203.0.113.5 被拦截', '客户端 IP [IP_1] 被拦截'],
      ['客户端IP：203.0.113.5', '客户端IP：[IP_1]'],
      ['SDK 回源到 203.0.113.5', 'SDK 回源到 [IP_1]'],
      ['webapp 203.0.113.5', 'webapp [IP_1]'],
      ['ping 203.0.113.5', 'ping [IP_1]'],
    ]);
  });

  it('finds zero-padded octets', () => {
    assertRedacts([
      ['服务器 203.0.113.045 连不上', '服务器 [IP_1] 连不上'],
      ['192.168.001.010', '[IP_1]'],
      ['源站 203.000.113.005:8080', '源站 [IP_1]:8080'],
    ]);
  });

  it('numbers a padded address as the plain one', () => {
    assert.equal(redacted('203.0.113.045 即 203.0.113.45'), '[IP_1] 即 [IP_1]');
  });

  it('keeps padded numbers that are no address', () => {
    assertKeeps(['金额 1.000.000.000', '共 2.005.100.250 元', '01.2.3.4', '版本 1.0.001.002']);
  });

  it('rejects out-of-range octets', () => {
    assert.equal(redacted('1.2.3.256 和 01.2.3.4'), '1.2.3.256 和 01.2.3.4');
  });

  it('finds IPv6 addresses', () => {
    assert.equal(redacted('地址 2001:db8::1 不通'), '地址 [IP_1] 不通');
    assert.equal(redacted('2001:db8:85a3:0:0:8a2e:370:7334'), '[IP_1]');
    assert.equal(redacted('::ffff:192.0.2.1'), '[IP_1]');
  });

  it('keeps IPv6 look-alikes', () => {
    for (const text of ['11:21:36', 'std::string', '00:1A:2B:3C:4D:5E', '::1', 'Foo::Bar']) {
      assert.equal(redacted(text), text);
    }
  });
});
