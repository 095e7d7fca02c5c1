import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { redacted } from './helpers.js';

const AK = 'BQI2Rv7KIHUMKuhfw6f-LHiePHLiyCzVdzDtWOBN';
const SK = 'Xk3Jd8fjK2lsP0qWm9ZtR5vBn7Yc4Hg1Ue6Ao2Ii';

describe('key shapes', () => {
  it('finds a 40-character key', () => {
    assert.equal(redacted(`ak：${AK} 对吗`), 'ak：[SECRET_1] 对吗');
  });

  it('scans a run of six million letters', () => {
    // A regular expression over such a run overflowed V8's stack, which ended the import.
    const run = 'a'.repeat(6_000_000);
    assert.equal(redacted(`${run} ak：${AK}`), `${run} ak：[SECRET_1]`);
  });

  it('finds a key after a long run', () => {
    assert.equal(redacted(`${'a'.repeat(100)}-- ${AK}`), `${'a'.repeat(100)}-- [SECRET_1]`);
  });

  it('finds an upload token', () => {
    const token = `${AK}:VgvaBgheGtw6e75O1Lfi-4wG8QQ=:eyJzY29wZSI6ImFueS10ZXN0MSJ9`;
    assert.equal(redacted(`token：${token}还有`), 'token：[SECRET_1]还有');
  });

  it('finds an AWS key id', () => {
    assert.equal(redacted('key AKIAIOSFODNN7EXAMPLE ok'), 'key [SECRET_1] ok');
  });

  it('finds a JWT', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJ1aWQiOjEyMzQ1fQ.c2lnbmF0dXJlLXZhbHVl';
    assert.equal(redacted(`jwt=${jwt}`), 'jwt=[SECRET_1]');
  });

  it('finds a multi-line PEM key', () => {
    const pem =
      '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\nkqhkiG9w0BAQEF\n-----END PRIVATE KEY-----';
    assert.equal(redacted(`私钥：\n${pem}\n谢谢`), '私钥：\n[SECRET_1]\n谢谢');
  });

  it('keeps certificates', () => {
    const cert = '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE\n-----END CERTIFICATE-----';
    assert.equal(redacted(cert), cert);
  });

  it('keeps hashes', () => {
    const sha1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
    for (const text of [sha1, sha1.toUpperCase(), 'd41d8cd98f00b204e9800998ecf8427e']) {
      assert.equal(redacted(text), text);
    }
  });
});

describe('Authorization headers', () => {
  it('keeps the scheme word', () => {
    for (const scheme of ['QBox', 'Qiniu', 'Bearer', 'Basic']) {
      const text = `Authorization: ${scheme} dXNlcjpwYXNzd29yZDEyMw==`;
      assert.equal(redacted(text), `Authorization: ${scheme} [SECRET_1]`, scheme);
    }
  });

  it('finds JSON header values', () => {
    const text = `headers = {"Authorization": "QBox ${AK}:abcdefghijklmnopqrstuvwxyz0="}`;
    assert.equal(redacted(text), 'headers = {"Authorization": "QBox [SECRET_1]"}');
  });

  it('keeps an empty header', () => {
    assert.equal(redacted('headers = {"Authorization": ""}'), 'headers = {"Authorization": ""}');
  });
});

