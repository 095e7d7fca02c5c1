import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { assertKeeps, assertRedacts, redacted } from './helpers.js';

describe('names after a job title', () => {
  it('takes the name and keeps the title', () => {
    const cases: Array<[string, string]> = [
      ['今晚值班工程师张伟已经处理', '今晚值班工程师[NAME_1]已经处理'],
      ['客户经理 欧阳娜娜会联系您', '客户经理 [NAME_1]会联系您'],
      ['技术支持王芳说需要重启', '技术支持[NAME_1]说需要重启'],
      ['销售经理李明', '销售经理[NAME_1]'],
      ['已转交值班工程师张伟处理', '已转交值班工程师[NAME_1]处理'],
      ['同事刘洋反馈', '同事[NAME_1]反馈'],
      ['联系人：张伟跟进', '联系人：[NAME_1]跟进'],
      ['值班工程师：覃小龙', '值班工程师：[NAME_1]'],
      ['值班工程师: 覃小龙，电话', '值班工程师: [NAME_1]，电话'],
      ['值班工程师：张伟处理', '值班工程师：[NAME_1]处理'],
      ['客户张伟反馈说打不开', '客户[NAME_1]反馈说打不开'],
    ];
    for (const [text, expected] of cases) assert.equal(redacted(text), expected, text);
  });

  it('keeps ordinary words after a title', () => {
    const texts = [
      '我们工程师高度重视这个问题',
      '客服马上回复您',
      '工程师会尽快处理',
      '运维同事周末处理',
      '工程师查看了日志',
      '技术支持团队',
      '客服陈述的情况',
      '工程师王',
      '客服：莫名其妙',
      '客服：高兴为您服务',
      '工程师：马上处理',
      '客服：周末也可以',
      '值班工程师：',
      '客户方反馈说打不开',
      '客户端报错',
      '客户都说慢',
      '客户那边',
    ];
    for (const text of texts) assert.equal(redacted(text), text);
  });
});

describe('pinyin names after a job title', () => {
  it('takes one word or two', () => {
    assert.equal(redacted('我同事 tangliwei 的账号也被停了'), '我同事 [NAME_1] 的账号也被停了');
    assert.equal(redacted('客户 Tang Liwei 反馈'), '客户 [NAME_1] 反馈');
    assert.equal(redacted('老板 ouyangna 说'), '老板 [NAME_1] 说');
  });

  it('keeps tools, brands and a lone surname', () => {
    const texts = ['运维 nginx 配置', '客户 huawei 手机打不开', '客服 ID 是多少', '客户 Zhang 说'];
    for (const text of texts) assert.equal(redacted(text), text);
  });
});

describe('names after 叫 and 转告', () => {
  it('takes the name after 叫', () => {
    assert.equal(
      redacted('他叫张伟，她叫李娜，我老婆叫陈静'),
      '他叫[NAME_1]，她叫[NAME_2]，我老婆叫[NAME_3]',
    );
    assert.equal(redacted('请转告欧阳娜娜回个电话'), '请转告[NAME_1]回个电话');
  });

  it('keeps questions and ordinary words', () => {
    for (const text of ['他叫什么来着', '请转告一下技术', '她叫我等一下']) {
      assert.equal(redacted(text), text);
    }
  });
});

describe('names after a self-introduction and a team', () => {
  it('takes the name after the team', () => {
    assertRedacts([
      ['我是财务部的黄丽娟，发票麻烦尽快开', '我是财务部的[NAME_1]，发票麻烦尽快开'],
      ['我是运维部的张伟', '我是运维部的[NAME_1]'],
    ]);
  });

  it('keeps roles and run-on words', () => {
    assertKeeps([
      '我是七牛的老用户了',
      '我是公司的财务，想开发票',
      '我是这边的技术负责人',
      '我是刚注册的用户',
    ]);
  });
});

