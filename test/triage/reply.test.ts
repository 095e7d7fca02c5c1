import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '../../src/ingest/record.js';
import type { SearchHit } from '../../src/search/index.js';
import { tokenize } from '../../src/text/index.js';
import { draftReply } from '../../src/triage/index.js';

interface HitOptions {
  score?: number;
  matchedTerms?: string[];
  rootCauseCode?: string | null;
  product?: string;
}

/** Builds a search hit of one stored case with the given dialogue. Drafts read few of its fields. */
function hit(ref: string, turns: Array<[Role, string]>, options: HitOptions = {}): SearchHit {
  const score = options.score ?? 0.9;
  return {
    caseId: 1,
    bm25: -1,
    coverage: score,
    dialogueCoverage: score,
    // Two shared words by default, as a quoted case needs.
    matchedTerms: options.matchedTerms ?? ['证书', '审核'],
    ref,
    source: 'test.md',
    title: ref,
    category: 'CDN｜访问下载',
    score,
    snippet: { text: '', highlights: [] },
    case: {
      id: 1,
      source: 'test.md',
      ref,
      title: ref,
      product: options.product ?? 'CDN',
      type: '访问下载',
      description: '',
      answer: '',
      rootCause: '',
      turns: turns.map(([role, text]) => ({ role, text })),
      status: 'answered',
      rootCauseCode: options.rootCauseCode ?? null,
      needsHuman: false,
      needsHumanReasons: [],
      createdAt: '2024-01-01T00:00:00.000Z',
      openedAt: null,
    },
  };
}

/** Drafts a reply to `question` from one case whose only agent turn is `answer`. */
function draftFor(question: string, answer: string): string {
  const draft = draftReply(
    [
      hit('Q1', [
        ['customer', question],
        ['agent', answer],
      ]),
    ],
    [...new Set(tokenize(question))],
  );
  assert.ok(draft, 'expected a draft');
  return draft.text;
}

describe('draftReply identifiers', () => {
  // "Open port 22 in the security group; instance id …, security group …".
  const rdpAnswer =
    '需要在安全组放开22端口，实例id：i-uf6i392ncxf86x4y4ezx安全组：sg-uf6cilzjeslbvfop5w6jtcp协议放开22端口';

  test('instance and group ids become placeholders', () => {
    const text = draftFor('远程桌面连接不上', rdpAnswer);
    assert.doesNotMatch(text, /i-uf6i392ncxf86x4y4ezx/);
    assert.doesNotMatch(text, /sg-uf6cilzjeslbvfop5w6jtcp/);
    assert.match(text, /实例id：【实例ID】安全组：【安全组ID】/);
  });

  test('port number is kept', () => {
    assert.match(draftFor('远程桌面连接不上', rdpAnswer), /放开22端口/);
  });

  test('id in the question is kept', () => {
    const text = draftFor('实例 i-uf6i392ncxf86x4y4ezx 远程桌面连接不上', rdpAnswer);
    assert.match(text, /i-uf6i392ncxf86x4y4ezx/);
    assert.match(text, /【安全组ID】/);
  });

  test('customer domain becomes a placeholder', () => {
    // "This domain is a mainland domain; switch its coverage to global for overseas access".
    const answer =
      '您这个域名picture.shjyyyxx.com是大陆域名，需要海外访问要将域名覆盖范围修改为全球';
    const text = draftFor('韩国访问图片打不开', answer);
    assert.doesNotMatch(text, /shjyyyxx/);
    assert.match(text, /您这个域名【域名】是大陆域名/);
  });

  test('domain in the question is kept', () => {
    const answer =
      '您这个域名picture.shjyyyxx.com是大陆域名，需要海外访问要将域名覆盖范围修改为全球';
    const text = draftFor('picture.shjyyyxx.com 韩国访问图片打不开', answer);
    assert.match(text, /picture\.shjyyyxx\.com/);
  });

  test('subdomain of a question domain is kept', () => {
    const answer =
      '您这个域名picture.shjyyyxx.com是大陆域名，需要海外访问要将域名覆盖范围修改为全球';
    assert.match(draftFor('shjyyyxx.com 韩国访问打不开', answer), /picture\.shjyyyxx\.com/);
  });

  test('public upload endpoint is kept', () => {
    // "Set the upload region in put_file, e.g. up-z2.qiniup.com for South China".
    const answer =
      '在 put_file 上传方法中指定对应的上传区域（例如，华南区域使用 up-z2.qiniup.com）';
    const text = draftFor('上传区域怎么指定', answer);
    assert.match(text, /up-z2\.qiniup\.com/);
    assert.match(text, /put_file/);
  });

  test('tenant CNAME host becomes a placeholder', () => {
    // A CNAME target on a provider domain that embeds one customer's domain.
    const answer = '添加一条CNAME解析，记录值 mall-xin360-com-cn-idvouga.qiniudns.com';
    const text = draftFor('CNAME 解析怎么添加', answer);
    assert.doesNotMatch(text, /idvouga/);
    assert.match(text, /记录值 【域名】/);
  });

  test('error code and parameter name are kept', () => {
    // "Error 579 means the callback failed; the attname parameter sets the download name".
    const answer = '579 报错是回调失败了，下载文件名可以用 attname 参数指定';
    const text = draftFor('上传报错579', answer);
    assert.match(text, /579 报错是回调失败了/);
    assert.match(text, /attname 参数/);
  });

  test('IP address becomes a placeholder', () => {
    const text = draftFor('IP 黑名单怎么设置', '可以在访问控制里把 203.0.113.7 加入IP黑名单');
    assert.doesNotMatch(text, /203\.0\.113\.7/);
    assert.match(text, /把 【IP】 加入IP黑名单/);
  });

  test('public DNS resolver is kept', () => {
    const text = draftFor('域名解析不生效', '可以把本地 DNS 换成 114.114.114.114 再试一下解析');
    assert.match(text, /114\.114\.114\.114/);
  });

  test('order id becomes a placeholder', () => {
    const text = draftFor('证书订单一直待确认', '订单号66d1252fe595590b9914d34c需要先完成域名验证');
    assert.doesNotMatch(text, /66d1252fe595590b9914d34c/);
    assert.match(text, /订单号【订单号】需要先完成域名验证/);
  });

  test('bucket name becomes a placeholder', () => {
    // "Turn off the delete rule in the lifecycle settings of bucket att-petrobiz".
    const text = draftFor('空间生命周期', '在您att-petrobiz空间的生命周期设置里关闭删除规则即可');
    assert.doesNotMatch(text, /att-petrobiz/);
    assert.match(text, /在您【空间名】空间的生命周期设置里关闭删除规则即可/);
  });

  test('long number becomes a placeholder', () => {
    const text = draftFor('退款进度', '退款单 202312251234567890 按原路退回');
    assert.match(text, /退款单 【编号】 按原路退回/);
  });

  test('cut never splits a placeholder', () => {
    const draft = draftReply(
      [hit('Q1', [['agent', `实例${'很'.repeat(20)} i-uf6i392ncxf86x4y4ezx 的远程端口`]])],
      ['远程', '端口'],
      { maxTurnLength: 25 },
    );
    assert.ok(draft);
    assert.doesNotMatch(draft.text, /【[^】\n]*…/);
  });
});