describe('assigned secrets', () => {
  it('replaces only the literal', () => {
    const text = `secret_key = "${SK}"\nq = Auth(access_key, secret_key)`;
    assert.equal(redacted(text), 'secret_key = "[SECRET_1]"\nq = Auth(access_key, secret_key)');
  });

  it('finds JSON and YAML passwords', () => {
    assert.equal(redacted('{"password": "hunter2"}'), '{"password": "[SECRET_1]"}');
    assert.equal(redacted('db:\n  password: changeme\n'), 'db:\n  password: [SECRET_1]\n');
  });

  it('finds env assignments', () => {
    assert.equal(redacted('SK=AbCdEf1234567890GhIjKl'), 'SK=[SECRET_1]');
    assert.equal(
      redacted('export QINIU_SECRET_KEY=s3cr3t-Value-99'),
      'export QINIU_SECRET_KEY=[SECRET_1]',
    );
  });

  it('finds Chinese password labels', () => {
    assert.equal(redacted('密码：1988mn将图片'), '密码：[SECRET_1]将图片');
    assert.equal(redacted('登录密码是 Abc@12345'), '登录密码是 [SECRET_1]');
  });

  it('reads values with & and brackets whole', () => {
    const text = '服务器密码：Tr0ub4dor&3，SecretKey=abc&def12345678，数据库密码是ab(cd)ef12';
    assert.equal(
      redacted(text),
      '服务器密码：[SECRET_1]，SecretKey=[SECRET_2]，数据库密码是[SECRET_3]',
    );
    assert.equal(
      redacted('AccessKey=Xk9aB2cD3eF4&H5iJ6kL7mN8oP9qR0sT1uV2wX3y'),
      'AccessKey=[SECRET_1]',
    );
    assert.equal(redacted('(密码: abc123) 好的'), '(密码: [SECRET_1]) 好的');
  });

  it('reads brackets in a password after a Latin key', () => {
    const cases: Array<[string, string]> = [
      ['password: P@ss(w0rd)#2024!', 'password: [SECRET_1]'],
      ['password=Qwe(rt)y99', 'password=[SECRET_1]'],
      ['pwd=S3cr3t#(x)!', 'pwd=[SECRET_1]'],
      // Calls in code stay, and so does a name with an argument.
      ['password=getpass() 然后', 'password=getpass() 然后'],
      ['password=ab(cd)', 'password=ab(cd)'],
    ];
    for (const [text, expected] of cases) assert.equal(redacted(text), expected, text);
  });

  it('ends a value at the next query parameter', () => {
    assert.equal(
      redacted('/login?secret_key=Abc123xyz987&x=1'),
      '/login?secret_key=[SECRET_1]&x=1',
    );
  });

  it('finds passwords near a hint', () => {
    const text = 'administrator Skykey@20233这个是主机的登录密码';
    assert.equal(redacted(text), 'administrator [SECRET_1]这个是主机的登录密码');
  });

  it('finds a password directive argument', () => {
    assert.equal(
      redacted('redis.conf 里写的 requirepass Rds_Pass_2024x，会不会'),
      'redis.conf 里写的 requirepass [SECRET_1]，会不会',
    );
    assert.equal(redacted('requirepass=Rds_Pass_2024x'), 'requirepass=[SECRET_1]');
    assert.equal(redacted('# requirepass 被注释掉了'), '# requirepass 被注释掉了');
  });

  it('finds quoted command-line passwords', () => {
    assert.equal(redacted("mysql -u root -p'Abc@12345'"), "mysql -u root -p'[SECRET_1]'");
  });

  it('keeps identifiers as values', () => {
    const texts = [
      "'access_key': QINIU_ACCESS_KEY,",
      "'secret_key': QINIU_SECRET_KEY,",
      'upload_token = q.upload_token(bucket_name, key, 3600)',
      'secretKey: process.env.QINIU_SK,',
      'password: string;',
      'password: Promise<string>;',
      'password: string[];',
      'password=args[1]',
      'access_key: accessKey,',
      'String upToken = auth.uploadToken(bucket);',
    ];
    for (const text of texts) assert.equal(redacted(text), text);
  });

  it('keeps template values', () => {
    for (const text of [
      "$accessKey = 'your Access Key';",
      'sk = "<YOUR_SK>"',
      'password: ******',
    ]) {
      assert.equal(redacted(text), text);
    }
  });

  it('keeps ordinary token words', () => {
    for (const text of ['{"error":"expired token"}', '"token": "expired"', 'max_tokens = 1024']) {
      assert.equal(redacted(text), text);
    }
  });

  it('keeps legacy mangled code', () => {
    const text = 'QINIU_[密钥已脱敏] = "[REDACTED_LONG_KEY]"   # 待修改';
    assert.equal(redacted(text), text);
  });
});

