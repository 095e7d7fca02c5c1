import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  createVault,
  loadRedactData,
  Redactor,
  RedactionSession,
  sealingHook,
  type VaultEntry,
} from '../../src/redact/index.js';
import { redacted } from './helpers.js';

describe('home-folder user names', () => {
  it('replaces a Windows profile name', () => {
    assert.equal(
      redacted('C:\\Users\\yaoqi\\AppData\\Local\\Temp\\qn-regions-cache.json这个路径'),
      'C:\\Users\\[USER_1]\\AppData\\Local\\Temp\\qn-regions-cache.json这个路径',
    );
  });

  it('replaces escaped backslashes in JSON and logs', () => {
    assert.equal(
      redacted("'C:\\\\Users\\\\yaoqi\\\\AppData\\\\Local\\\\Temp\\\\qn.jsonl.shrink'"),
      "'C:\\\\Users\\\\[USER_1]\\\\AppData\\\\Local\\\\Temp\\\\qn.jsonl.shrink'",
    );
    assert.equal(
      redacted('{"path": "C:\\\\\\\\Users\\\\\\\\yaoqi\\\\\\\\Desktop"}'),
      '{"path": "C:\\\\\\\\Users\\\\\\\\[USER_1]\\\\\\\\Desktop"}',
    );
  });

  it('replaces other drives, slashes and case', () => {
    const cases: Array<[string, string]> = [
      ['C:/Users/yaoqi/Desktop/a.png', 'C:/Users/[USER_1]/Desktop/a.png'],
      ['D:\\Users\\zhang.wei\\project', 'D:\\Users\\[USER_1]\\project'],
      ['c:\\users\\yaoqi\\b.png', 'c:\\users\\[USER_1]\\b.png'],
      ['file:///C:/Users/yaoqi/a.html', 'file:///C:/Users/[USER_1]/a.html'],
      [
        '\\\\fileserver\\c$\\Users\\yaoqi\\Documents',
        '\\\\fileserver\\c$\\Users\\[USER_1]\\Documents',
      ],
      [
        'C:\\Documents and Settings\\yaoqi\\Local Settings',
        'C:\\Documents and Settings\\[USER_1]\\Local Settings',
      ],
    ];
    for (const [input, output] of cases) assert.equal(redacted(input), output, input);
  });

  it('replaces expanded profile variables', () => {
    const cases: Array<[string, string]> = [
      ['USERPROFILE=C:\\Users\\yaoqi', 'USERPROFILE=C:\\Users\\[USER_1]'],
      ['HOMEPATH=\\Users\\yaoqi', 'HOMEPATH=\\Users\\[USER_1]'],
      ['%SystemDrive%\\Users\\yaoqi\\AppData', '%SystemDrive%\\Users\\[USER_1]\\AppData'],
      ['$env:SystemDrive\\Users\\yaoqi', '$env:SystemDrive\\Users\\[USER_1]'],
    ];
    for (const [input, output] of cases) assert.equal(redacted(input), output, input);
  });

  it('replaces names with spaces or Chinese before a separator', () => {
    assert.equal(redacted('C:\\Users\\Zhang San\\Desktop'), 'C:\\Users\\[USER_1]\\Desktop');
    assert.equal(
      redacted('C:\\Users\\张三\\Desktop\\1.png'),
      'C:\\Users\\[USER_1]\\Desktop\\1.png',
    );
  });

  it('ends a name at the end of a path', () => {
    const cases: Array<[string, string]> = [
      ['C:\\Users\\yaoqi下面的文件', 'C:\\Users\\[USER_1]下面的文件'],
      ['在 C:\\Users\\yaoqi.', '在 C:\\Users\\[USER_1].'],
      ['C:\\Users\\yaoqi and /tmp/x', 'C:\\Users\\[USER_1] and /tmp/x'],
      ['C:\\Users\\YAOQI~1\\AppData', 'C:\\Users\\[USER_1]\\AppData'],
    ];
    for (const [input, output] of cases) assert.equal(redacted(input), output, input);
  });

  it('replaces macOS and Linux home folders', () => {
    const cases: Array<[string, string]> = [
      ['/Users/yaoqi/Library/Caches', '/Users/[USER_1]/Library/Caches'],
      ['/home/yaoqi/.ssh/id_rsa', '/home/[USER_1]/.ssh/id_rsa'],
      ['cd /home/yaoqi', 'cd /home/[USER_1]'],
      ['root@vm:/home/yaoqi# ls', 'root@vm:/home/[USER_1]# ls'],
      ['PATH=/home/yaoqi/bin:/usr/bin', 'PATH=/home/[USER_1]/bin:/usr/bin'],
      ['file:///Users/yaoqi/a.html', 'file:///Users/[USER_1]/a.html'],
      ['/mnt/c/Users/yaoqi/code', '/mnt/c/Users/[USER_1]/code'],
      ['-v /home/yaoqi/data:/data', '-v /home/[USER_1]/data:/data'],
      ['File "/home/yaoqi/app/upload.py", line 42', 'File "/home/[USER_1]/app/upload.py", line 42'],
    ];
    for (const [input, output] of cases) assert.equal(redacted(input), output, input);
  });

  it('numbers one account the same in any case', () => {
    assert.equal(
      redacted('C:\\Users\\YaoQi\\a /Users/yaoqi/b /home/lisi/c'),
      'C:\\Users\\[USER_1]\\a /Users/[USER_1]/b /home/[USER_2]/c',
    );
  });

  it('returns the name offsets', () => {
    const text = '见 C:\\Users\\yaoqi\\a.txt';
    const { entities } = new Redactor().redact(text);
    assert.deepEqual(entities, [{ type: 'USER', start: 11, end: 16, placeholder: '[USER_1]' }]);
    assert.equal(text.slice(11, 16), 'yaoqi');
  });

  it('keeps generic account names', () => {
    const texts = [
      'C:\\Users\\Public\\Desktop',
      'C:\\Users\\Default\\NTUSER.DAT',
      'C:\\Users\\Default User\\x',
      'C:\\Users\\All Users\\x',
      'C:\\Users\\Administrator\\x',
      'C:\\Users\\dev\\.virtualenvs\\app\\Lib',
      '/home/ubuntu/app',
      '/home/ec2-user/.aws',
      '/home/admin/x',
      '/home/www/wwwroot',
      '/home/nginx/logs',
      '/home/deploy/app/upload.py',
      '/Users/Shared/x',
      '/root/.ssh/authorized_keys',
    ];
    for (const text of texts) assert.equal(redacted(text), text, text);
  });

  it('keeps template names', () => {
    const texts = [
      'C:\\Users\\%USERNAME%\\AppData',
      'C:\\Users\\<用户名>\\AppData',
      'C:\\Users\\你的用户名\\AppData',
      'C:\\Users\\xxx\\AppData',
      'C:\\Users\\...\\AppData',
      '/home/$USER/x',
      '/home/{user}/x',
      '/Users/username/Desktop',
      '打开 C:\\Users\\ 目录',
    ];
    for (const text of texts) assert.equal(redacted(text), text, text);
  });

  it('keeps paths without a home folder', () => {
    const texts = [
      'GET /api/v1/users/42 HTTP/1.1',
      'src/Users/index.tsx',
      'use App\\Users\\Controller;',
      '/home/index.html',
      'E:\\pyExercise\\anyPyTest\\qiniu3.py',
      '/var/www/html/index.php',
      '/home/.cache/pip',
    ];
    for (const text of texts) assert.equal(redacted(text), text, text);
  });

  it('leaves URLs to the URL policy', () => {
    assert.equal(
      redacted('https://cdn.example.com/home/yaoqi/a.jpg'),
      'https://cdn.example.com[URL_1]',
    );
    const provider = 'https://developer.qiniu.com/kodo/1289/python';
    assert.equal(redacted(provider), provider);
  });

  it('lets contact data keep its type', () => {
    assert.equal(redacted('C:\\Users\\13800138000\\Desktop'), 'C:\\Users\\[PHONE_1]\\Desktop');
  });

  it('keeps secrets in the same text', () => {
    const text =
      'localfile = r"C:\\Users\\yaoqi\\Desktop\\1.png"\nsecret_key = "Xk9fPq2LmN8vR4tY7wZ1aB3cD5eF6gH0iJ2kL4mN"';
    assert.equal(
      redacted(text),
      'localfile = r"C:\\Users\\[USER_1]\\Desktop\\1.png"\nsecret_key = "[SECRET_1]"',
    );
  });

  it('is idempotent', () => {
    const once = redacted('C:\\\\Users\\\\yaoqi\\\\AppData /home/yaoqi/x');
    assert.equal(redacted(once), once);
  });
});

describe('generic user names data', () => {
  const data = loadRedactData();

  it('includes every login name', () => {
    for (const login of data.secrets.loginNames) {
      assert.ok(data.genericUserNames.has(login.toLowerCase()), login);
    }
  });

  it('stores names in lower case', () => {
    for (const name of data.genericUserNames) assert.equal(name, name.toLowerCase(), name);
  });
});

describe('USER values and the vault', () => {
  it('are not sealed', () => {
    const entries: VaultEntry[] = [];
    const vault = createVault(Buffer.alloc(32, 7));
    const session = new RedactionSession({
      onValue: sealingHook(vault, 'part14:Q97', (entry) => entries.push(entry)),
    });
    const { text } = new Redactor().redact('C:\\Users\\yaoqi\\a 手机13800138000', session);

    assert.equal(text, 'C:\\Users\\[USER_1]\\a 手机[PHONE_1]');
    assert.deepEqual(
      entries.map((entry) => entry.type),
      ['PHONE'],
    );
  });
});