describe('Latin names after a label', () => {
  it('takes two or three capitalised words', () => {
    const cases: Array<[string, string]> = [
      ['联系人：Tom Chen', '联系人：[NAME_1]'],
      ['联系人: Tom Chen，电话', '联系人: [NAME_1]，电话'],
      ['姓名：Li Ming.', '姓名：[NAME_1].'],
      ['收件人：Mary Jane Watson', '收件人：[NAME_1]'],
      ['{"contactName": "Zhang Wei", "id": 1}', '{"contactName": "[NAME_1]", "id": 1}'],
      ["realName: 'Tom Chen'", "realName: '[NAME_1]'"],
      ['他叫Lily，是运维', '他叫[NAME_1]，是运维'],
      ['我叫 Tony Wang', '我叫 [NAME_1]'],
    ];
    for (const [text, expected] of cases) assert.equal(redacted(text), expected, text);
  });

  it('takes a pinyin name after a generic label', () => {
    const cases: Array<[string, string]> = [
      ['name: Zhang Wei', 'name: [NAME_1]'],
      ['{"name": "Li Na", "bucket": "photos"}', '{"name": "[NAME_1]", "bucket": "photos"}'],
      ['Name: Xiaoming Li', 'Name: [NAME_1]'],
      ['contactName: Zhang Wei', 'contactName: [NAME_1]'],
    ];
    for (const [text, expected] of cases) assert.equal(redacted(text), expected, text);
  });

  it('takes a pinyin name after author', () => {
    assert.equal(redacted('# author: Zhao Mingyu'), '# author: [NAME_1]');
    assert.equal(redacted('Author: Test User'), 'Author: Test User');
  });

  it('takes a name after 法人代表', () => {
    assert.equal(redacted('法人代表：赵德明，电话找他'), '法人代表：[NAME_1]，电话找他');
    assert.equal(redacted('法人代表是赵德明'), '法人代表是[NAME_1]');
  });

  it('takes English given name and surname', () => {
    const cases: Array<[string, string]> = [
      ['Contact: Tom Chen, mobile', 'Contact: [NAME_1], mobile'],
      ['Name: Lily Wang', 'Name: [NAME_1]'],
      ['contactName: Tom Chen', 'contactName: [NAME_1]'],
      ['Contact: Tom Smith', 'Contact: [NAME_1]'],
      ['Hi Mary Johnson，账单有问题', 'Hi [NAME_1]，账单有问题'],
    ];
    for (const [text, expected] of cases) assert.equal(redacted(text), expected, text);
  });

  it('keeps other words after a generic label', () => {
    const texts = [
      'bucket name: Gao De',
      'file_name: Li Na',
      'name: Test User',
      'name: My Bucket',
      'contactName: String Value',
      'name: Bucket Li',
      'contact: Support Team',
    ];
    for (const text of texts) assert.equal(redacted(text), text);
  });

  it('takes a name-like greeting target', () => {
    assert.equal(redacted('Hi Tom Chen, 我们的空间 403 了'), 'Hi [NAME_1], 我们的空间 403 了');
    assert.equal(redacted('Dear Mary Wang,'), 'Dear [NAME_1],');
    assert.equal(redacted('Hello World 程序跑不通'), 'Hello World 程序跑不通');
    assert.equal(redacted('hi Support Team'), 'hi Support Team');
  });

  it('takes a listed given name before a pinyin surname without a label', () => {
    assert.equal(redacted('这个问题请联系 Mary Wang 处理'), '这个问题请联系 [NAME_1] 处理');
    assert.equal(redacted('我们运维Kevin Zhou说回源失败'), '我们运维[NAME_1]说回源失败');
    assert.equal(redacted('我是 Tom Chen'), '我是 [NAME_1]');
    assert.equal(redacted('primaryContactName = "Tom Chen"'), 'primaryContactName = "[NAME_1]"');
    const texts = [
      '请转给 Tom Smith 看下',
      'Li Ning 的官网图片加载慢',
      'Apple Pay 支付失败',
      'Mary Wang.png 上传失败',
      'MaryWang 的桶',
    ];
    for (const text of texts) assert.equal(redacted(text), text);
  });

  it('replaces a known given name', () => {
    assert.equal(
      redacted('Contact: Tom Chen。后来 Tom 说 Tomcat 报错'),
      'Contact: [NAME_1]。后来 [NAME_2] 说 Tomcat 报错',
    );
    assert.equal(redacted('联系人：Zhang Wei，Zhang 说的'), '联系人：[NAME_1]，Zhang 说的');
  });

  it('replaces a known Latin name only as a word', () => {
    assert.equal(
      redacted('他叫Mark。Markdown 打不开，Mark 说的'),
      '他叫[NAME_1]。Markdown 打不开，[NAME_1] 说的',
    );
  });

  it('keeps a word after 我是', () => {
    assert.equal(redacted('我是 Android 开发'), '我是 Android 开发');
  });

  it('keeps roles, products and code', () => {
    const texts = [
      '联系人：Admin',
      '联系人：Tom',
      '负责人：Nginx',
      '空间的名字是Photos',
      '白名单：1.1.1.1\n黑名单：无\n单价：0.1元',
      '单价：按量计费\n车主：已经过户',
      '联系人：admin',
      '联系人：Support Team',
      '负责人：Technical Support',
      '对接人：Qiniu Kodo',
      '联系人：Mary Jane Watson Parker',
      '开户名：Shanghai Qiniu',
      '联系人：Tom.Chen',
      'contactName: String',
    ];
    for (const text of texts) assert.equal(redacted(text), text);
  });
});

