import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { RedactionSession, Redactor } from '../../src/redact/index.js';
import { card, redacted } from './helpers.js';

/** Asserts that each input redacts to its expected output. */
function expectAll(cases: ReadonlyArray<readonly [string, string]>): void {
  for (const [input, output] of cases) {
    it(`redacts ${JSON.stringify(input)}`, () => {
      assert.equal(redacted(input), output);
    });
  }
}

/** Asserts that each text comes out unchanged. */
function keepAll(texts: readonly string[]): void {
  for (const text of texts) {
    it(`keeps ${JSON.stringify(text)}`, () => {
      assert.equal(redacted(text), text);
    });
  }
}

describe('passwords in URLs with an empty user name', () => {
  expectAll([
    ['redis://:R3disPa55@203.0.113.45:6379/0', 'redis://:[SECRET_1]@[IP_1]:6379[URL_1]'],
    ['REDIS_URL=redis://:R3disPa55@10.0.0.5:6379', 'REDIS_URL=redis://:[SECRET_1]@[IP_1]:6379'],
    ['rediss://:R3disPa55@redis.example.com:6380', 'rediss://:[SECRET_1]@redis.example.com:6380'],
    // The same host with a user name, for comparison.
    [
      'rediss://default:R3disPa55@redis.example.com:6380',
      'rediss://default:[SECRET_1]@redis.example.com:6380',
    ],
  ]);

  it('never hands the password to the vault hook', () => {
    const seen: string[] = [];
    const session = new RedactionSession({ onValue: (type) => seen.push(type) });
    new Redactor().redact('rediss://:R3disPa55@redis.example.com:6380', session);
    assert.deepEqual(seen, []);
  });

  keepAll(['redis://localhost:6379/0', 'redis://:6379']);
});

describe('docker login passwords', () => {
  expectAll([
    [
      'docker login -u zhangwei -p Dock3rPass! registry.example.com',
      'docker login -u zhangwei -p [SECRET_1] registry.example.com',
    ],
    [
      'docker login -u zhangwei --password Dock3rPass1 registry.example.com',
      'docker login -u zhangwei --password [SECRET_1] registry.example.com',
    ],
    [
      'docker login --password=Dock3rPass1 -u zhangwei registry.example.com',
      'docker login --password=[SECRET_1] -u zhangwei registry.example.com',
    ],
    [
      'podman login  -u ops -p Hz8kLm2q quay.example.com',
      'podman login  -u ops -p [SECRET_1] quay.example.com',
    ],
  ]);

  keepAll([
    'docker run -p 8080:80 nginx',
    'docker login registry.example.com && docker run -p 8080:80 nginx',
    'docker login registry.example.com; docker run -p 8080:80 nginx',
    'echo $PW | docker login -u zhangwei --password-stdin registry.example.com',
    'docker login -u zhangwei -p $DOCKER_PASS registry.example.com',
    'docker login -u zhangwei -p <password> registry.example.com',
  ]);

  it('still reads a flag after a query string with `&`', () => {
    assert.equal(
      redacted('curl "https://a.example.com/x?a=1&b=2" -u admin:Passw0rd'),
      'curl "https://a.example.com[URL_1]" -u admin:[SECRET_1]',
    );
  });
});

describe('mail authorisation codes', () => {
  expectAll([
    ['smtp 密码(授权码)：abcdefghijklmnop', 'smtp 密码(授权码)：[SECRET_1]'],
    ['邮箱授权码 abcdefghijklmnop', '邮箱授权码 [SECRET_1]'],
    ['授权码：abcd efgh ijkl mnop', '授权码：[SECRET_1]'],
    ['授权码：ABCD-EFGH-IJKL-MNOP', '授权码：[SECRET_1]'],
    ['短信授权码是 482913，请查收', '短信授权码是 [SECRET_1]，请查收'],
    ['app password: abcd efgh ijkl mnop', 'app password: [SECRET_1]'],
  ]);

  keepAll([
    '授权码已过期',
    '授权码模式',
    '请输入授权码',
    'OAuth2 授权码 code 换 token',
    '授权码 2024年开始收费',
    '授权码 6 位，30 分钟内有效',
    '授权码（authorization code）模式',
    '授权码 abcd efgh ijk',
  ]);
});

