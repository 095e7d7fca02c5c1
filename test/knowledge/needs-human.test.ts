import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

import {
  detectNeedsHuman,
  loadNeedsHumanRules,
  type NeedsHumanRule,
} from '../../src/knowledge/index.js';

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

describe('needs-human patterns', () => {
  const rule: NeedsHumanRule = {
    reason: 'contact-change',
    label: '更换绑定手机或邮箱',
    action: '核验身份后更换账户联系方式',
    phrases: ['换绑'],
    patterns: [/手机.{0,6}停用.{0,8}换/u],
  };

  it('gives the matched text as evidence', () => {
    const verdict = detectNeedsHuman('手机号停用了想换一个', [rule]);
    assert.equal(verdict.reasons[0]?.evidence, '手机号停用了想换');
  });

  it('ignores a negated match', () => {
    assert.equal(detectNeedsHuman('我不想手机停用了再换', [rule]).value, false);
  });

  it('rejects an unbounded quantifier', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'needs-human-'));
    const file = path.join(dir, 'rules.yaml');
    writeFileSync(file, "- { reason: r, label: l, action: a, phrases: [x], patterns: ['a.*b'] }\n");
    assert.throws(() => loadNeedsHumanRules(file), /rule 1 .*unbounded quantifier/);
    rmSync(dir, { recursive: true });
  });
});

