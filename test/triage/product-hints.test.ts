import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';

import { loadProductHints, productBoosts } from '../../src/triage/product-hints.js';
import { tempDir } from '../helpers.js';

describe('product hints', () => {
  const { dir, cleanup } = tempDir();
  after(cleanup);

  function hintsFile(text: string): string {
    const file = path.join(dir, `hints-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, text);
    return file;
  }

  it('boosts each product by its hits', () => {
    const hints = loadProductHints(
      hintsFile('boost: 0.1\nmaxHits: 2\nproducts:\n  CDN: [回源, 缓存, 证书]\n  云短信: [短信]\n'),
    );
    const boosts = productBoosts(hints, ['回源', '缓存', '证书', '失败']);
    assert.equal(boosts.get('CDN'), 0.2);
    assert.equal(boosts.has('云短信'), false);
  });

  it('lowers Latin hints', () => {
    const hints = loadProductHints(
      hintsFile('boost: 0.5\nmaxHits: 1\nproducts:\n  CDN: [HTTPS]\n'),
    );
    assert.equal(productBoosts(hints, ['https']).get('CDN'), 0.5);
  });

  it('rejects a negative boost', () => {
    const file = hintsFile('boost: -1\nmaxHits: 1\nproducts: {}\n');
    assert.throws(() => loadProductHints(file), new RegExp(`${file}: "boost"`));
  });

  it('rejects hints that are not a list', () => {
    const file = hintsFile('boost: 0.1\nmaxHits: 1\nproducts:\n  CDN: 回源\n');
    assert.throws(() => loadProductHints(file), /hints of product "CDN"/);
  });

  it('reads the bundled file', () => {
    const hints = loadProductHints();
    assert.ok(hints.products.get('账户与财务')?.has('账单'));
  });
});