describe('Latin names after a title', () => {
  it('takes two or three words', () => {
    assertRedacts([
      ['联系人 Mr. Zhang Wei', '联系人 Mr. [NAME_1]'],
      ['Mrs. Li Na 的账号', 'Mrs. [NAME_1] 的账号'],
      ['Dear Ms. Wang Xiu Ying,', 'Dear Ms. [NAME_1],'],
      ['找 Dr. Chen Jie 确认', '找 Dr. [NAME_1] 确认'],
      ['Miss Zhou Min 来电', 'Miss [NAME_1] 来电'],
      ['Mr Zhang Wei 和 Mr.Liu Yang', 'Mr [NAME_1] 和 Mr.[NAME_2]'],
    ]);
  });

  it('keeps one word and products', () => {
    assertKeeps([
      'Mr. Bean 的电影',
      'Mr. Zhang 说过',
      'Dr. Web Security Space',
      'Mr. Admin User',
      'Mr. Zhang Wei Li Na',
      'HMr. Zhang Wei',
      'Mr. zhang wei',
    ]);
  });
});

describe('names with honorifics', () => {
  it('keeps the honorific outside', () => {
    const cases: Array<[string, string]> = [
      ['王先生您好', '[NAME_1]先生您好'],
      ['李女士，', '[NAME_1]女士，'],
      ['张经理说', '[NAME_1]经理说'],
      ['刘总您好', '[NAME_1]总您好'],
      ['陈老师好', '[NAME_1]老师好'],
      ['欧阳女士', '[NAME_1]女士'],
    ];
    for (const [text, expected] of cases) assert.equal(redacted(text), expected, text);
  });

  it('takes a three-character name before an honorific', () => {
    const cases: Array<[string, string]> = [
      ['李秀英女士', '[NAME_1]女士'],
      ['我们财务 刘建国先生 的座机', '我们财务 [NAME_1]先生 的座机'],
      ['财务李秀英女士', '财务[NAME_1]女士'],
      ['欧阳娜娜女士', '[NAME_1]女士'],
      ['李秀英经理', '[NAME_1]经理'],
      ['告诉张伟先生', '告诉[NAME_1]先生'],
      ['向张三先生', '向[NAME_1]先生'],
      ['麻烦王先生', '麻烦[NAME_1]先生'],
      ['请联系欧阳娜娜女士', '请联系[NAME_1]女士'],
    ];
    for (const [input, output] of cases) assert.equal(redacted(input), output, input);
  });

  it('takes names after payment and account labels', () => {
    assert.equal(redacted('收款人：张伟'), '收款人：[NAME_1]');
    assert.equal(redacted('账户名称：王小二'), '账户名称：[NAME_1]');
    assert.equal(redacted('认证人：司马懿'), '认证人：[NAME_1]');
  });

  it('takes a name before bracketed contact data', () => {
    assert.equal(redacted('张伟(13800138000)'), '[NAME_1]([PHONE_1])');
    assert.equal(redacted('张伟 <zhangwei@example.com>'), '[NAME_1] <[EMAIL_1]>');
  });

  it('keeps a bracketed remark after contact data', () => {
    assert.equal(redacted('13800138000（工作日）'), '[PHONE_1]（工作日）');
  });

  it('takes a full name before 先生', () => {
    assert.equal(redacted('，张伟先生'), '，[NAME_1]先生');
  });

  it('keeps titles after ordinary words', () => {
    const texts = [
      '商务经理',
      '项目经理',
      '总经理',
      '谢谢老师',
      '各位老师',
      '首先生成',
      '完成总计',
      '员工',
    ];
    for (const text of texts) assert.equal(redacted(text), text);
  });

  it('numbers the same surname once', () => {
    assert.equal(redacted('王先生，王先生'), '[NAME_1]先生，[NAME_1]先生');
  });
});

describe('names beside contact data', () => {
  it('finds a name after a number', () => {
    assert.equal(redacted('13800138000 张三'), '[PHONE_1] [NAME_1]');
  });

  it('finds a name before a number', () => {
    assert.equal(redacted('张三13800138000'), '[NAME_1][PHONE_1]');
    assert.equal(redacted('请联系王小明13800138000'), '请联系[NAME_1][PHONE_1]');
  });

  it('finds names beside legacy placeholders', () => {
    assert.equal(redacted('[REDACTED_PHONE]左先生'), '[REDACTED_PHONE][NAME_1]先生');
    assert.equal(
      redacted('[REDACTED_PHONE] 杨楠麻烦联系我'),
      '[REDACTED_PHONE] [NAME_1]麻烦联系我',
    );
  });

  it('finds a name after a label', () => {
    assert.equal(redacted('联系人：张三，电话'), '联系人：[NAME_1]，电话');
    assert.equal(redacted('收件人张三丰的地址'), '收件人[NAME_1]的地址');
  });

  it('keeps words that look like names', () => {
    const texts = [
      '13800138000 方便的话回电',
      '13800138000 谢谢',
      '联系方式13800138000',
      '公司座机010-62345678',
      '我是程序员',
    ];
    for (const text of texts) assert.equal(redacted(text).includes('NAME'), false, text);
  });
});

