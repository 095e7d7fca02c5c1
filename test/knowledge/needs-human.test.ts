import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { detectNeedsHuman, type NeedsHumanRule } from '../../src/knowledge/index.js';

const RULES: NeedsHumanRule[] = [
  {
    reason: 'refund',
    label: '退款',
    action: '核实订单并发起退款',
    phrases: ['退款', '退费'],
    // "how refunds work" is a question about the policy, not a request.
    unless: ['退款规则'],
  },
  {
    reason: 'account-unfreeze',
    label: '账户解冻',
    action: '核实欠费后解冻账户',
    phrases: ['账户冻结', '冻结'],
  },
];

describe('detectNeedsHuman', () => {
  it('gives the first phrase of a rule as evidence', () => {
    // "account frozen, please refund the fee, refund": 退费 comes first in the text.
    const verdict = detectNeedsHuman('账户冻结了，请退费，退款', RULES);
    assert.equal(verdict.value, true);
    assert.deepEqual(
      verdict.reasons.map((reason) => [reason.reason, reason.evidence]),
      [
        ['refund', '退款'],
        ['account-unfreeze', '账户冻结'],
      ],
    );
  });

  it('skips a rule whose unless phrase occurs', () => {
    // "what are the refund rules?"
    const verdict = detectNeedsHuman('请问退款规则是什么？', RULES);
    assert.deepEqual(verdict, { value: false, reasons: [] });
  });

  it('matches phrases on normalized text', () => {
    // Full-width letters fold to ASCII and upper case to lower case before matching.
    const rules: NeedsHumanRule[] = [
      { reason: 'two-factor-reset', label: '二次验证重置', action: '重置', phrases: ['mfa'] },
    ];
    assert.equal(detectNeedsHuman('ＭＦＡ设备丢了', rules).value, true);
  });

  it('handles empty phrases as includes does', () => {
    // An empty phrase occurs in every text but is no evidence, and an empty unless vetoes.
    const rules: NeedsHumanRule[] = [
      { reason: 'empty', label: '空', action: '看', phrases: [''] },
      { reason: 'vetoed', label: '否', action: '看', phrases: ['退款'], unless: [''] },
    ];
    assert.deepEqual(detectNeedsHuman('退款', rules), { value: false, reasons: [] });
  });
});
