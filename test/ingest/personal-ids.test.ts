import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { isDigestId, storedId } from '../../src/ingest/personal-ids.js';

describe('storedId', () => {
  it('keeps an id without personal data', () => {
    assert.equal(storedId('c-1001'), 'c-1001');
    assert.equal(storedId('Q12'), 'Q12');
  });

  it('digests an id with personal data', () => {
    const digest = storedId('wx_oAbc123-13912345678');
    assert.match(digest, /^h[0-9a-f]{16}$/);
    assert.equal(storedId('wx_oAbc123-13912345678'), digest);
    assert.equal(isDigestId(digest), true);
    assert.match(storedId('zhang.wei@example.com'), /^h[0-9a-f]{16}$/);
  });

  it('tells a digest from an id', () => {
    assert.equal(isDigestId('c-1001'), false);
    assert.equal(isDigestId('h13912345678'), false);
  });
});
