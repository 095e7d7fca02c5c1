import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { displayWidth, padColumn } from '../../src/cli/columns.js';

describe('terminal columns', () => {
  test('CJK characters take two columns', () => {
    assert.equal(displayWidth('CDN｜配置问题'), 3 + 2 + 8);
  });

  test('padding counts display width', () => {
    assert.equal(padColumn('majority (CDN｜配置问题)', 28), 'majority (CDN｜配置问题)    ');
    assert.equal(padColumn('naive Bayes', 12), 'naive Bayes ');
    assert.equal(padColumn('too long for it', 4), 'too long for it');
  });
});