describe('key labels written as words', () => {
  it('finds values after spaced labels', () => {
    const cases: Array<[string, string]> = [
      ['Access Key: LTAI5tQ9xYzAbCdEfGhIjKlM', 'Access Key: [SECRET_1]'],
      ['Secret Key: aBcDeFgHiJkLmNoPqRsTuVwXyZ012345', 'Secret Key: [SECRET_1]'],
      ['API Key: 4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a99', 'API Key: [SECRET_1]'],
      ['access key id: AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE', 'access key id: [SECRET_1]'],
      ['AccessKey ID: 0123456789abcdefGHIJ', 'AccessKey ID: [SECRET_1]'],
      ['AccessKey Secret: aBcDeFgHiJkLmNoPqRsTuVwXyZ0123', 'AccessKey Secret: [SECRET_1]'],
      ['Secret Access Key: wJalrXUtnFEMI/K7MDENG/bPxRfiCY', 'Secret Access Key: [SECRET_1]'],
      [
        'API Key and Secret Key: aBcDeFgHiJkLmNoPqRsTuVwXyZ012345',
        'API Key and Secret Key: [SECRET_1]',
      ],
    ];
    for (const [text, expected] of cases) assert.equal(redacted(text), expected, text);
  });

  it('accepts 是 and 为 after Latin labels', () => {
    const cases: Array<[string, string]> = [
      ['secret key 是 aBcDeFgHiJkLmNoPqRsTuVwXyZ012345', 'secret key 是 [SECRET_1]'],
      [
        '我的 AK 是 LTAI5tQ9xYzAbCdEfGhIjKlM，SK 是 aBcDeFgHiJkLmNoPqRsTuVwXyZ012345',
        '我的 AK 是 [SECRET_1]，SK 是 [SECRET_2]',
      ],
      ['API Key 为：4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a99', 'API Key 为：[SECRET_1]'],
      ['password 是 hunter22', 'password 是 [SECRET_1]'],
    ];
    for (const [text, expected] of cases) assert.equal(redacted(text), expected, text);
  });

  it('finds generated keys after blanks', () => {
    const cases: Array<[string, string]> = [
      ['SK 9aF3kL0pQ2rS4tU6vW8xY1zA3bC5dE7fG9hJ1k', 'SK [SECRET_1]'],
      ['SecretKey Gu5t9xdARNpA2zWDaEnvw6fPkQ3mL7sB 能用吗', 'SecretKey [SECRET_1] 能用吗'],
      ['AccessKeySecret 5ZaR7kLp9QmXvT2nW4yB8cD1eF6gH3', 'AccessKeySecret [SECRET_1]'],
    ];
    for (const [text, expected] of cases) assert.equal(redacted(text), expected, text);
  });

  it('keeps words after labels and blanks', () => {
    const texts = [
      'secret key rotation',
      'token 1234567890123456',
      'SK QINIU_SECRET_KEY',
      'SK settings.secretKey2',
      'api key abc',
    ];
    for (const text of texts) assert.equal(redacted(text), text);
  });

  it('keeps the colon after 为 outside', () => {
    assert.equal(redacted('密码为：abc123x'), '密码为：[SECRET_1]');
  });

  it('keeps labels without a value', () => {
    const texts = [
      'Please keep your secret key safe.',
      'the access key id is shown in the console',
      'the API key: doesn\u2019t work',
      'API Key 在控制台的密钥管理页面查看',
      'API Key：在控制台获取',
      'Access Key 和 Secret Key 可以在个人中心查看',
      'AccessKey ID 和 AccessKey Secret 是一对',
      'secret key 为空',
      'AK 是 什么',
      'token 是 expired',
      'token expired: 1700000000',
      'password 是多少',
    ];
    for (const text of texts) assert.equal(redacted(text), text);
  });

  it('keeps code and stand-ins after labels', () => {
    const texts = [
      'api_key = os.environ["KEY"]',
      'access key id: ${ACCESS_KEY_ID}',
      'API Key 是 API_KEY',
      'SK 为 your_secret_key',
      'Secret Key 是 xxxxxxxxxxxx',
      'Secret Key: ****************',
      'Access Key: <your access key>',
      'private key id: 7c3e5a1b9d2f4e6a8c0b1d3e5f7a9c2b4d6e8f0a',
    ];
    for (const text of texts) assert.equal(redacted(text), text);
  });
});

