import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { redacted } from './helpers.js';

const AK = 'BQI2Rv7KIHUMKuhfw6f-LHiePHLiyCzVdzDtWOBN';
const SK = 'Xk3Jd8fjK2lsP0qWm9ZtR5vBn7Yc4Hg1Ue6Ao2Ii';

describe('key shapes', () => {
  it('finds a 40-character key', () => {
    assert.equal(redacted(`ak：${AK} 对吗`), 'ak：[SECRET_1] 对吗');
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

  it('finds passwords near a hint', () => {
    const text = 'administrator Skykey@20233这个是主机的登录密码';
    assert.equal(redacted(text), 'administrator [SECRET_1]这个是主机的登录密码');
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
