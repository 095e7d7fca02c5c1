import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TermTable } from '../../src/search/memory/term-table.js';

describe('term table', () => {
  test('numbers terms in the order they are added', () => {
    const table = new TermTable(4, 2);
    assert.equal(table.add('证书'), 0);
    assert.equal(table.add('up-z2.qiniup.com'), 1);
    assert.equal(table.add('证书'), 0);
    assert.equal(table.add('𠀀字'), 2);
    assert.equal(table.size, 3);
    assert.equal(table.get('证书'), 0);
    assert.equal(table.get('up-z2.qiniup.com'), 1);
    assert.equal(table.get('𠀀字'), 2);
    assert.equal(table.get('证'), -1);
    assert.equal(table.get(''), -1);
  });

  test('refuses terms past its capacity', () => {
    const table = new TermTable(2);
    assert.equal(table.add('a'), 0);
    assert.equal(table.add('b'), 1);
    assert.equal(table.add('c'), -1);
    assert.equal(table.add('a'), 0);
    assert.equal(table.get('c'), -1);
  });

  test('finds every one of many terms after collisions', () => {
    const terms = Array.from({ length: 20_000 }, (_, i) => `t${i.toString(36)}`);
    const table = new TermTable(terms.length);
    terms.forEach((term, i) => assert.equal(table.add(term), i));
    terms.forEach((term, i) => assert.equal(table.get(term), i));
    assert.equal(table.get('t-1'), -1);
  });
});
