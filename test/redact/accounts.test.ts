import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { redacted } from './helpers.js';

describe('labelled account names', () => {
  it('replaces a name after a Chinese label', () => {
    // "my user name is …, the login account: …"
    assert.equal(
      redacted('我的用户名是 yaoqi123，登录账号：zhangwei_88，登录不了'),
      '我的用户名是 [USER_1]，登录账号：[USER_2]，登录不了',
    );
  });

  it('replaces a name after an English label', () => {
    assert.equal(redacted('username: Huang.Jie 登录报 403'), 'username: [USER_1] 登录报 403');
    assert.equal(redacted('username = "li_ming"'), 'username = "[USER_1]"');
    assert.equal(redacted('{"username": "li_ming"}'), '{"username": "[USER_1]"}');
  });

  it('keeps a generic account name', () => {
    assert.equal(redacted('用户名：root，找不到 qshell'), '用户名：root，找不到 qshell');
    assert.equal(redacted('username: admin'), 'username: admin');
  });

  it('keeps service and team accounts', () => {
    // A program's login (database user, service account) and a team account identify no person.
    const lines = [
      'username: app_rw',
      '"username":"ops"',
      '登录账号：report_ro',
      '用户名：svc-billing',
    ];
    for (const line of lines) assert.equal(redacted(line), line);
  });

  it('keeps variables, constants and templates', () => {
    const code = [
      "username = request.form.get('username')",
      'username=settings.USER_NAME',
      'user_name: ${FTP_USER}',
      'username = USER_NAME',
      'login_name: your_name',
    ];
    for (const line of code) assert.equal(redacted(line), line);
  });

  it('keeps a label without a value', () => {
    // "fill in your AccessKey as the user name", "login name: forgotten".
    const prose = ['用户名填写您的 AccessKey 即可', '登录名：不记得了', '用户名为空'];
    for (const line of prose) assert.equal(redacted(line), line);
  });

  it('leaves contact data its own type', () => {
    assert.equal(redacted('登录账号：13800138000'), '登录账号：[PHONE_1]');
    assert.equal(redacted('用户名: test@example.com'), '用户名: [EMAIL_1]');
  });

  it('needs the label as a whole word', () => {
    assert.equal(redacted('myusername: abc123'), 'myusername: abc123');
  });
});

describe('account names in commands', () => {
  it('replaces the name of a qshell key pair', () => {
    assert.equal(
      redacted('./qshell account -w ak123 sk456 zhangxy 然后报错'),
      './qshell account -w ak123 sk456 [USER_1] 然后报错',
    );
    assert.equal(
      redacted('qshell.exe account "ak123" "sk456" "li.ming"'),
      'qshell.exe account "ak123" "sk456" "[USER_1]"',
    );
  });

  it('keeps generic names and prose', () => {
    const lines = [
      'qshell account ak123 sk456 root',
      '用 qshell account 命令设置，文档里写的',
      'qshell accounts list zhangxy',
      'qshell account',
    ];
    for (const line of lines) assert.equal(redacted(line), line);
  });
});