describe('provider key shapes', () => {
  it('finds an AWS secret key after its key id', () => {
    const text =
      'AWS 的 AKIAIOSFODNN7EXAMPLE 和 secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY 用不了';
    assert.equal(redacted(text), 'AWS 的 [SECRET_1] 和 secret [SECRET_2] 用不了');
  });

  it('finds GitHub, Slack and Google tokens without a label', () => {
    const cases: Array<[string, string]> = [
      ['token是ghp_1234567890abcdefghijABCDEFGHIJ123456 谢谢', 'token是[SECRET_1] 谢谢'],
      ['slack: xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'slack: [SECRET_1]'],
      ['key AIzaSyA1234567890abcdefghijklmnopqrstuv 用不了', 'key [SECRET_1] 用不了'],
      // Too short for their kinds: a branch name and a word.
      ['分支 ghp_fix 和 xoxb-abc', '分支 ghp_fix 和 xoxb-abc'],
    ];
    for (const [text, expected] of cases) assert.equal(redacted(text), expected);
  });

  it('finds sk- API keys with or without a label', () => {
    const cases: Array<[string, string]> = [
      [
        '调用时报错 401，key 是 sk-4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a99',
        '调用时报错 401，key 是 [SECRET_1]',
      ],
      ['API Key: sk-proj-AbCdEf0123456789AbCdEf0123456789', 'API Key: [SECRET_1]'],
      ['用这个 key：sk-ant-api03-AbCdEf0123456789AbCdEf0123456789', '用这个 key：[SECRET_1]'],
      [
        'OPENAI_API_KEY=sk-proj-AbCdEf0123456789AbCdEf0123456789_xYz-AbCdEf0123456789AbCd python a.py',
        'OPENAI_API_KEY=[SECRET_1] python a.py',
      ],
      [
        'curl -H "x-api-key: sk-4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a99"',
        'curl -H "x-api-key: [SECRET_1]"',
      ],
    ];
    for (const [text, expected] of cases) assert.equal(redacted(text), expected, text);
  });

  it('finds a signing key after 防盗链', () => {
    assert.equal(
      redacted('时间戳防盗链的 key 是 a8f3k29dm4q7z1x6wq5e，签名后的地址'),
      '时间戳防盗链的 key 是 [SECRET_1]，签名后的地址',
    );
    assert.equal(redacted('鉴权key：Zx9Yw8Vu7Ts6Rq5P'), '鉴权key：[SECRET_1]');
    assert.equal(redacted('防盗链 key 是多少'), '防盗链 key 是多少');
    assert.equal(
      redacted('上传的 key 是 5d41402abc4b2a76b9719d911017c592'),
      '上传的 key 是 5d41402abc4b2a76b9719d911017c592',
    );
  });

  it('finds Tencent Cloud and Aliyun key ids alone', () => {
    assert.equal(redacted('AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE 报错'), '[SECRET_1] 报错');
    assert.equal(redacted('用的 LTAI5tQ9xYzAbCdEfGhIjKlM 这个'), '用的 [SECRET_1] 这个');
    assert.equal(redacted('ak=LTAI4Fq2Ab9xYz7K'), 'ak=[SECRET_1]');
  });

  it('keeps words that share a prefix', () => {
    const texts = [
      'sk-2024-release-notes-for-version-two',
      'task-7f3e2a1b9d8c7b6a5f4e3d2c1b0a99ff',
      'bucket sk-assets-2024 上传失败',
      'sk-learn',
      'LTAIxxxxxxxxxxxxxxxx',
      'LTAI5tQ9xYzAbCdEfGhIjKlMNOPQRSTUVWXYZ',
      'LTAI 开头的是 AccessKey ID',
      'AKID 开头的是 SecretId',
      'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******',
    ];
    for (const text of texts) assert.equal(redacted(text), text);
  });
});

describe('tokens after labels', () => {
  it('finds a token that starts like a stand-in', () => {
    // mYAk… starts with the letters of "my", as the stand-in my_token does.
    assert.equal(redacted('token=mYAk1234567890abcdefghij'), 'token=[SECRET_1]');
    assert.equal(redacted('token = my_token_here'), 'token = my_token_here');
    assert.equal(redacted('accessKey: yourAccessKey123'), 'accessKey: yourAccessKey123');
  });

  it('finds tokens after 凭证 and 令牌', () => {
    assert.equal(
      redacted('上传凭证是 mYAk1234567890abcdefghij:3Fh8xYzAbCdEf=:eyJzY29w'),
      '上传凭证是 [SECRET_1]',
    );
    assert.equal(redacted('访问令牌 = Ab3dEf7hIj9kLm1nOp'), '访问令牌 = [SECRET_1]');
  });

  it('keeps 凭证 in prose', () => {
    assert.equal(redacted('凭证过期了怎么办'), '凭证过期了怎么办');
    assert.equal(redacted('上传凭证：已经生成了'), '上传凭证：已经生成了');
    assert.equal(redacted('下载凭证是按文档生成的吗'), '下载凭证是按文档生成的吗');
  });
});
