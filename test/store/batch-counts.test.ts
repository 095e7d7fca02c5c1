import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readArchiveFile } from '../../src/ingest/index.js';
import { categoryTerms, joinCaseTerms, segmentCase } from '../../src/search/document.js';
import { BatchCounts } from '../../src/store/batch-counts.js';
import { CategoryCounts } from '../../src/store/category-counts.js';
import { countDocumentTerms } from '../../src/store/search-index.js';
import { SAMPLE } from '../helpers.js';

describe('BatchCounts', () => {
  const { records } = readArchiveFile(SAMPLE);

  test('matches per-case term counting', () => {
    const batch = new BatchCounts();
    const documents = new Map<string, number>();
    const categories = new CategoryCounts();
    for (const record of records) {
      const terms = segmentCase(record);
      const document = joinCaseTerms(terms);
      batch.add(record, terms);
      countDocumentTerms(document, documents);
      categories.add(record, categoryTerms(document), 1);
    }

    const gathered = batch.result();
    assert.ok(documents.size > 0);
    assert.deepEqual(gathered.documents, documents);
    assert.deepEqual(gathered.categories.categories, categories.categories);
    assert.deepEqual(gathered.categories.terms, categories.terms);
  });

  test('counts a repeated term once per case', () => {
    const batch = new BatchCounts();
    const category = { product: 'CDN', type: '流量计费问题' };
    // 带宽 (bandwidth): four times in the first case, three of them in model fields; once in the second.
    batch.add(category, {
      title: ['带宽', '带宽'],
      description: ['带宽'],
      customer: [],
      agent: ['带宽'],
    });
    batch.add(category, { title: ['带宽'], description: [], customer: [], agent: [] });

    const { documents, categories } = batch.result();
    assert.equal(documents.get('带宽'), 2);
    assert.equal(categories.terms.get('CDN｜流量计费问题')?.get('带宽'), 4);
    assert.equal(categories.categories.get('CDN｜流量计费问题')?.tokens, 4);
    assert.equal(categories.categories.get('CDN｜流量计费问题')?.documents, 2);
  });
});
