import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { redacted } from './helpers.js';

describe('command-line passwords', () => {
  const cases: Array<[string, string]> = [
    ["sshpass -p 'Abc12345' ssh root@host", "sshpass -p '[SECRET_1]' ssh root@host"],
    ['redis-cli -a Str0ngRedis! ping', 'redis-cli -a [SECRET_1] ping'],
    ['mysql -uroot -pMyS3cret! -h db', 'mysql -uroot -p[SECRET_1] -h db'],
    ['curl -u admin:Passw0rd! http://x', 'curl -u admin:[SECRET_1] http://x'],
    ['unzip -P s3cr3t a.zip', 'unzip -P [SECRET_1] a.zip'],
  ];
  for (const [input, output] of cases) {
    it(`replaces ${input.split(' ')[0]}`, () => {
      assert.equal(redacted(input), output);
    });
  }

  const unchangedTexts = [
    'mysql -u root -p',
    'mysql -u root -p -h db',
    'mysql -uroot -p$DB_PASS',
    'redis-cli -a <password>',
    'curl -u admin http://x',
    'git log -p',
    'ls -a',
  ];
  for (const text of unchangedTexts) {
    it(`keeps ${text}`, () => {
      assert.equal(redacted(text), text);
    });
  }
});

describe('recovery codes', () => {
  it('replaces a code after its label', () => {
    assert.equal(redacted('二步验证恢复码：AB12-CD34-EF56-GH78'), '二步验证恢复码：[SECRET_1]');
    assert.equal(redacted('backup codes: 12345678 87654321'), 'backup codes: [SECRET_1]');
  });

  it('keeps words after the label', () => {
    assert.equal(redacted('恢复码丢了怎么办'), '恢复码丢了怎么办');
  });
});
