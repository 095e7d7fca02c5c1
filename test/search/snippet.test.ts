import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSnippet } from '../../src/search/snippet.js';

test('snippet marks terms in the text', () => {
  const snippet = buildSnippet(['secret key 填错了'], ['secret']);
  assert.deepEqual(snippet.highlights, [[0, 6]]);
});

test('snippet skips terms inside placeholders', () => {
  // The redacted value's placeholder names its type, which is no word the customer wrote.
  const snippet = buildSnippet(['我的 secret 是 [SECRET_1]'], ['secret']);
  assert.equal(snippet.text, '我的 secret 是 [SECRET_1]');
  assert.deepEqual(snippet.highlights, [[3, 9]]);
});

test('snippet skips Latin terms inside words', () => {
  const snippet = buildSnippet(['NET::ERR_CERT_COMMON_NAME_INVALID 和 up.qiniup.com'], ['com']);
  assert.deepEqual(snippet.highlights, [[46, 49]]);
});
