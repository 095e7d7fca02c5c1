import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { databaseFor, sampleDatabase, TEST_BACKEND } from '../database.js';
import { importArchives } from '../../src/ingest/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import {
  attachMemorySearch,
  findCandidates,
  loadQuestions,
  MemorySearch,
  planQuery,
  rankCases,
  searchCases,
} from '../../src/search/index.js';
import { PRESENCE } from '../../src/search/memory/memory-index.js';
import { countStoredCases } from '../../src/store/case-count.js';
import { dataPath } from '../../src/shared/paths.js';
import { SAMPLE, tempDir } from '../helpers.js';

const QUESTIONS = dataPath('eval', 'sample-questions.yaml');

function archive(title: string, description: string, answer: string): string {
  return [
    '# 客户支持问题处理记录 (Part 90)',
    '',
    '## Q1: ' + title,
    '',
    '**问题分类**: 对象存储｜上传下载',
    '',
    '### 问题描述',
    description,
    '',
    '### 客服解答',
    answer,
    '',
    '### 根本原因分析',
    '测试记录',
    '',
    '### 完整对话记录',
    `**客户**：${description}`,
    '',
    `**客服**：${answer}`,
    '',
    '---',
    '',
  ].join('\n');
}

describe('in-memory search index', () => {
  const { dir, cleanup } = tempDir();
  const location = databaseFor(dir);
  let store: Store;
  let memory: MemorySearch;

  before(async () => {
    store = await openStore({ path: location });
    await importArchives(store, [SAMPLE]);
    memory = await MemorySearch.load(store, { workers: 0 });
  });
  after(async () => {
    await store.close();
    cleanup();
  });

  test('contains every case', () => {
    assert.equal(memory.size, 95);
  });

  // Impacts are stored in a byte, so scores may differ from FTS5's by about 0.5 % per term and
  // near-ties may swap.
  test('ranks the sample questions as FTS5 does', { skip: TEST_BACKEND !== 'sqlite' }, async () => {
    const total = await countStoredCases(store);
    const questions = loadQuestions(QUESTIONS);
    let sameFirst = 0;
    let overlap = 0;
    for (const { question } of questions) {
      const plan = await planQuery(store.sql, question, total);
      const expected = await findCandidates(store.sql, plan, 20);
      const found = (await memory.findCandidates(plan, 20))!;
      // Each term's impact is off by at most half a step of (k1 + 1) / 255, times its idf.
      const idfs = [...plan.matchTerms, ...plan.titleTerms].map((t) =>
        Math.max(1e-6, Math.log((total - t.documents + 0.5) / (t.documents + 0.5))),
      );
      const tolerance = (idfs.reduce((sum, x) => sum + x, 0) * 2.2) / 255 / 2 + 1e-6;
      const expectedRanks = new Map(expected.map((row) => [row.id, row.rank]));
      for (const row of found) {
        const rank = expectedRanks.get(row.id);
        if (rank !== undefined) assert.ok(Math.abs(row.rank - rank) <= tolerance, question);
      }
      if (found[0]?.id === expected[0]?.id) sameFirst += 1;
      const top = new Set(expected.slice(0, 10).map((row) => row.id));
      overlap += found.slice(0, 10).filter((row) => top.has(row.id)).length / Math.max(1, top.size);
    }
    assert.ok(
      sameFirst >= questions.length * 0.95,
      `same first hit ${sameFirst}/${questions.length}`,
    );
    assert.ok(overlap / questions.length >= 0.95, `top-10 overlap ${overlap / questions.length}`);
  });

  test('title-only terms count titles only', async () => {
    const total = await countStoredCases(store);
    const plan = await planQuery(store.sql, '账号注销', total);
    const titleOnly = { ...plan, matchTerms: [], titleTerms: plan.terms };
    const found = (await memory.findCandidates(titleOnly, 5))!;
    assert.ok(
      found.some((row) => row.id === 1),
      JSON.stringify(found),
    );
  });

  test('sees later writes by any connection', async () => {
    const file = path.join(dir, 'support-records-part90.md');
    writeFileSync(
      file,
      archive('绿萝存储桶 报错', '绿萝存储桶 上传失败', '请检查绿萝存储桶的权限'),
    );
    const other = await openStore({ path: location });
    try {
      await importArchives(other, [file]);
    } finally {
      await other.close();
    }
    const total = await countStoredCases(store);
    let plan = await planQuery(store.sql, '绿萝存储桶', total);
    const [hit] = (await memory.findCandidates(plan, 5))!;
    assert.ok(hit, 'the new case is found');
    const id = hit.id;

    // The changed record replaces the old terms: the old word no longer finds it.
    writeFileSync(
      file,
      archive('仙人掌域名 报错', '仙人掌域名 解析失败', '请检查仙人掌域名的解析'),
    );
    await importArchives(store, [file]);
    plan = await planQuery(store.sql, '绿萝存储桶', await countStoredCases(store));
    assert.ok(!(await memory.findCandidates(plan, 5))!.some((row) => row.id === id));
    plan = await planQuery(store.sql, '仙人掌域名', await countStoredCases(store));
    assert.equal((await memory.findCandidates(plan, 5))![0]?.id, id);
    assert.equal(memory.size, 96);
  });

  test('tells on which side a later-written case has each term', async () => {
    const file = path.join(dir, 'support-records-part91.md');
    writeFileSync(file, archive('紫藤空间 报错', '紫藤空间 上传失败', '请打开 quillfeather 开关'));
    await importArchives(store, [file]);
    const plan = await planQuery(store.sql, '紫藤空间 quillfeather', await countStoredCases(store));
    const [hit] = (await memory.findCandidates(plan, 5))!;
    assert.ok(hit?.presence);
    const side = new Map(plan.terms.map((term, i) => [term.term, hit.presence![i]]));
    assert.equal(side.get('quillfeather'), PRESENCE.agentOnly);
    assert.equal(side.get('紫藤'), PRESENCE.customerSide);
  });

  // The index records whole terms, while the stored text is searched for substrings, where a
  // one-character term such as 不 is found inside other words. So the index finds a subset.
  test('finds in a case only terms its stored text contains', async () => {
    const questions = loadQuestions(QUESTIONS).map((q) => q.question);
    const fromText = [];
    for (const question of questions) fromText.push(await rankCases(store, question));
    attachMemorySearch(store, memory);
    let sameFirst = 0;
    for (const [i, question] of questions.entries()) {
      const fromIndex = await rankCases(store, question);
      assert.ok(fromIndex.every((found) => found.loaded === undefined));
      const expected = new Map(fromText[i]!.map((found) => [found.caseId, found]));
      for (const found of fromIndex) {
        const other = expected.get(found.caseId);
        if (!other) continue;
        for (const term of found.matchedTerms) assert.ok(other.matchedTerms.includes(term), term);
        assert.ok(found.coverage <= other.coverage + 1e-9, question);
      }
      if (fromIndex[0]?.caseId === fromText[i]![0]?.caseId) sameFirst += 1;
    }
    assert.ok(sameFirst >= questions.length * 0.85, `same first ${sameFirst}/${questions.length}`);
  });

  test('searchCases uses it once attached', async () => {
    attachMemorySearch(store, memory);
    const hits = await searchCases(store, 'incorrect region, please use up-z2.qiniup.com', {
      limit: 5,
    });
    assert.ok(
      hits.slice(0, 3).some((hit) => hit.ref === 'Q69'),
      hits.map((h) => h.ref).join(','),
    );
  });
});