describe('signature lines and greetings', () => {
  it('takes a name before a job title', () => {
    assert.equal(
      redacted('谢谢！\n\n周洁 | 运维工程师\n手机：(+86)187-0211-3344'),
      '谢谢！\n\n[NAME_1] | 运维工程师\n手机：[PHONE_1]',
    );
    assert.equal(redacted('张伟 / 技术经理'), '[NAME_1] / 技术经理');
  });

  it('takes a greeted full name', () => {
    assert.equal(redacted('您好 王建国，已收到'), '您好 [NAME_1]，已收到');
    assert.equal(redacted('你好，李娜！'), '你好，[NAME_1]！');
  });

  it('keeps greetings and rows without names', () => {
    const texts = [
      '单价 | 计费方式',
      '王者 | 运维',
      '您好，关于账单',
      '您好，高手，',
      '您好 客服，',
      '您好，时间。',
      '您好，周末。',
    ];
    for (const text of texts) assert.equal(redacted(text), text);
  });
});

describe('speaker labels', () => {
  it('replaces names that label chat lines', () => {
    assert.equal(
      redacted('张伟：上传报错579\n李娜：收到\n张伟：好的'),
      '[NAME_1]：上传报错579\n[NAME_2]：收到\n[NAME_1]：好的',
    );
  });

  it('reads a time before the label', () => {
    assert.equal(
      redacted('[10:32] 欧阳娜娜: 在处理\n[10:33] 王磊: 我查一下'),
      '[10:32] [NAME_1]: 在处理\n[10:33] [NAME_2]: 我查一下',
    );
  });

  it('replaces senders of an exported chat', () => {
    assert.equal(
      redacted('张伟 2024-03-05 10:32:01\n证书还没下来\n李娜 2024-03-05 10:33:12\n我查一下'),
      '[NAME_1] 2024-03-05 10:32:01\n证书还没下来\n[NAME_2] 2024-03-05 10:33:12\n我查一下',
    );
  });

  it('keeps a single labelled line', () => {
    assert.equal(redacted('王磊：这是标题'), '王磊：这是标题');
  });

  it('keeps labels that are words', () => {
    const text = '原因：源站配置错误\n方案：修改回源地址\n客服：您好';
    assert.equal(redacted(text), text);
  });
});

describe('WeChat and QQ ids', () => {
  it('finds ids after context words', () => {
    assert.equal(redacted('我的微信：zongsir1413'), '我的微信：[WECHAT_1]');
    assert.equal(redacted('vx: lily2024'), 'vx: [WECHAT_1]');
    assert.equal(redacted('QQ号：123456789'), 'QQ号：[QQ_1]');
    assert.equal(redacted('qq 1234567'), 'qq [QQ_1]');
  });

  it('finds ids after an invite', () => {
    assertRedacts([
      ['加微 liuyang_1990', '加微 [WECHAT_1]'],
      ['加V liuyang_1990', '加V [WECHAT_1]'],
      ['加v：liuyang', '加v：[WECHAT_1]'],
      ['薇信 liuyang_1990', '薇信 [WECHAT_1]'],
      ['加我微信 liuyang_1990', '加我微信 [WECHAT_1]'],
    ]);
  });

  it('keeps longer words after an invite', () => {
    assertRedacts([
      ['加微信 liuyang_1990', '加微信 [WECHAT_1]'],
      ['加V信 liuyang_1990', '加V信 [WECHAT_1]'],
      ['加vx liuyang_1990', '加vx [WECHAT_1]'],
    ]);
    assertKeeps(['增加微服务 abc_123', '加微博 abc_123', '加VIP user_01', '加微 liuyang']);
  });

  it('finds internal WeChat ids', () => {
    assert.equal(redacted('wxid_abc123def456'), '[WECHAT_1]');
  });

  it('ignores context inside compounds', () => {
    for (const text of ['微信浏览器打不开', 'wxPay abc123', 'QQ邮箱', '微信 support']) {
      assert.equal(redacted(text), text);
    }
  });

  it('leaves QQ mail to e-mail', () => {
    assert.equal(redacted('QQ 123456@qq.com'), 'QQ [EMAIL_1]');
  });
});
