import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryIndex } from '../../src/search/memory/memory-index.js';
import { Overlay } from '../../src/search/memory/overlay.js';
import type { WeighedTerms } from '../../src/search/memory/weigh-terms.js';
import type { QueryPlan } from '../../src/search/query.js';

/** Terms of a case with every term once in the description. */
function weighed(...terms: string[]): WeighedTerms {
  return {
    terms,
    weighted: terms.map(() => 6),
    title: terms.map(() => 0),
    customer: terms.map(() => 1),
    length: terms.length,
  };
}

/**
 * Builds an index of 40 cases of two terms each: all contain 上传, every other one 报错 and the rest
 * 下载. Replacements below keep two terms a case, so the average length never moves.
 */
function loadedIndex(): MemoryIndex {
  const index = new MemoryIndex(3, 80);
  index.addTerm('上传', 40);
  index.addTerm('报错', 20);
  index.addTerm('下载', 20);
  for (let id = 1; id <= 40; id++) {
    index.addBase(id, id % 2 === 0 ? weighed('上传', '报错') : weighed('上传', '下载'));
  }
  index.finishLoad();
  return index;
}

function plan(...terms: string[]): QueryPlan {
  const queryTerms = terms.map((term) => ({ term, documents: 4, idf: 1 }));
  return { terms: queryTerms, matchTerms: queryTerms, titleTerms: [], totalCases: 40 };
}

describe('overlay of replaced cases', () => {
  test('replacing often equals replacing once', () => {
    const often = loadedIndex();
    const once = loadedIndex();
    // Enough rounds over enough cases that the lists are compacted several times.
    for (let round = 0; round < 5; round++) {
      for (let id = 1; id <= 40; id++) {
        often.replace(id, round % 2 === 0 ? weighed('上传', '迁移') : weighed('报错', '下载'));
      }
    }
    for (let id = 1; id <= 40; id++) often.replace(id, weighed('上传', '迁移'));
    for (let id = 1; id <= 40; id++) once.replace(id, weighed('上传', '迁移'));

    for (const query of [plan('迁移'), plan('报错'), plan('上传', '迁移')]) {
      assert.deepEqual(often.search(query, 10), once.search(query, 10));
    }
    assert.equal(often.overlaySize, 40);
    assert.deepEqual(often.search(plan('报错'), 10), []);
  });

  test('a removed case is not found', () => {
    const index = loadedIndex();
    index.replace(2, weighed('迁移', '上传'));
    index.replace(2, null);

    assert.deepEqual(index.search(plan('迁移'), 10), []);
    assert.equal(index.size, 39);
    assert.equal(index.overlaySize, 0);
  });

  test('dead entries are dropped from a list', () => {
    const overlay = new Overlay();
    const overlaid = { length: 1, terms: ['迁移'], customer: Uint8Array.of(1) };
    for (let round = 0; round < 3; round++) {
      for (let id = 1; id <= 40; id++) {
        overlay.remove(id);
        overlay.add(id, overlaid, { anywhere: [1], title: [0.5] });
      }
    }

    assert.ok(overlay.list('迁移')!.ids.length <= 80);
    assert.equal(overlay.titleDocuments('迁移'), 40);
    for (let id = 1; id <= 40; id++) overlay.remove(id);
    assert.equal(overlay.list('迁移'), undefined);
    assert.equal(overlay.size, 0);
  });
});
