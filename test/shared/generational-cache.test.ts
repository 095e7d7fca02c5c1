import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { GenerationalCache } from '../../src/shared/generational-cache.js';

describe('GenerationalCache', () => {
  it('keeps an entry read in each generation', () => {
    const cache = new GenerationalCache<string, number>(2);
    cache.set('greeting', 1);
    cache.set('a', 2);
    // Full: the next entry starts a new young generation, and greeting and a become old.
    cache.set('b', 3);
    assert.equal(cache.get('greeting'), 1);
    // Full again: b and greeting become old, and a is dropped.
    cache.set('c', 4);
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.get('greeting'), 1);
    assert.equal(cache.get('b'), 3);
  });

  it('drops an entry not read for two generations', () => {
    const cache = new GenerationalCache<string, number>(1);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.get('b'), 2);
  });

  it('counts the cost of each entry', () => {
    const cache = new GenerationalCache<string, string>(10, (key) => key.length);
    cache.set('abcdef', 'first');
    cache.set('ghijkl', 'second');
    cache.set('mnopqr', 'third');
    assert.equal(cache.get('abcdef'), undefined);
    assert.equal(cache.get('ghijkl'), 'second');
  });

  it('stores a moved entry under its stored key', () => {
    const cache = new GenerationalCache<string, string>(1, undefined, (_key, value) => value);
    cache.set('stored', 'stored');
    cache.set('other', 'other');
    // A key built at run time, so it is a different string object from the stored one.
    const lookup = ['st', 'ored'].join('');
    assert.equal(cache.get(lookup), 'stored');
    assert.equal(cache.get('stored'), 'stored');
  });
});