describe('in-memory search index on worker threads', () => {
  const sample = sampleDatabase();

  test('workers build the same index', async () => {
    const inline = await MemorySearch.load(sample.store, { workers: 0 });
    const threaded = await MemorySearch.load(sample.store, { workers: 2, minCasesForWorkers: 0 });
    assert.equal(threaded.size, inline.size);
    const total = await countStoredCases(sample.store);
    for (const { question } of loadQuestions(QUESTIONS).slice(0, 30)) {
      const plan = await planQuery(sample.store.sql, question, total);
      assert.deepEqual(
        await threaded.findCandidates(plan, 10),
        await inline.findCandidates(plan, 10),
      );
    }
  });

  test('rebuilds after a bulk change', async () => {
    let rebuilt!: (cases: number) => void;
    const done = new Promise<number>((resolve) => (rebuilt = resolve));
    const started: number[] = [];
    const search = await MemorySearch.load(sample.store, {
      workers: 0,
      onRebuildStarted: (changes) => started.push(changes),
      onRebuilt: (cases) => rebuilt(cases),
    });
    // More than 10,000 logged changes, as a large import by another process leaves.
    await sample.store.sql.transaction(async (sql) => {
      for (let i = 0; i < 10_001; i += 1000) {
        const ids = Array.from({ length: Math.min(1000, 10_001 - i) }, () => 1);
        await sql.run(
          `INSERT INTO case_search_changes (case_id) VALUES ${ids.map(() => '(?)').join(', ')}`,
          ids,
        );
      }
    });
    const plan = await planQuery(
      sample.store.sql,
      '账号注销',
      await countStoredCases(sample.store),
    );
    assert.equal(await search.findCandidates(plan, 5), null);
    assert.deepEqual(started, [10_001]);
    assert.equal(await done, 95);
    assert.ok((await search.findCandidates(plan, 5))!.length > 0);
  });

  test('rebuilds after many changed cases', async () => {
    let rebuilt!: (cases: number) => void;
    const done = new Promise<number>((resolve) => (rebuilt = resolve));
    const started: number[] = [];
    const search = await MemorySearch.load(sample.store, {
      workers: 0,
      maxOverlayCases: 3,
      onRebuildStarted: (cases) => started.push(cases),
      onRebuilt: (cases) => rebuilt(cases),
    });
    const plan = await planQuery(
      sample.store.sql,
      '账号注销',
      await countStoredCases(sample.store),
    );
    const change = (ids: number[]) =>
      sample.store.sql.run(
        `INSERT INTO case_search_changes (case_id) VALUES ${ids.map(() => '(?)').join(', ')}`,
        ids,
      );

    await change([1, 2, 3]);
    assert.ok((await search.findCandidates(plan, 5))!.length > 0);
    assert.deepEqual(started, []);

    // The old index and its overlay serve searches while the new one is built.
    await change([4]);
    assert.ok((await search.findCandidates(plan, 5))!.length > 0);
    assert.deepEqual(started, [4]);
    assert.equal(search.rebuildRunning, true);
    assert.equal(search.servesSearches, true);

    // A case written during the rebuild is found before and after the swap.
    const file = path.join(sample.dir, 'support-records-part92.md');
    writeFileSync(
      file,
      archive('风信子空间 报错', '风信子空间 上传失败', '请检查风信子空间的权限'),
    );
    await importArchives(sample.store, [file]);
    const total = await countStoredCases(sample.store);
    const newWord = await planQuery(sample.store.sql, '风信子空间', total);
    const written = await sample.store.sql.get<{ id: number }>(
      "SELECT id FROM cases WHERE title LIKE '%风信子%'",
    );
    assert.equal((await search.findCandidates(newWord, 5))![0]?.id, written?.id);
    assert.ok((await done) >= 95);
    assert.equal((await search.findCandidates(newWord, 5))![0]?.id, written?.id);
    assert.ok((await search.findCandidates(plan, 5))!.length > 0);
  });

  test('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      MemorySearch.load(sample.store, { workers: 0, signal: controller.signal }),
      {
        name: 'AbortError',
      },
    );
  });
});
