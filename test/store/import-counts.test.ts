import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openTestStore } from '../database.js';
import { importArchives, readArchiveFile, categoryLabel } from '../../src/ingest/index.js';
import { prepareRecord } from '../../src/ingest/prepare.js';
import { buildSearchDocument, categoryTerms } from '../../src/search/document.js';
import { CaseWriter } from '../../src/store/case-writer.js';
import { loadPreviousCase } from '../../src/store/previous-case.js';
import { documentTerms } from '../../src/store/search-index.js';
import { iterateCases, type Store } from '../../src/store/index.js';
import { SAMPLE, tempDir } from '../helpers.js';

/** Reads the rows of the three tables that hold term counts, in a fixed order. */
async function countTables(store: Store) {
  return {
    termStats: await store.sql.all('SELECT term, documents FROM term_stats ORDER BY term'),
    categories: await store.sql.all(
      'SELECT label, product, type, documents, tokens FROM categories ORDER BY label',
    ),
    categoryTerms: await store.sql.all(
      'SELECT label, term, count FROM category_terms ORDER BY label, term',
    ),
  };
}

/** Counts the terms of every stored case from its text, the way a re-index would. */
async function recount(store: Store) {
  const termStats = new Map<string, number>();
  const labels = new Map<string, { documents: number; tokens: number }>();
  const pairs = new Map<string, number>();
  for await (const found of iterateCases(store)) {
    const document = buildSearchDocument(found);
    for (const term of documentTerms(document)) {
      termStats.set(term, (termStats.get(term) ?? 0) + 1);
    }
    const label = categoryLabel(found);
    const terms = categoryTerms(document);
    const totals = labels.get(label) ?? { documents: 0, tokens: 0 };
    totals.documents += 1;
    totals.tokens += terms.length;
    labels.set(label, totals);
    for (const term of terms)
      pairs.set(`${label}\t${term}`, (pairs.get(`${label}\t${term}`) ?? 0) + 1);
  }
  return { termStats, labels, pairs };
}

describe('import term counts', () => {
  const { dir, cleanup } = tempDir();
  let store: Store;

  before(async () => {
    store = await openTestStore(dir, 'counts.db');
    await importArchives(store, [SAMPLE]);
  });
  after(async () => {
    await store.close();
    cleanup();
  });

  test('term_stats match stored cases', async () => {
    const expected = await recount(store);
    const { termStats } = await countTables(store);
    const stored = new Map(
      (termStats as Array<{ term: string; documents: number }>).map((row) => [
        row.term,
        row.documents,
      ]),
    );
    assert.equal(stored.size, expected.termStats.size);
    assert.deepEqual(stored, expected.termStats);
  });

  test('category counts match stored cases', async () => {
    const expected = await recount(store);
    const tables = await countTables(store);
    const categories = tables.categories as Array<{
      label: string;
      documents: number;
      tokens: number;
    }>;
    const labels = new Map(
      categories.map((row) => [row.label, { documents: row.documents, tokens: row.tokens }]),
    );
    assert.deepEqual(labels, expected.labels);

    const rows = tables.categoryTerms as Array<{ label: string; term: string; count: number }>;
    const pairs = new Map(rows.map((row) => [`${row.label}\t${row.term}`, row.count]));
    assert.deepEqual(pairs, expected.pairs);
  });

  test('second input of one name is refused', async () => {
    // 同一个文件名在两个文件夹里: the second copy would change one record of the first's source.
    const first = path.join(dir, 'a', 'support-records-part14.md');
    const second = path.join(dir, 'b', 'support-records-part14.md');
    mkdirSync(path.dirname(first), { recursive: true });
    mkdirSync(path.dirname(second), { recursive: true });
    const text = readFileSync(SAMPLE, 'utf8');
    writeFileSync(first, text);
    writeFileSync(second, text.replace('查不到呢', '查不到实例'));

    const summary = await importArchives(store, [first, second]);
    assert.equal(summary.updated, 0);
    assert.equal(summary.unchanged, 95);
    assert.equal(summary.errors[0]?.code, 'duplicate-source-name');
    assert.deepEqual(summary.rejectedFiles, [second]);
    const expected = await recount(store);
    const stored = (await countTables(store)).termStats as Array<{
      term: string;
      documents: number;
    }>;
    assert.deepEqual(new Map(stored.map((row) => [row.term, row.documents])), expected.termStats);
  });
});

describe('early count writes', () => {
  const { dir, cleanup } = tempDir();
  const stores: Store[] = [];

  after(async () => {
    for (const store of stores) await store.close();
    cleanup();
  });

  /** Writes the sample, then a changed copy of one case, with the given writer options. */
  async function writeSample(file: string, maxPendingTerms?: number): Promise<Store> {
    const store = await openTestStore(dir, file);
    stores.push(store);
    const archive = readArchiveFile(SAMPLE);
    await store.sql.transaction(async (sql) => {
      const writer = new CaseWriter(sql, { maxPendingTerms });
      const source = await writer.openSource('sample.md', archive.header);
      for (const record of archive.records) {
        const prepared = prepareRecord(record);
        await writer.write(source.id, {
          ...prepared,
          document: prepared.document!,
          categoryTerms: prepared.categoryTerms!,
          knowledge: prepared.knowledge!,
        });
      }
      await writer.finish();
    });

    // 查不到实例: "cannot find the instance", a new title for one case.
    const changed = { ...archive.records[3]!, title: '查不到实例' };
    await store.sql.transaction(async (sql) => {
      const writer = new CaseWriter(sql, { maxPendingTerms });
      const source = await writer.openSource('sample.md', archive.header);
      const stored = source.existing.get(changed.ref)!;
      const prepared = prepareRecord(changed);
      await writer.write(
        source.id,
        {
          ...prepared,
          document: prepared.document!,
          categoryTerms: prepared.categoryTerms!,
          knowledge: prepared.knowledge!,
        },
        stored,
        await loadPreviousCase(sql, stored.id),
      );
      await writer.finish();
    });
    return store;
  }

  test('same counts as one write', async () => {
    const once = await writeSample('once.db');
    const often = await writeSample('often.db', 1);
    assert.deepEqual(await countTables(often), await countTables(once));
  });
});
