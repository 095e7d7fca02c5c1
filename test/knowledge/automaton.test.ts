import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import fc from 'fast-check';

import { PhraseAutomaton, type PhraseHit } from '../../src/knowledge/automaton.js';

// Every occurrence of every phrase found with indexOf, ordered as the automaton reports them:
// by end offset, then longest phrase first (the order of the failure-link outputs).
function naiveSearch(phrases: readonly string[], text: string): PhraseHit[] {
  const hits: PhraseHit[] = [];
  phrases.forEach((phrase, index) => {
    if (phrase === '') return;
    for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
      hits.push({ phrase: index, start: at, end: at + phrase.length });
    }
  });
  return hits.sort((a, b) => a.end - b.end || a.start - b.start);
}

function sortedHits(hits: PhraseHit[]): PhraseHit[] {
  return [...hits].sort((a, b) => a.end - b.end || a.start - b.start || a.phrase - b.phrase);
}

describe('PhraseAutomaton', () => {
  it('finds overlapping and nested phrases', () => {
    // "certificate", "free certificate", "certificate review"
    const phrases = ['证书', '免费证书', '证书审核', '书审'];
    const hits = new PhraseAutomaton(phrases).search('免费证书审核中，证书');
    assert.deepEqual(
      hits.map((hit) => [phrases[hit.phrase], hit.start, hit.end]),
      [
        ['免费证书', 0, 4],
        ['证书', 2, 4],
        ['书审', 3, 5],
        ['证书审核', 2, 6],
        ['证书', 8, 10],
      ],
    );
  });

  it('finds nothing in text without phrase characters', () => {
    assert.deepEqual(new PhraseAutomaton(['cdn', '回源']).search('您好，请问有什么问题'), []);
  });

  it('matches indexOf on random phrases and text', () => {
    const unit = fc.constantFrom(...'ab证书回源');
    const phrase = fc.string({ unit, minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(
        fc.array(phrase, { maxLength: 8 }),
        fc.string({ unit, maxLength: 40 }),
        (phrases, text) => {
          const hits = new PhraseAutomaton(phrases).search(text);
          assert.deepEqual(sortedHits(hits), sortedHits(naiveSearch(phrases, text)));
        },
      ),
    );
  });
});