describe('session cookies', () => {
  expectAll([
    ['Cookie: PHPSESSID=8f14e45fceea167a5a36dedd4bea2543', 'Cookie: PHPSESSID=[SECRET_1]'],
    [
      'Cookie: JSESSIONID=A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6; lang=zh-CN',
      'Cookie: JSESSIONID=[SECRET_1]; lang=zh-CN',
    ],
    [
      'Set-Cookie: session=s9Fk2LmQ7xPz3VbN8wRt; Path=/; HttpOnly',
      'Set-Cookie: session=[SECRET_1]; Path=/; HttpOnly',
    ],
    [
      'cookie: sid=7d3e9a1c5b; uid=1234567890abcdef1234; theme=dark',
      'cookie: sid=[SECRET_1]; uid=[SECRET_2]; theme=dark',
    ],
    [
      "curl -H 'Cookie: token=Zx9Yw8Vu7Ts6; lang=en' http://127.0.0.1:8080",
      "curl -H 'Cookie: token=[SECRET_1]; lang=en' http://127.0.0.1:8080",
    ],
    [
      'curl --cookie "sessionid=abc123def456" localhost',
      'curl --cookie "sessionid=[SECRET_1]" localhost',
    ],
    ['{"Cookie": "PHPSESSID=8f14e45fceea167a"}', '{"Cookie": "PHPSESSID=[SECRET_1]"}'],
  ]);

  keepAll([
    'Cookie 清掉以后还是不行',
    'Cookie: 无',
    'Set-Cookie: lang=zh-CN; Path=/; Max-Age=3600',
    'Set-Cookie: theme=dark; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Domain=example.com',
    'cookie: sid=abc',
    'Cookie: PHPSESSID=${SESSION_ID}',
    'Cookie: PHPSESSID=xxxxxxxxxxxxxxxx',
    'document.cookie = "token=" + token;',
    'cookies: 3',
  ]);
});

describe('passwords stated in prose', () => {
  expectAll([
    ['登录密码是我生日19850712', '登录密码是我生日[SECRET_1]'],
    ['数据库账号密码都是 shop_2024', '数据库账号密码都是 [SECRET_1]'],
    ['FTP 密码统一设置为 Ftp8899x', 'FTP 密码统一设置为 [SECRET_1]'],
    [
      '远程登录信息：\n远程桌面 administrator / Win#2024pass',
      '远程登录信息：\n远程桌面 administrator / [SECRET_1]',
    ],
    ['服务器账号 root/Tr1al#Pass2026，麻烦看下', '服务器账号 root/[SECRET_1]，麻烦看下'],
  ]);

  keepAll([
    '密码是否正确',
    '密码为空',
    '密码长度为 8-20 位',
    '密码都是 8 位以上',
    '密码是我设置的',
    '密码都是对的',
    '密码过期时间为 2024-12-01',
    '密码都是 2024 年改的',
    '密码都是 SHA256 加密的',
    '密码都是 base64 编码',
    '密码是我 2024 年改的',
    '/home/admin/ab-12_x!',
    'administrator / Public',
    '配置文件在 /root/conf#main2024 下面',
    'root/conf#main2024/app.yaml',
  ]);
});

describe('account ids after labels', () => {
  expectAll([
    ['WeChat ID: lina_0601', 'WeChat ID: [WECHAT_1]'],
    ['微信id：chen_xm88', '微信id：[WECHAT_1]'],
    ['QQ ID 55667788', 'QQ ID [QQ_1]'],
    ['Q号:55667788', 'Q号:[QQ_1]'],
    ['企鹅号 55667788', '企鹅号 [QQ_1]'],
    ['钉钉号 zhangwei-dd', '钉钉号 [WECHAT_1]'],
  ]);

  keepAll([
    'WeChat ID 为空',
    '钉钉号是多少',
    '企鹅号 没有',
    'wx Identity: abc_123',
    'IQ号:55667788',
  ]);
});

describe('bank account numbers after a label', () => {
  expectAll([
    ['对公账户 1101 0200 0930 0123 456', '对公账户 [BANK_CARD_1]'],
    ['银行账号：1101-0200-0930-0123-456', '银行账号：[BANK_CARD_1]'],
    ['收款账号：11050163540000000123', '收款账号：[BANK_CARD_1]'],
    [
      '开户行：中国工商银行北京海淀支行 账号：0200004509089131550',
      '开户行：中国工商银行北京海淀支行 账号：[BANK_CARD_1]',
    ],
    [
      '开户银行：招商银行深圳分行\n账号：755912345610201',
      '开户银行：招商银行深圳分行\n账号：[BANK_CARD_1]',
    ],
    [
      '开户行：招商银行 账号：755912345610201 2024年开户',
      '开户行：招商银行 账号：[BANK_CARD_1] 2024年开户',
    ],
  ]);

  it('keeps a phone number after an account label', () => {
    assert.equal(redacted('收款账号 13800138000'), '收款账号 [PHONE_1]');
  });

  it('still needs the Luhn check without a label', () => {
    const valid = card('622202123456789012');
    const invalid = valid.slice(0, -1) + String((Number(valid.slice(-1)) + 1) % 10);
    assert.equal(redacted(`流水 ${valid}`), '流水 [BANK_CARD_1]');
    assert.equal(redacted(`流水 ${invalid}`), `流水 ${invalid}`);
  });

  keepAll([
    '账号：0200004509089131550',
    '订单号 0200004509089131550',
    'request_id: 0200004509089131550',
    '对公账户：待确认',
    '对公账户 0755-12345678',
    '开户行：工商银行\n\n\n账号：1101020009300123456',
    '银行账号 12345678901',
  ]);
});
