import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import {
  caseOpening,
  caseText,
  matchRootCauses,
  type Taxonomy,
} from '../../src/knowledge/index.js';
import { matchRootCausesWithPrefix } from '../../src/knowledge/matcher.js';
import { loadKnowledge, loadSampleRecords } from './sample.js';

let taxonomy: Taxonomy;

before(async () => {
  ({ taxonomy } = await loadKnowledge());
});

function separately(text: string, prefixLength: number) {
  return {
    all: matchRootCauses(text, taxonomy, { minScore: -Infinity }),
    prefix: matchRootCauses(text.slice(0, prefixLength), taxonomy, { minScore: -Infinity }),
  };
}

describe('matchRootCausesWithPrefix', () => {
  it('equals two separate matches on the sample', () => {
    for (const record of loadSampleRecords()) {
      const text = caseText(record);
      const opening = caseOpening(record);
      if (!text.startsWith(opening)) continue;
      assert.deepEqual(
        matchRootCausesWithPrefix(text, opening.length, taxonomy),
        separately(text, opening.length),
        record.ref,
      );
    }
  });

  it('ignores phrases that cross the prefix end', () => {
    // "CDN back-to-origin failed": 回源 starts inside the prefix and ends after it.
    const text = 'CDN回源失败';
    for (let length = 0; length <= text.length; length++) {
      assert.deepEqual(
        matchRootCausesWithPrefix(text, length, taxonomy),
        separately(text, length),
        `prefix length ${length}`,
      );
    }
  });

  it('equals separate matches when folding changes offsets', () => {
    // The ligature ﬁ folds to two letters, so the matching view no longer keeps the offsets.
    const text = '证书ﬁle上传失败\n回源超时';
    assert.deepEqual(matchRootCausesWithPrefix(text, 9, taxonomy), separately(text, 9));
  });
});
