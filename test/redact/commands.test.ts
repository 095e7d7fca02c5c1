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
