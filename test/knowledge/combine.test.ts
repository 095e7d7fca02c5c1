import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import {
  INFER_DEFAULTS,
  inferRootCause,
  type RootCauseMatch,
  type Taxonomy,
} from '../../src/knowledge/index.js';
import { loadKnowledge } from './sample.js';

let taxonomy: Taxonomy;

before(async () => {
  ({ taxonomy } = await loadKnowledge());
});

const STRONG: RootCauseMatch = {
  code: 'upload.callback-failed',
  score: 16,
  evidence: ['回调失败', '579'],
};
const WEAK: RootCauseMatch = { code: 'cdn.traffic-attack', score: 3, evidence: ['流量异常'] };

describe('inferRootCause', () => {
  it('infers from a strong match', () => {
    const result = inferRootCause([STRONG], [], { taxonomy });

    assert.equal(result?.code, 'upload.callback-failed');
    assert.equal(result?.label, '上传成功但回调业务服务器失败（579）');
    assert.deepEqual(result?.evidence, ['回调失败', '579']);
    assert.ok((result?.confidence ?? 0) >= INFER_DEFAULTS.minConfidence);
  });

  it('returns null for a weak match', () => {
    assert.equal(inferRootCause([WEAK], [], { taxonomy }), null);
  });

  it('returns null without evidence', () => {
    assert.equal(inferRootCause([], [], { taxonomy }), null);
    assert.equal(inferRootCause([], [{ code: null, score: 0.9 }], { taxonomy }), null);
  });

  it('returns null on a close call', () => {
    const rival = { ...STRONG, code: 'upload.region-mismatch' };

    assert.equal(inferRootCause([STRONG, rival], [], { taxonomy }), null);
  });

  it('raises confidence with agreeing neighbours', () => {
    const alone = inferRootCause([WEAK], [], { taxonomy, minConfidence: 0 });
    const backed = inferRootCause(
      [WEAK],
      [
        { code: 'cdn.traffic-attack', score: 0.9 },
        { code: 'cdn.traffic-attack', score: 0.8 },
      ],
      { taxonomy },
    );

    assert.ok(alone !== null);
    assert.ok(backed !== null);
    assert.ok(backed.confidence > alone.confidence);
    assert.equal(backed.code, 'cdn.traffic-attack');
  });

  it('infers from neighbours alone', () => {
    const neighbours = [0.95, 0.9, 0.9].map((score) => ({ code: 'account.closure', score }));
    const result = inferRootCause([], neighbours, { taxonomy, neighbourWeight: 0.8 });

    assert.equal(result?.code, 'account.closure');
    assert.deepEqual(result?.evidence, []);
  });

  it('lets coded-null neighbours dilute', () => {
    const agreeing = [{ code: 'account.closure', score: 0.9 }];
    const diluted = [...agreeing, ...[0.9, 0.9, 0.9].map((score) => ({ code: null, score }))];
    const options = { taxonomy, minConfidence: 0, neighbourWeight: 1 };

    const strong = inferRootCause([], agreeing, options);
    const weak = inferRootCause([], diluted, options);
    assert.ok(strong !== null);
    assert.ok(weak !== null);
    assert.ok(weak.confidence < strong.confidence);
  });

  it('ignores neighbours past the limit', () => {
    const neighbours = [
      { code: 'account.closure', score: 0.9 },
      { code: 'billing.refund-business-days', score: 0.2 },
    ];
    const result = inferRootCause([], neighbours, { taxonomy, maxNeighbours: 1, minConfidence: 0 });

    assert.equal(result?.code, 'account.closure');
  });

  it('clamps out-of-range similarity', () => {
    const result = inferRootCause([], [{ code: 'account.closure', score: 7 }], {
      taxonomy,
      minConfidence: 0,
    });

    assert.ok(result !== null);
    assert.ok(result.confidence <= 1);
  });

  it('falls back to the code as label', () => {
    assert.equal(inferRootCause([STRONG], [])?.label, 'upload.callback-failed');
  });
});
