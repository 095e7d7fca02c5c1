import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { Redactor, RedactionSession } from '../../src/redact/index.js';
import { dataPath } from '../../src/shared/paths.js';

// The real archive sample, redacted record by record as the import does.
const archive = readFileSync(dataPath('samples', 'support-records-part14.md'), 'utf8');
const records = archive.split(/^(?=## Q)/m);
const redactor = new Redactor();
const output = records
  .map((record) => redactor.redact(record, new RedactionSession()).text)
  .join('');

function count(text: string, value: string): number {
  return text.split(value).length - 1;
}

describe('sample archive', () => {
  it('catches the missed IPv4 addresses', () => {
    for (const address of ['58.220.4.227', '116.62.237.241', '221.200.146.35']) {
      assert.ok(archive.includes(address), address);
      assert.equal(output.includes(address), false, address);
    }
  });

  it('keeps the CIDR suffix readable', () => {
    assert.match(output, /拉黑\[IP_\d+\]\/24/);
  });

  it('catches names beside phone numbers', () => {
    assert.equal(output.includes('杨楠'), false);
    assert.match(output, /\[REDACTED_PHONE\]\[NAME_\d+\]先生/);
  });

  it('catches the pasted upload tokens', () => {
    assert.equal(output.includes('BQI2Rv7KIHUMKuhfw6f-LHiePHLiyCzVdzDtWOBN'), false);
  });

  it('catches passwords in prose', () => {
    assert.equal(output.includes('Skykey@20233'), false);
    assert.equal(output.includes('1988mn'), false);
  });

  it('keeps code, ids and provider hosts', () => {
    const kept = [
      'secret_key',
      'upload_token',
      'QINIU_SECRET_KEY',
      "'secret_key': QINIU_SECRET_KEY,",
      'q = Auth(access_key, secret_key)',
      'req_id:y3QAAADvcsohDfwX',
      'req_id:z7wAAAAJs1eWDfwX',
      'up-z2.qiniup.com',
      'shuju8',
      'iovip-ap-southeast-2.qiniuio.com',
      '3905408534bfa39adb90d6cbfc17666c827bd6c2ba5c267b985937a825b2bf6d',
      '7.13.27.14.0',
      'support@qiniu.com',
      '2732.28',
    ];
    for (const value of kept) assert.equal(count(output, value), count(archive, value), value);
  });

  it('leaves legacy placeholders intact', () => {
    for (const placeholder of [
      '[URL已脱敏]',
      '[REDACTED_PHONE]',
      '[密钥已脱敏]',
      '[图片]',
      '[IP已脱敏]',
    ]) {
      assert.equal(count(output, placeholder), count(archive, placeholder), placeholder);
    }
  });
});