describe('draftReply placeholders', () => {
  test('secret clause is dropped', () => {
    // "Log in through VNC to check the RDP service; administrator [SECRET_1] is the host's login
    // password".
    const text = draftFor(
      'VNC 黑屏',
      '建议先通过VNC登录检查RDP服务，administrator [SECRET_1]这个是主机的登录密码',
    );
    assert.doesNotMatch(text, /SECRET/);
    assert.doesNotMatch(text, /administrator/);
    assert.match(text, /建议先通过VNC登录检查RDP服务/);
  });

  test('contact clause is dropped', () => {
    const text = draftFor(
      '流量被盗刷',
      '建议开启IP黑名单，您这边联系方式目前是这个吗？[REDACTED_PHONE] [NAME_1]',
    );
    assert.doesNotMatch(text, /PHONE|NAME/);
    assert.match(text, /建议开启IP黑名单/);
  });

  test('URL and image become fill-in labels', () => {
    const text = draftFor(
      '资源包抵扣顺序',
      '资源包抵扣顺序可以参考 [URL已脱敏]，在[图片]点击修改即可',
    );
    assert.match(text, /可以参考 【链接】/);
    assert.match(text, /在【截图】点击修改即可/);
    assert.doesNotMatch(text, /\[/);
  });

  test('stored IP placeholder becomes a label', () => {
    const text = draftFor('IP 黑名单怎么设置', '您这边直接将这个网段拉黑[IP_1]/24');
    assert.match(text, /拉黑【IP】\/24/);
  });

  test('placeholder-only turn is not quoted', () => {
    const hits = [hit('Q1', [['agent', '参考：[URL已脱敏]']])];
    assert.equal(draftReply(hits, ['资源包']), null);
  });
});

describe('draftReply corrections', () => {
  const korea = hit('Q76', [
    ['customer', 'CDN海外资源包，韩国访问图片买哪个？亚洲还是亚洲其他？'],
    ['agent', '买亚洲即可'],
    ['customer', '买成亚洲其他，行不行？'],
    [
      'agent',
      '刚刚表述有误，韩国的您购买亚洲其他即可，亚洲其他包含除港澳台/东南亚/印度的其他亚洲地区',
    ],
  ]);
  const terms = [...new Set(tokenize('韩国访问图片买哪个资源包'))];

  test('corrected turn is not quoted', () => {
    const draft = draftReply([korea], terms);
    assert.ok(draft);
    assert.doesNotMatch(draft.text, /买亚洲即可/);
    assert.match(draft.text, /韩国的您购买亚洲其他即可/);
  });

  test('marker clause is dropped', () => {
    const draft = draftReply([korea], terms);
    assert.ok(draft);
    assert.doesNotMatch(draft.text, /表述有误/);
    assert.match(draft.text, /^您好，韩国的您购买亚洲其他即可/);
  });

  test('leading marker with colon is stripped', () => {
    const hits = [
      hit('Q1', [
        ['agent', '韩国访问请购买亚洲资源包'],
        ['agent', '更正：韩国访问请购买亚洲其他资源包'],
      ]),
    ];
    const draft = draftReply(hits, terms);
    assert.ok(draft);
    assert.doesNotMatch(draft.text, /更正|购买亚洲资源包/);
    assert.match(draft.text, /韩国访问请购买亚洲其他资源包/);
  });

  test('marker word inside a sentence corrects nothing', () => {
    // "Account info can be changed by submitting a correction request" mentions 更正 in passing.
    const hits = [
      hit('Q1', [
        ['agent', '韩国访问请购买亚洲其他资源包'],
        ['agent', '韩国主体的账号信息可以提交信息更正申请'],
      ]),
    ];
    const draft = draftReply(hits, terms);
    assert.ok(draft);
    assert.match(draft.text, /韩国访问请购买亚洲其他资源包/);
    assert.match(draft.text, /提交信息更正申请/);
  });
});

describe('draftReply case status', () => {
  test('result of the earlier request is dropped', () => {
    // "There is no SMS notice yet; we passed the need on. The signature review has passed."
    const text = draftFor(
      '云短信签名审核通过有短信通知吗',
      '目前还没有云短信产品相关的消息通知，这边将此建议需求反馈后端。当前签名审核已通过。',
    );
    assert.doesNotMatch(text, /已通过/);
    assert.match(text, /目前还没有云短信产品相关的消息通知/);
  });

  test('earlier matter timing is dropped', () => {
    // "A bank transfer needs the account manager to confirm, as it is a holiday now." and "the
    // account manager is back at work tomorrow and will talk to you".
    const text = draftFor(
      '充值了服务还是停着',
      '因为银行转账的充值需要商务经理确认一下才行的，因为时间处于节假日。明天商务上班与您沟通哈。',
    );
    assert.match(text, /银行转账的充值需要商务经理确认/);
    assert.doesNotMatch(text, /节假日/);
    assert.doesNotMatch(text, /明天商务上班/);
  });

  test('pointers into a document are dropped', () => {
    // A pasted help page: "the error is shown in the figure below", "see step 5: check the
    // firewall", and a fragment left of "fix the problem".
    const text = draftFor(
      '远程桌面连不上',
      '远程桌面连接提示无法连接到远程计算机，具体报错信息如下图所示。实例网络连接中断。' +
        '您可以参考步骤五：检查防火墙配置。修复该问题。请检查安全组是否放行3389端口。',
    );
    assert.doesNotMatch(text, /如下图所示/);
    assert.doesNotMatch(text, /步骤五/);
    assert.doesNotMatch(text, /修复该问题/);
    assert.match(text, /请检查安全组是否放行3389端口/);
  });

  test('rest of a question is dropped', () => {
    // "Users abroad cannot open it: is there an error? Including the exit IP."
    const text = draftFor(
      '国外用户打不开',
      '海外用户无法访问，有报错信息吗？包括出口 ip。域名覆盖在国内的，海外访问属于跨境访问。',
    );
    assert.doesNotMatch(text, /出口 ip/);
    assert.match(text, /海外访问属于跨境访问/);
  });

  test('request already filed is dropped', () => {
    const text = draftFor('退款多久到账', '已提交退款申请，原路退回一般3到5个工作日到账');
    assert.doesNotMatch(text, /已提交退款申请/);
    assert.match(text, /原路退回一般3到5个工作日到账/);
  });

  test('work done for that customer is dropped', () => {
    // "I asked for the route to be optimised for you", "reported", "it works now, please test
    // again", then advice: "access links with parameters often miss the cache".
    const text = draftFor(
      'CDN 部分地区访问慢',
      '这边反馈内部为您优化线路了。已反馈处理。已经好了，您再测试观察看下哈。' +
        '访问链接带参数是容易 miss 缓存产生回源，回源访问速度慢。',
    );
    assert.doesNotMatch(text, /优化线路/);
    assert.doesNotMatch(text, /已反馈处理/);
    assert.doesNotMatch(text, /已经好了/);
    assert.doesNotMatch(text, /测试观察/);
    assert.match(text, /访问链接带参数是容易 miss 缓存产生回源/);
  });

  test('progress-only turns are not quoted', () => {
    const hits = [
      hit('Q1', [
        ['agent', '将域名覆盖范围修改为全球即可'],
        ['agent', '还有大概20分钟左右，等部署完成这边同步您'],
        ['agent', '配置完成了您看下'],
        ['agent', '您好，当前还在确认中，有结论后这边在给您反馈'],
      ]),
    ];
    const draft = draftReply(hits, ['域名', '全球', '部署', '配置', '确认']);
    assert.ok(draft);
    assert.match(draft.text, /将域名覆盖范围修改为全球即可/);
    assert.doesNotMatch(draft.text, /20分钟|同步您|配置完成|确认中|反馈/);
  });

  test('done-for-you clauses are dropped', () => {
    const text = draftFor(
      '证书更新',
      '已为您重新提交了证书申请，证书签发后需要在域名管理里更新HTTPS配置',
    );
    assert.doesNotMatch(text, /已为您/);
    assert.match(text, /证书签发后需要在域名管理里更新HTTPS配置/);
  });

  test('questions to the earlier customer are dropped', () => {
    const text = draftFor(
      '远程桌面连不上，重启才恢复',
      '是重启这个实例才可以连接上吗？还是重启vps服务才可以连接上？请检查安全组是否放开3389端口。',
    );
    assert.doesNotMatch(text, /连接上|吗/);
    assert.match(text, /请检查安全组是否放开3389端口/);
  });

  test('question particle ends a question', () => {
    const text = draftFor(
      '远程桌面连不上',
      '您是指强制重启实例才能恢复是嘛。远程连接失败时请先用VNC登录检查RDP服务。',
    );
    assert.doesNotMatch(text, /是嘛/);
    assert.match(text, /请先用VNC登录检查RDP服务/);
  });

  test('checks on the earlier account are dropped', () => {
    const text = draftFor(
      '免费证书申请',
      '这边没有看到您新的免费赠送申请订单，免费证书需要在控制台SSL证书页面申请。',
    );
    assert.doesNotMatch(text, /没有看到/);
    assert.match(text, /免费证书需要在控制台SSL证书页面申请/);
  });

  test('question ending in 呢 is dropped', () => {
    const text = draftFor(
      '账号换绑邮箱',
      '邮箱是否可以验证呢。换绑邮箱需要在账号设置里先验证原邮箱。',
    );
    assert.doesNotMatch(text, /是否可以验证/);
    assert.match(text, /换绑邮箱需要在账号设置里先验证原邮箱/);
  });

  test('statement ending in 呢 is kept', () => {
    const text = draftFor('证书审核', '免费证书由CA审核，通常需要1到2个工作日呢');
    assert.match(text, /通常需要1到2个工作日呢/);
  });

  test('state of the earlier account is dropped', () => {
    const text = draftFor(
      '账号停用了怎么改手机号',
      '您这个账号目前已经欠费冻结，充值解冻后登录账号即可修改手机号和邮箱',
    );
    assert.doesNotMatch(text, /欠费冻结/);
    assert.match(text, /充值解冻后登录账号即可修改手机号和邮箱/);
  });

  test('operation log of the earlier account is dropped', () => {
    const text = draftFor(
      '空间文件被自动删除了',
      '您10.7号删除了您【空间名】空间的生命周期，操作ip来自 【IP】，生命周期规则会按设置的天数删除文件',
    );
    assert.doesNotMatch(text, /10\.7号|操作ip/);
    assert.match(text, /生命周期规则会按设置的天数删除文件/);
  });

  test('work under way is dropped', () => {
    const text = draftFor(
      '远程桌面连不上',
      '这边在排查看下哈，远程连接失败时请先用VNC登录检查RDP服务',
    );
    assert.doesNotMatch(text, /排查看下/);
    assert.match(text, /请先用VNC登录检查RDP服务/);
  });

  test('current general facts are kept', () => {
    // "The current free quota is 10G of storage a month" is true for every customer.
    const text = draftFor('免费额度', '当前七牛的免费额度策略为：存储空间免费额度：10G/月');
    assert.match(text, /当前七牛的免费额度策略为/);
  });
});

describe('draftReply existing rules', () => {
  test('filler clauses are dropped', () => {
    const text = draftFor('证书审核', '好的您稍等，免费证书审核一般需要1到2个工作日');
    assert.doesNotMatch(text, /稍等/);
    assert.match(text, /免费证书审核一般需要1到2个工作日/);
  });

  test('every quoted case is cited', () => {
    const hits = [
      hit('Q1', [['agent', '免费证书审核一般需要1到2个工作日']]),
      hit('Q2', [['agent', '证书审核超过3天可以提交工单催审']], { score: 0.8 }),
    ];
    const draft = draftReply(hits, ['证书', '审核']);
    assert.ok(draft);
    assert.deepEqual(draft.sources, ['Q1', 'Q2']);
    assert.match(draft.text, /（参考案例：Q1、Q2）$/);
  });

  test('weak hits give no draft', () => {
    const hits = [
      hit('Q1', [['agent', '免费证书审核一般需要1到2个工作日']], { score: 0.2 }),
      hit('Q2', [['agent', '证书签发后需要部署到域名上']], { score: 0.18 }),
    ];
    assert.equal(draftReply(hits, ['证书']), null);
  });

  test('clear leader is quoted below the bar', () => {
    // 0.2 is under the bar of 0.35, but 1.5 times the second hit's score or more.
    const matchedTerms = ['免费证书', '证书', '审核'];
    const hits = [
      hit('Q1', [['agent', '免费证书审核一般需要1到2个工作日']], { score: 0.2, matchedTerms }),
      hit('Q2', [['agent', '证书签发后需要部署到域名上']], { score: 0.12 }),
    ];
    const draft = draftReply(hits, ['免费证书', '审核']);
    assert.ok(draft);
    assert.deepEqual(draft.sources, ['Q1']);
  });

  test('one-word leader gives no draft', () => {
    // 明天 alone leads for "明天会下雨吗"; its parts 明 and 天 are no words of their own.
    const hits = [
      hit('Q41', [['agent', '您好，这个需要工作日才能操作的']], {
        score: 0.31,
        matchedTerms: ['明天', '明', '天'],
      }),
      hit('Q80', [['agent', '欠费停服后充值即可恢复']], { score: 0.14 }),
    ];
    assert.equal(draftReply(hits, ['明天', '下雨']), null);
  });

  test('case sharing one word is not quoted', () => {
    // 北京 alone carried Q106 above the bar for "明天北京会下雨吗".
    const hits = [
      hit('Q106', [['agent', '调整了一下，后续可以再观察下']], {
        score: 0.36,
        matchedTerms: ['北京'],
      }),
    ];
    assert.equal(draftReply(hits, ['明天', '北京', '下雨']), null);
  });

  test('clause opening with 有哪些 is dropped', () => {
    const text = draftFor('省份 访问', '有哪些省份比较严重，可以在控制台刷新缓存后再访问');
    assert.doesNotMatch(text, /有哪些/);
    assert.match(text, /可以在控制台刷新缓存后再访问/);
  });

  test('penalty notice needs a penalty question', () => {
    const answer =
      '对处置结果有异议，请登陆申诉平台进行申诉。依据相关法律法规的规定，七牛云有权，' +
      '并且应当立即采取处置措施。防盗链改完后需要刷新缓存才能看到效果。';
    const hits = [
      hit('Q29', [['agent', answer]], { score: 0.8, matchedTerms: ['防盗链', '生效'] }),
    ];
    const plain = draftReply(hits, ['防盗链', '生效'], { question: '防盗链设置了没生效' });
    assert.ok(plain);
    assert.match(plain.text, /防盗链改完后需要刷新缓存/);
    assert.doesNotMatch(plain.text, /申诉|法律法规|七牛云有权|处置措施/);

    const appeal = draftReply(hits, ['封禁', '申诉', '防盗链'], {
      question: '域名被封禁了，防盗链也改不了，怎么申诉',
    });
    assert.ok(appeal);
    assert.match(appeal.text, /申诉平台/);
  });

  test('one-word question quotes no reply', () => {
    const hits = [hit('Q73', [['agent', '短信签名审核一般两个小时内完成']], { score: 1 })];
    assert.equal(draftReply(hits, ['短信']), null);
  });

  test('one-word question keeps fix steps', () => {
    const hits = [
      hit('Q87', [['agent', '这个需要工作日才能操作的']], {
        score: 1,
        rootCauseCode: 'billing.refund-business-days',
      }),
    ];
    const draft = draftReply(hits, ['退款'], {
      rootCauseCode: 'billing.refund-business-days',
      fixSteps: ['提供订单号和退款原因。'],
    });
    assert.ok(draft);
    assert.match(draft.text, /1\. 提供订单号和退款原因。/);
    assert.doesNotMatch(draft.text, /工作日才能操作/);
    assert.deepEqual(draft.sources, ['Q87']);
  });

  test('very weak leader gives no draft', () => {
    const hits = [hit('Q1', [['agent', '免费证书审核一般需要1到2个工作日']], { score: 0.12 })];
    assert.equal(draftReply(hits, ['证书']), null);
  });

  test('same root cause halves the bar', () => {
    const hits = [
      hit('Q1', [['agent', '证书过期后需要重新申请免费证书']], {
        score: 0.2,
        rootCauseCode: 'cert.expired-renewal',
      }),
    ];
    const draft = draftReply(hits, ['证书', '过期'], { rootCauseCode: 'cert.expired-renewal' });
    assert.ok(draft);
    assert.deepEqual(draft.sources, ['Q1']);
  });

  test('FAQ steps replace fix steps', () => {
    const hits = [hit('Q1', [['agent', '免费证书审核一般需要1到2个工作日']])];
    const draft = draftReply(hits, ['证书'], {
      fixSteps: ['等待审核'],
      faq: { steps: ['检查域名验证记录'], refs: ['Q9'] },
    });
    assert.ok(draft);
    assert.match(draft.text, /1\. 检查域名验证记录/);
    assert.doesNotMatch(draft.text, /等待审核/);
    assert.deepEqual(draft.sources, ['Q9', 'Q1']);
  });
});

describe('draftReply superseded answers', () => {
  // Q97: a second upload with another key fails with [WinError 183]. The agent first blames
  // same-name uploads, the customer replies that the names differ, and the agent later finds an
  // SDK bug.
  const upload = hit('Q97', [
    ['customer', 'python sdk 第二次上传文件时提示 [WinError 183] 当文件已存在时，无法创建该文件'],
    ['agent', '上传模式不是覆盖上传哈，普通上传模式不允许上传同名文件'],
    ['agent', '上传策略相关文档：[URL已脱敏]'],
    ['customer', '我不是上传同一个文件，我是上传不同的文件，第二个就提示已存在'],
    ['agent', 'python sdk先退回下版本，7.14.0版本新功能影响的，已经在修了'],
  ]);
  const terms = [...new Set(tokenize('python sdk 上传文件提示文件已存在 WinError 183'))];

  test('rejected answer is not quoted', () => {
    const draft = draftReply([upload], terms);
    assert.ok(draft);
    assert.doesNotMatch(draft.text, /同名文件/);
    assert.doesNotMatch(draft.text, /上传策略相关文档/);
    assert.match(draft.text, /python sdk先退回下版本/);
  });

  test('advice that did not help is not quoted', () => {
    // "Reinstall the qiniu package" → "Reinstalling did not help" → "Delete the cache file".
    const hits = [
      hit('Q1', [
        ['agent', '重装 qiniu 包的环境再上传试试'],
        ['customer', '[图片][图片]重装了也没用，跟 flask 有关系么？'],
        ['agent', '上传前删除 qn-regions-cache.json 缓存文件'],
      ]),
    ];
    const draft = draftReply(hits, ['上传', '重装', '缓存']);
    assert.ok(draft);
    assert.doesNotMatch(draft.text, /重装/);
    assert.match(draft.text, /删除 qn-regions-cache\.json 缓存文件/);
  });

  test('rejection after a screenshot counts', () => {
    const hits = [
      hit('Q1', [
        ['agent', '清除浏览器缓存后再访问图片'],
        ['customer', '[图片]'],
        ['customer', '清了缓存还是不行'],
        ['agent', '图片打不开需要把域名覆盖范围改为全球'],
      ]),
    ];
    const draft = draftReply(hits, ['图片', '缓存', '域名']);
    assert.ok(draft);
    assert.doesNotMatch(draft.text, /清除浏览器缓存/);
    assert.match(draft.text, /覆盖范围改为全球/);
  });

  test('reply to a question rejects nothing', () => {
    // "Clear the cache first; do you mean preview in the console?" → "No, in an HTML page".
    const hits = [
      hit('Q1', [
        ['agent', '建议先清除浏览器缓存，您说的预览是指在控制台吗？'],
        ['customer', '不是 就是嵌入html里面播放这种'],
        ['agent', 'html 里播放视频需要在空间设置里配置跨域'],
      ]),
    ];
    const draft = draftReply(hits, ['缓存', '播放', '跨域']);
    assert.ok(draft);
    assert.match(draft.text, /建议先清除浏览器缓存/);
    assert.match(draft.text, /配置跨域/);
  });

  test('problem that outlived the advice rejects it', () => {
    const hits = [
      hit('Q1', [
        ['agent', '可以删除任务 再次创建'],
        ['customer', '删除了重新创建，还是一直进行中'],
        ['agent', '文件名前缀不要以斜杠开头，修改前缀后重新创建任务'],
      ]),
    ];
    const draft = draftReply(hits, ['任务', '创建', '进行中', '前缀']);
    assert.ok(draft);
    assert.doesNotMatch(draft.text, /删除任务/);
    assert.match(draft.text, /文件名前缀不要以斜杠开头/);
  });

  test('rejection without a later answer keeps it', () => {
    const hits = [
      hit('Q1', [
        ['agent', '清除浏览器缓存后再访问图片'],
        ['customer', '还是不行'],
      ]),
    ];
    const draft = draftReply(hits, ['图片', '缓存']);
    assert.ok(draft);
    assert.match(draft.text, /清除浏览器缓存后再访问图片/);
  });

  test('added information keeps the earlier answer', () => {
    // "Change the coverage to global" → "OK" → "Adding: overseas traffic is billed separately".
    const hits = [
      hit('Q1', [
        ['agent', '海外访问需要将域名覆盖范围修改为全球'],
        ['customer', '好的，我改一下'],
        ['agent', '补充一下：海外流量单独计费，覆盖范围修改后需要等待配置下发'],
      ]),
    ];
    const draft = draftReply(hits, ['海外', '覆盖', '范围']);
    assert.ok(draft);
    assert.match(draft.text, /将域名覆盖范围修改为全球/);
    assert.match(draft.text, /海外流量单独计费/);
  });

  test('customer thanks reject nothing', () => {
    const hits = [
      hit('Q1', [
        ['agent', '海外访问需要将域名覆盖范围修改为全球'],
        ['customer', '好的，谢谢，不是很明白计费方式'],
        ['agent', '海外流量按海外区域单价计费'],
      ]),
    ];
    const draft = draftReply(hits, ['海外', '覆盖', '计费']);
    assert.ok(draft);
    assert.match(draft.text, /将域名覆盖范围修改为全球/);
  });

  test('restating marker replaces the answer', () => {
    const hits = [
      hit('Q1', [
        ['agent', '韩国访问请购买亚洲资源包'],
        ['agent', '准确来说，韩国访问请购买亚洲其他资源包'],
      ]),
    ];
    const draft = draftReply(hits, ['韩国', '资源包']);
    assert.ok(draft);
    assert.doesNotMatch(draft.text, /准确来说|购买亚洲资源包/);
    assert.match(draft.text, /韩国访问请购买亚洲其他资源包/);
  });
});

describe('draftReply requests', () => {
  test('trailing request verb is dropped', () => {
    const text = draftFor(
      'python sdk 上传报错',
      '可以参考上传 demo ：[URL已脱敏] demo 来测试上传，另外，上传的 token 辛苦提供一下',
    );
    assert.doesNotMatch(text, /token|提供/);
    assert.match(text, /可以参考上传 demo ：【链接】 demo 来测试上传/);
  });

  test('request-only turns are not quoted', () => {
    // Q83: "Give the task id", "How many files are under blog/", "Delete the task and create it again".
    const hits = [
      hit('Q83', [
        ['customer', '跨区域同步 一直进行中'],
        ['agent', '任务id提供一下'],
        ['agent', 'blog/——这个目录下有多少文件'],
        ['agent', '同步任务可以删除任务 再次创建'],
      ]),
    ];
    const draft = draftReply(hits, ['同步', '任务', '目录', '文件']);
    assert.ok(draft);
    assert.doesNotMatch(draft.text, /任务id|多少文件/);
    assert.match(draft.text, /可以删除任务 再次创建/);
  });

  test('leading request and its continuation drop', () => {
    const text = draftFor(
      '部分用户图片打不开',
      '1、麻烦提供下用户的 ip、dns 信息，和cdn节点信息，2、建议让用户使用 chrome 浏览器获取请求头信息',
    );
    assert.doesNotMatch(text, /麻烦提供|cdn节点信息/);
    assert.match(text, /2、建议让用户使用 chrome 浏览器获取请求头信息/);
  });

  test('handing over an id is dropped', () => {
    // "Give me your package order number; refunds are reviewed by the account manager".
    const text = draftFor(
      '资源包退款',
      '您这边将您的资源包订单号给一下，资源包退款需要商务经理在工作日审核',
    );
    assert.doesNotMatch(text, /订单号给一下/);
    assert.match(text, /资源包退款需要商务经理在工作日审核/);
  });

  test('request inside a clause is split off', () => {
    // "You can block the whole subnet; give me the domain".
    const text = draftFor('流量被盗刷', '您这边可以看下拉黑一下整个网段您将域名给一下，这边看下');
    assert.doesNotMatch(text, /域名给一下/);
    assert.match(text, /您这边可以看下拉黑一下整个网段/);
  });

  test('remote access request is dropped', () => {
    const hits = [
      hit('Q67', [
        ['agent', '辛苦给个授权，这边远程连接看下是否可以的'],
        ['agent', '远程桌面连接失败时请先用VNC登录检查RDP服务'],
      ]),
    ];
    const draft = draftReply(hits, ['远程', '桌面', '连接']);
    assert.ok(draft);
    assert.doesNotMatch(draft.text, /授权|这边远程连接/);
    assert.match(draft.text, /请先用VNC登录检查RDP服务/);
  });

  test('password request is dropped', () => {
    const text = draftFor('VNC 黑屏', 'VNC的登录密码方便提供下么，VNC黑屏时可以在控制台重启实例');
    assert.doesNotMatch(text, /方便提供/);
    assert.match(text, /VNC黑屏时可以在控制台重启实例/);
  });

  test('advice mentioning provide is kept', () => {
    const text = draftFor(
      '流量被盗刷',
      '建议您在控制台开启IP黑名单，可以在日志分析提供的TOP IP里找到攻击来源',
    );
    assert.match(text, /建议您在控制台开启IP黑名单/);
    assert.match(text, /可以在日志分析提供的TOP IP里找到攻击来源/);
  });

  test('procedure with a channel keeps requests', () => {
    // An appeal by e-mail lists what every customer sends.
    const text = draftFor(
      '手机号停用了怎么修改',
      '可以通过人工申诉修改，将材料发送邮件到 [REDACTED_EMAIL]，请提供注册邮箱、修改原因',
    );
    assert.match(text, /发送邮件到 【邮箱】/);
    assert.match(text, /请提供注册邮箱、修改原因/);
  });

  test('either-or question loses both halves', () => {
    const text = draftFor(
      '远程桌面连不上',
      '您可以再确认下要重启实例才可以连接上，还是重启vps服务才可以连接上吗，协助我们判断是实例的问题还是vps的问题如果网络正常且安全组无其他设置，不应该连接不上的哈',
    );
    assert.doesNotMatch(text, /确认下|还是|协助我们/);
    assert.match(text, /如果网络正常且安全组无其他设置，不应该连接不上的哈/);
  });

  test('question before a screenshot is dropped', () => {
    const hits = [
      hit('Q67', [
        ['agent', '这边测试看vnc远程连接，是这个界面，您看符合预期吗[图片]'],
        ['agent', '远程连接失败时请先用VNC登录检查RDP服务'],
      ]),
    ];
    const draft = draftReply(hits, ['vnc', '远程', '连接']);
    assert.ok(draft);
    assert.doesNotMatch(draft.text, /符合预期/);
  });

  test('security group report is dropped', () => {
    // Q67: what the agent saw in the earlier customer's security group.
    const text = draftFor(
      '远程桌面连不上',
      '安全组也放开了22端口实例id：i-uf6i392ncxf86x4y4ezx，Windows远程桌面需要放开3389端口',
    );
    assert.doesNotMatch(text, /22端口|实例ID/);
    assert.match(text, /Windows远程桌面需要放开3389端口/);
  });
});

describe('draftReply fix steps', () => {
  test('answered case backs fix steps', () => {
    // Q44's only agent turn reports the earlier customer's result, so no turn is quoted.
    const hits = [
      hit('Q44', [
        ['customer', '手机恢复出厂设置丢失二步验证码望解除'],
        ['agent', '这边已经为您关闭了，您再重新登录一下'],
      ]),
    ];
    const draft = draftReply(hits, ['二步', '验证码'], {
      fixSteps: ['后台关闭两步验证后重新登录'],
    });
    assert.ok(draft);
    assert.match(draft.text, /1\. 后台关闭两步验证后重新登录/);
    assert.doesNotMatch(draft.text, /已经为您关闭/);
    assert.deepEqual(draft.sources, ['Q44']);
  });

  test('unanswered case backs nothing', () => {
    const hits = [hit('Q56', [['customer', '长时间处于域名检测环节']])];
    const draft = draftReply(hits, ['域名', '检测'], { fixSteps: ['确认CNAME解析已生效'] });
    assert.equal(draft, null);
  });
});

describe('draftReply relevance', () => {
  const best = hit('Q1', [['agent', '账号注销需要先删除所有资源']]);

  test('single characters make no turn relevant', () => {
    // 掉 of "注销掉" is inside 停用掉 in an unrelated answer.
    const other = hit('Q2', [['agent', '这个域名先给下线停用掉']], { score: 0.8 });
    const draft = draftReply([best, other], ['账号', '注销', '掉']);
    assert.ok(draft);
    assert.deepEqual(draft.sources, ['Q1']);
  });

  test('rare terms outweigh common ones', () => {
    const other = hit('Q2', [['agent', '您在控制台操作即可']], { score: 0.8 });
    const terms = ['注销', '操作'];
    const common = new Map([
      ['注销', 4],
      ['操作', 0.2],
    ]);
    assert.deepEqual(draftReply([best, other], terms)?.sources, ['Q1', 'Q2']);
    assert.deepEqual(draftReply([best, other], terms, { termWeights: common })?.sources, ['Q1']);
  });

  test('confident other product is not quoted', () => {
    const cdn = [hit('Q2', [['agent', '账号注销请在控制台操作']])];
    const confident = { product: { name: '账户与财务', confidence: 0.9 } };
    const unsure = { product: { name: '账户与财务', confidence: 0.5 } };
    assert.equal(draftReply(cdn, ['账号', '注销'], confident), null);
    assert.deepEqual(draftReply(cdn, ['账号', '注销'], unsure)?.sources, ['Q2']);
  });

  test('case of another cause is not quoted', () => {
    const other = hit('Q2', [['agent', '账号注销请在控制台操作']], { rootCauseCode: 'cdn.x' });
    assert.equal(draftReply([other], ['账号', '注销'], { rootCauseCode: 'account.y' }), null);
  });

  test('weak same-cause case backs fix steps', () => {
    const hits = [
      hit('Q2', [['agent', '请参考文档']], { score: 0.6, rootCauseCode: 'cdn.x' }),
      hit('Q3', [['agent', '先下线再删除域名']], { score: 0.1, rootCauseCode: 'account.y' }),
    ];
    const draft = draftReply(hits, ['解绑'], {
      rootCauseCode: 'account.y',
      fixSteps: ['停用域名', '删除域名'],
    });
    assert.ok(draft);
    assert.deepEqual(draft.sources, ['Q3']);
    assert.match(draft.text, /1\. 停用域名/);
  });
});

describe('draftReply text', () => {
  test('joined greeting ends the sentence', () => {
    const text = draftFor('证书申请', '重新申请证书即可的您好，证书申请步骤如下');
    assert.equal(text.match(/您好/g)?.length, 1);
    assert.match(text, /重新申请证书即可的。证书申请步骤如下/);
  });

  test('first-person status report is dropped', () => {
    // A helpdesk reply to another customer: "we checked in the back end, the HTTPS task is stuck".
    const text = draftFor(
      '证书更换 生效',
      '证书更换后需要下发到全部边缘节点，一般10分钟内生效。我们已在后台查看，static 域名的 HTTPS 配置任务卡住了',
    );
    assert.match(text, /一般10分钟内生效/);
    assert.doesNotMatch(text, /后台查看|卡住/);
    const advice = draftFor('同步任务 失败', '如果同步任务失败了，可以删除任务后重新创建');
    assert.match(advice, /如果同步任务失败了，可以删除任务后重新创建/);
  });

  test('earlier order outcome and token are left out', () => {
    // Q88's turns: the validation values pasted for that customer, then its order's outcome.
    const validation = [
      '您需要做一下如下内容的文件验证，参考文档：[URL已脱敏]',
      '验证文件值\t5C6E0F693995CD8569E4EFC017FA5CFAF9F844817A8EF80FC3F257506B410B1D',
      'cmcdt3wtuqqvb1',
    ].join('\n');
    const outcome = '内部排查看您的订单已超时取消，需要的话重新下单，并及时完成域名验证';
    const draft = draftReply(
      [
        hit('Q88', [
          ['customer', 'SSL证书验证不通过'],
          ['agent', validation],
          ['agent', outcome],
        ]),
      ],
      ['证书', '验证', '订单'],
    );
    assert.ok(draft);
    assert.doesNotMatch(draft.text, /超时取消|内部排查/);
    assert.doesNotMatch(draft.text, /cmcdt3wtuqqvb1/);
    assert.match(draft.text, /【验证值】/);
    assert.match(draft.text, /需要的话重新下单/);
  });

  test('greeting clause is dropped', () => {
    const text = draftFor('证书申请', '证书已签发。您好，证书申请步骤如下');
    assert.equal(text.match(/您好/g)?.length, 1);
  });

  test('code sample is quoted whole', () => {
    const code = [
      '可以参考下载凭证的 php 代码：',
      '$auth = new Auth($accessKey, $secretKey);',
      "$baseUrl = 'http://example.com/private.mp4';",
      '// 私有空间的下载地址需要签名，一小时后过期，过期后需要重新生成一个新的签名地址',
      "$accessKey = getenv('QINIU_ACCESS_KEY'); // 从环境变量读取密钥，不要写在代码里",
      "$secretKey = getenv('QINIU_SECRET_KEY');",
      '$signedUrl = $auth->privateDownloadUrl($baseUrl, 3600);',
      'echo $signedUrl;',
    ].join('\n');
    assert.ok(code.length > 240);
    const text = draftFor('下载凭证 php', code);
    assert.match(text, /privateDownloadUrl\(\$baseUrl, 3600\)/);
    assert.match(text, /echo \$signedUrl;/);
  });
});

describe('draftReply confirmed answers', () => {
  const question = 'python sdk 上传第二个文件报文件已存在';
  const turns: Array<[Role, string]> = [
    ['customer', question],
    ['agent', '可以参考上传 demo 来测试上传'],
    ['customer', '代码跟 demo 差不多，还是报文件已存在'],
    ['agent', '先退回 7.13.2 版本试试，7.14.0 的新功能有问题'],
    ['customer', '好吧。。。'],
    ['customer', '回退后目前看是正常了'],
  ];

  test('confirmed fix is quoted first', () => {
    const draft = draftReply([hit('Q1', turns)], [...new Set(tokenize(question))]);
    assert.ok(draft);
    assert.match(draft.text, /^您好，先退回 7\.13\.2 版本/);
  });

  test("customer's own step confirms nothing", () => {
    // "I have finished topping up" ends with 好了 inside its clause, not at the clause's end.
    const own = turns.slice(0, 4).concat([['customer', '现在充好了钱，麻烦开通一下']]);
    const draft = draftReply([hit('Q1', own)], [...new Set(tokenize(question))]);
    assert.ok(draft);
    assert.doesNotMatch(draft.text, /退回/);
  });

  test('question confirms nothing', () => {
    const unsure = turns.slice(0, 4).concat([['customer', '这样是不是就可以了？']]);
    const draft = draftReply([hit('Q1', unsure)], [...new Set(tokenize(question))]);
    assert.ok(draft);
    assert.doesNotMatch(draft.text, /退回/);
  });
});
