import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import fc from 'fast-check';

import { pushIndexWords } from '../../src/text/clause-cache.js';
import { loadStopWords, segment } from '../../src/text/index.js';

const SAMPLE = new URL('../../data/samples/support-records-part14.md', import.meta.url);

const PUNCTUATION_ONLY = /^[\p{P}\p{S}\p{Z}\s]+$/u;

// What tokenize kept before segmenting clause by clause: jieba over the whole text, filtered.
function wholeTextWords(text: string): string[] {
  const stopWords = loadStopWords();
  return segment(text).filter(
    (word) => word.trim() !== '' && !PUNCTUATION_ONLY.test(word) && !stopWords.has(word),
  );
}

function clauseWords(text: string): string[] {
  const out: string[] = [];
  pushIndexWords(text, out);
  return out;
}

test('clauses match whole text on sample', () => {
  const lines = readFileSync(SAMPLE, 'utf8').toLowerCase().split('\n');
  // Twice, so the second pass reads every clause from the cache.
  for (const pass of [1, 2]) {
    for (const line of lines) {
      assert.deepEqual(clauseWords(line), wholeTextWords(line), `pass ${pass}: ${line}`);
    }
  }
});

test('clauses match whole text at breaks', () => {
  const texts = [
    '您好，请问有什么可以帮您？您好，请问',
    '证书（免费版）已经签发了吗……还在“审核中”',
    '上传+下载&回源%比例_配置.规则-说明',
    '【通知】《服务协议》「第三条」{配置}<域名>|状态',
    '全角　空格\u00a0不换行\t制表\r\n换行',
    '',
    '，。！',
  ];
  for (const text of texts) assert.deepEqual(clauseWords(text), wholeTextWords(text), text);
});

test('clauses match whole text on random input', () => {
  const alphabet = [...'回源证书审核域名配置您好请问的了是，。！？；：、（）“” \n+#&._%-ab1'];
  const text = fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 60 });
  fc.assert(
    fc.property(text, (value) => {
      assert.deepEqual(clauseWords(value), wholeTextWords(value));
    }),
  );
});