describe('bundled needs-human rules', () => {
  const rules = loadNeedsHumanRules();
  const reasons = (text: string) =>
    detectNeedsHuman(text, rules).reasons.map((reason) => reason.reason);

  it('leaves a domain the customer disabled alone', () => {
    // "I disabled the CDN domain and now want to delete it": the customer's own action.
    assert.deepEqual(reasons('我把加速域名停用了，现在想删除这个域名怎么操作'), []);
  });

  it('leaves a worry about an attack alone', () => {
    // "Can the CDN stop at a negative balance? I'm afraid of stolen traffic."
    assert.deepEqual(reasons('余额变负数能不能自动把cdn停了，怕被人盗刷流量'), []);
    assert.deepEqual(reasons('流量被盗刷了一晚上'), ['account-security']);
  });

  it('flags a disputed charge', () => {
    // "The charge is wrong, please check and return it", "charged twice".
    assert.deepEqual(reasons('扣费有误，请核实后返还'), ['refund', 'billing-dispute']);
    assert.deepEqual(reasons('重复扣款了两次'), ['billing-dispute']);
    assert.deepEqual(reasons('费用不对，多收费了'), ['billing-dispute']);
  });

  it('flags a withdrawal and an invoice to change', () => {
    // "withdraw the balance", "the invoice amount is wrong", "change it to a VAT invoice".
    assert.deepEqual(reasons('账户余额提现'), ['refund']);
    assert.deepEqual(reasons('发票金额开错了'), ['invoice-correction']);
    assert.deepEqual(reasons('发票要改成专票'), ['invoice-correction']);
  });

  it('flags colloquial refund and 2FA requests', () => {
    // "I picked the wrong size of traffic package, can you refund it?" and "after reflashing my
    // phone the login's dynamic code is gone, can you switch it off?"
    assert.deepEqual(reasons('刚下单的流量包选错规格了，能不能给我退了'), ['refund']);
    assert.deepEqual(reasons('手机刷机了，登录要的那个动态验证码没了，能帮我关掉吗'), [
      'two-factor-reset',
    ]);
  });

  it('flags a domain stuck in processing', () => {
    // "The domain has shown 'processing' for two days and cannot be rolled back."
    assert.deepEqual(reasons('cdn域名状态一直显示处理中两天了 撤销也撤不了'), [
      'backend-intervention',
    ]);
  });

  it('flags a suspended account for unfreezing', () => {
    // "the account was suspended for arrears" and "the account is suspended".
    assert.deepEqual(reasons('账号欠费被停用了怎么恢复'), ['account-unfreeze']);
    assert.deepEqual(reasons('账号停用了怎么办'), ['account-unfreeze']);
  });

  it('flags complaints and lost data', () => {
    // "You deleted all files in my bucket; I will complain and sue you."
    assert.deepEqual(reasons('你们把我空间里的文件全删了，我要投诉，我要找律师起诉你们'), [
      'complaint',
      'data-loss',
    ]);
    // "Recipients complained about our SMS; the complaint rate is too high."
    assert.deepEqual(reasons('我们的短信被用户投诉了，投诉率太高怎么办'), []);
    // "Deleted files in a bucket by mistake; can they be recovered?"
    assert.deepEqual(reasons('不小心误删了一个bucket里的文件，能恢复吗'), ['data-loss']);
    // "All files in my bucket are lost, you must compensate", "you deleted my data, I'll call
    // the police", "who pays for the loss".
    assert.deepEqual(reasons('我的存储桶里的文件全部丢失了，你们要赔偿'), [
      'complaint',
      'data-loss',
    ]);
    assert.deepEqual(reasons('你们把我的数据删了！我要报警'), ['complaint', 'data-loss']);
    assert.deepEqual(reasons('我的域名被你们封了，网站打不开，损失谁负责'), ['complaint']);
  });

  it('flags wordings whose parts stand apart', () => {
    // A trial's questions: 2FA codes lost with the phone (二部 for 二步), a bound phone and mail
    // both gone, a request for backend work, and a service still stopped after paying.
    assert.deepEqual(reasons('手机刷机了 二部验证码没了 登不进控制台'), ['two-factor-reset']);
    assert.deepEqual(reasons('当时绑的手机号和邮箱现在都停用了，想换成新的'), ['contact-change']);
    assert.deepEqual(reasons('新加了IP黑名单一直没生效，麻烦后台手动处理一下'), [
      'backend-intervention',
    ]);
    assert.deepEqual(reasons('钱已经冲值进去了为啥服务还是停着的'), ['account-unfreeze']);
    assert.deepEqual(reasons('换了新手机，原来手机上身份验证的那个码没法看了'), [
      'two-factor-reset',
    ]);
    assert.deepEqual(reasons('对公转账充的钱 昨天下午就转过去了 到现在账号还是停着'), [
      'account-unfreeze',
    ]);
    assert.deepEqual(reasons('刚下单的CDN流量资源包下错了规格，能不能退了重新买'), ['refund']);
    assert.deepEqual(reasons('登录时要输那个安全码，但绑定的app被我删掉了'), ['two-factor-reset']);
    assert.deepEqual(reasons('绑定的是他手机 现在收不到验证码 想换成我的号'), ['contact-change']);
    // How-to questions stay: "how do I change the bound phone", "how soon after paying".
    assert.deepEqual(reasons('怎么修改绑定的手机号'), []);
    assert.deepEqual(reasons('充值后多久能用'), []);
  });

  it('flags a request for a person', () => {
    assert.deepEqual(reasons('在吗？人工客服'), ['person-requested']);
    assert.deepEqual(reasons('能不能转人工'), ['person-requested']);
    // An agent's "this needs a manual change" requests no person.
    assert.deepEqual(reasons('这个需要人工更换的'), []);
    // Nor does a console prompt the customer quotes: "it says to file a ticket for a person".
    assert.deepEqual(reasons('控制台提示要提工单找人工修改'), []);
  });

  it('reads misspellings as the words meant', () => {
    // "Unbind (misspelt 解榜) my phone": the contact-change phrase is 解绑手机.
    assert.deepEqual(reasons('解榜手机'), ['contact-change']);
  });

  it('skips a phrase after a negation cue', () => {
    // "I need no refund, I only ask how the package is deducted".
    assert.deepEqual(reasons('我不需要退款，只是想问一下资源包怎么抵扣'), []);
    assert.deepEqual(reasons('不需要办理退款'), []);
  });

  it('keeps a phrase after a cue of another clause', () => {
    assert.deepEqual(reasons('不需要了。请帮我退款'), ['refund']);
    // "Can you refund or not": 不 alone is no cue.
    assert.deepEqual(reasons('能不能退款'), ['refund']);
  });
});
