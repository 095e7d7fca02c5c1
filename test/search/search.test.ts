import { after, before, describe, test } from 'node:test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestStore, TEST_BACKEND } from '../database.js';
import assert from 'node:assert/strict';
import { importArchives } from '../../src/ingest/index.js';
import { findCase, type Store } from '../../src/store/index.js';
import { planSearch, questionText, searchCases } from '../../src/search/index.js';
import { SAMPLE, tempDir } from '../helpers.js';

describe('case search', () => {
  const { dir, cleanup } = tempDir();
  let store: Store;

  before(async () => {
    store = await openTestStore(dir, 'cases.db');
    await importArchives(store, [SAMPLE]);
  });
  after(async () => {
    await store.close();
    cleanup();
  });

  test('error message finds its case', async () => {
    const hits = await searchCases(store, 'incorrect region, please use up-z2.qiniup.com', {
      limit: 5,
    });
    assert.ok(hits.length > 0);
    assert.ok(
      hits.slice(0, 3).some((hit) => hit.ref === 'Q69'),
      hits.map((h) => h.ref).join(','),
    );
  });

  test('hits carry ref, source and category', async () => {
    const [hit] = await searchCases(store, '免费证书 审核', { limit: 1 });
    assert.ok(hit);
    assert.match(hit.ref, /^Q\d+$/);
    assert.equal(hit.source, 'support-records-part14.md');
    assert.match(hit.category, /^.+｜.+$/);
    assert.ok(hit.score > 0);
    assert.ok(hit.score <= 1);
  });

  test('hits that share only common words with the query are left out', async () => {
    // "A word that does not exist": only 不 and 存在 occur in the archive.
    const query = '不存在的词汇qqzzxx';
    const hits = await searchCases(store, query, { limit: 10 });
    const weak = await searchCases(store, query, { limit: 10, keepWeak: true });
    assert.ok(weak.length >= hits.length, `${weak.length} weak against ${hits.length}`);
    // PostgreSQL ranks by ts_rank, and its list for this query has no hit under the floors.
    if (TEST_BACKEND === 'sqlite') assert.ok(weak.length > hits.length);
    const floor = Math.max(0.05, (hits[0]?.score ?? 0) * 0.1);
    for (const hit of hits) assert.ok(hit.score >= floor, `${hit.ref} ${hit.score}`);
  });

  test('parts of one word count once in coverage', async () => {
    // "How do I unbind a custom domain": 自定义域名 gives five more search-mode parts. The case
    // about unbinding (Q62) contains only 解绑 and 域名 of the question's terms.
    const hits = await searchCases(store, '自定义域名怎么解绑', { limit: 5 });
    const unbinding = hits.find((hit) => hit.ref === 'Q62');
    assert.ok(unbinding, hits.map((hit) => hit.ref).join(','));
    assert.ok(unbinding.coverage >= 0.5, String(unbinding.coverage));
  });

  test('absent compound weighs as parts', async () => {
    // 今天天气 (today's weather) is in no case, and 今天 is in several. As one group with the
    // compound, 今天 alone would cover 0.46 of the question, so 天气 must weigh on its own.
    const hits = await searchCases(store, '今天天气怎么样', { limit: 5, keepWeak: true });
    assert.ok(hits.length > 0);
    for (const hit of hits) {
      assert.deepEqual(hit.matchedTerms, ['今天']);
      assert.ok(hit.coverage < 0.35, `${hit.ref} ${hit.coverage}`);
    }
  });

  test('stored case asked again finds its twins', async () => {
    // Q5's title and its customer messages. The later messages' rare words (一天, 好用) fill the
    // plan's places, so Q7 and Q104, with Q5's title and description, need the first line's terms.
    const stored = await findCase(store, 'support-records-part14.md', 'Q5');
    assert.ok(stored);
    const hits = await searchCases(store, questionText(stored), { limit: 6, keepWeak: true });
    const refs = hits.map((hit) => hit.ref).filter((ref) => ref !== 'Q5');
    assert.ok(refs.includes('Q7') || refs.includes('Q104'), refs.join(','));
  });

  test('related word finds other wording', async () => {
    // The customer writes 销户 (close the account), and the cases use 注销. data/search/related-terms.txt
    // puts the two in one group.
    const plan = await planSearch(store, '麻烦帮我把这个账户销户');
    const related = plan.terms.find((term) => term.term === '注销');
    assert.equal(related?.standsFor, '销户');
    assert.ok(plan.matchTerms.some((term) => term.term === '注销'));

    const hits = await searchCases(store, '确定不用了，麻烦帮我把这个账户销户', { limit: 5 });
    const refs = hits.map((hit) => hit.ref);
    assert.ok(
      refs.some((ref) => ['Q1', 'Q19', 'Q23', 'Q26'].includes(ref)),
      refs.join(','),
    );
  });

  test('wildcard domain finds 泛域名 case', async () => {
    // data/search/notation-terms.txt reads *.example.com as a wildcard domain (泛域名).
    const plan = await planSearch(store, '加了 *.example.com 之后根域名加不上');
    assert.ok(plan.terms.some((term) => term.term === '泛域名' && term.standsFor === undefined));

    const hits = await searchCases(store, '加了 *.abc.com 之后再给 abc.com 开加速一直验证不过', {
      limit: 5,
    });
    const refs = hits.map((hit) => hit.ref);
    assert.ok(refs.includes('Q34'), refs.join(','));
  });

  test('snippet highlights query terms', async () => {
    const [hit] = await searchCases(store, '账号注销', { limit: 1 });
    assert.ok(hit);
    assert.ok(hit.snippet.highlights.length > 0);
    const [start, end] = hit.snippet.highlights[0]!;
    assert.ok(['账号', '注销', '账号注销'].includes(hit.snippet.text.slice(start, end)));
  });

  test('agent-only match shows term and score', async () => {
    const file = join(dir, 'agent-only.md');
    const record = [
      '## Q1: 上传失败',
      '',
      '**问题分类**: 对象存储｜上传问题',
      '',
      '### 问题描述',
      '上传一直失败',
      '',
      '### 客服解答',
      '请把 zorbleflag 参数设为 true 后重试',
      '',
      '### 根本原因分析',
      '',
      '',
      '### 完整对话记录',
      '**客户**：上传一直失败',
      '',
      '**客服**：请把 zorbleflag 参数设为 true 后重试',
      '',
      '---',
    ];
    writeFileSync(file, ['# 客户支持问题处理记录 (Part 99)', '', ...record, ''].join('\n'));
    await importArchives(store, [file]);

    const [hit] = await searchCases(store, 'zorbleflag', { limit: 1 });
    assert.ok(hit);
    assert.equal(hit.source, 'agent-only.md');
    assert.equal(hit.coverage, 0);
    assert.deepEqual(hit.matchedTerms, ['zorbleflag']);
    assert.ok(hit.score > 0, String(hit.score));
    assert.ok(hit.score <= 0.5, String(hit.score));
  });

  test('copies of a case are listed once', async () => {
    // The same archive under a second file name: each case is stored twice.
    const copy = join(dir, 'copy-of-sample.md');
    writeFileSync(copy, readFileSync(SAMPLE));
    await importArchives(store, [copy]);

    const hits = await searchCases(store, '自定义域名怎么解绑', { limit: 5 });
    const refs = hits.map((hit) => hit.ref);
    assert.equal(new Set(refs).size, refs.length, refs.join(','));
    assert.ok(refs.includes('Q62'), refs.join(','));
  });

  test('unknown words find nothing', async () => {
    const hits = await searchCases(store, 'zzqx quuxfoo', { limit: 5 });
    assert.deepEqual(hits, []);
  });
});
