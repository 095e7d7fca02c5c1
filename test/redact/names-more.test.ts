import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { Redactor } from '../../src/redact/index.js';
import { assertKeeps, assertRedacts, redacted } from './helpers.js';

describe('names beside contact data', () => {
  it('keeps the tail of a word before contact data', () => {
    assertRedacts([
      ['或者退到支付宝 zhaomin2020@126.com', '或者退到支付宝 [EMAIL_1]'],
      ['支付宝：13800138000', '支付宝：[PHONE_1]'],
      ['绑定的支付宝13800138000', '绑定的支付宝[PHONE_1]'],
      ['王者荣耀 13912345678', '王者荣耀 [PHONE_1]'],
      ['我用的是荣耀 13800138000', '我用的是荣耀 [PHONE_1]'],
      ['退款到付款账户 13800138000', '退款到付款账户 [PHONE_1]'],
    ]);
  });

  it('takes a name after a label or a word before contact data', () => {
    assertRedacts([
      ['请联系王小明13800138000', '请联系[NAME_1][PHONE_1]'],
      ['联系人是杜鹏，13800138000', '联系人是[NAME_1]，[PHONE_1]'],
      ['客户王小明13800138000', '客户[NAME_1][PHONE_1]'],
      ['找张伟 13800138000', '找[NAME_1] [PHONE_1]'],
      ['张三和李四 13900139000', '张三和[NAME_1] [PHONE_1]'],
      ['请联系欧阳娜娜 13800138000', '请联系[NAME_1] [PHONE_1]'],
      ['，张伟 13800138000', '，[NAME_1] [PHONE_1]'],
    ]);
  });

  it('keeps words after contact data', () => {
    assertRedacts([
      ['13800138000 高频发送被限制', '[PHONE_1] 高频发送被限制'],
      ['13700012345 高并发压测', '[PHONE_1] 高并发压测'],
      ['13800138000 解绑失败', '[PHONE_1] 解绑失败'],
      ['13800138000 荣耀手机收不到', '[PHONE_1] 荣耀手机收不到'],
      ['微信：lily_2024 甘肃，宁夏', '微信：[WECHAT_1] 甘肃，宁夏'],
    ]);
  });

  it('leaves out a given name character that starts the next word', () => {
    assertRedacts([
      ['[REDACTED_PHONE] 杨楠资源包扣完了', '[REDACTED_PHONE] [NAME_1]资源包扣完了'],
      ['13800138000 刘洋建议您先重启', '[PHONE_1] [NAME_1]建议您先重启'],
    ]);
  });

  it('keeps a two-character given name before a name ending', () => {
    assertRedacts([
      ['13800138000 王小明说的', '[PHONE_1] [NAME_1]说的'],
      ['13800138000 王小明处理', '[PHONE_1] [NAME_1]处理'],
      ['13800138000 李秀英主任', '[PHONE_1] [NAME_1]主任'],
      ['13800138000 王小明', '[PHONE_1] [NAME_1]'],
    ]);
  });
});

describe('name labels', () => {
  it('takes names after invoice and signature labels', () => {
    assertRedacts([
      ['开票人：冯雪', '开票人：[NAME_1]'],
      ['署名：张伟', '署名：[NAME_1]'],
      ['落款：李娜', '落款：[NAME_1]'],
      ['签字人：王秀英', '签字人：[NAME_1]'],
    ]);
  });

  it('keeps words after signature labels', () => {
    assertKeeps(['署名方式：个人', '落款时间：2024-12-05', '开票人信息不全', '署名单位']);
  });

  it('reads 一下 after a verb label', () => {
    assertRedacts([
      ['麻烦转告一下黄晓明', '麻烦转告一下[NAME_1]'],
      ['转告一下 王总', '转告一下 [NAME_1]总'],
    ]);
  });

  it('takes the name after 我姓X，叫', () => {
    assertRedacts([
      ['我姓王，叫王小明', '我姓王，叫[NAME_1]'],
      ['我姓王叫王小明。', '我姓王叫[NAME_1]。'],
      ['我姓欧阳，叫欧阳娜娜', '我姓欧阳，叫[NAME_1]'],
    ]);
  });
});

describe('mentions', () => {
  it('takes a full name after an @', () => {
    assertRedacts([
      ['@张无忌 请看一下', '@[NAME_1] 请看一下'],
      ['@李娜 你好', '@[NAME_1] 你好'],
      ['@韩梅梅，请处理', '@[NAME_1]，请处理'],
      ['邮件抄送 zhang@example.com @王磊', '邮件抄送 [EMAIL_1] @[NAME_1]'],
    ]);
  });

  it('keeps groups, roles and words after an @', () => {
    assertKeeps([
      '@全体成员 注意',
      '@管理员 看下',
      '@高级工程师 看一下',
      '@周报机器人',
      '@王者 ',
      '@高手 在吗',
      '@张伟在吗',
      'a@张三 ',
    ]);
  });
});

describe('sign-offs', () => {
  it('takes a full name after a dash run at a line end', () => {
    assertRedacts([
      ['麻烦尽快处理，谢谢！—— 欧阳锋', '麻烦尽快处理，谢谢！—— [NAME_1]'],
      ['—— 张伟', '—— [NAME_1]'],
      ['回源已经恢复\n—— 张伟\n请再观察', '回源已经恢复\n—— [NAME_1]\n请再观察'],
      ['谢谢 -- 李娜', '谢谢 -- [NAME_1]'],
      ['——王小明', '——[NAME_1]'],
    ]);
  });

  it('takes the name after 此致敬礼', () => {
    assertRedacts([
      ['此致 敬礼！张伟 2024年12月5日', '此致 敬礼！[NAME_1] 2024年12月5日'],
      ['此致\n敬礼！\n李娜', '此致\n敬礼！\n[NAME_1]'],
    ]);
  });

  it('keeps words after dashes', () => {
    assertKeeps([
      '——高速缓存',
      '原因——程序',
      '比如——黄金',
      '—— 七牛云',
      '—— 周报',
      '-- 查询用户',
      '——来自iPhone',
      '—— 张伟说过了',
      '此致敬礼！七牛云',
    ]);
  });
});

describe('bracketed speakers with a team', () => {
  it('takes the name after a team and a hyphen', () => {
    assertRedacts([
      ['【客户-孙丽】你好', '【客户-[NAME_1]】你好'],
      [
        '【七牛客服-周敏】您好，请问有什么可以帮您',
        '【七牛客服-[NAME_1]】您好，请问有什么可以帮您',
      ],
      ['【七牛客服-周敏】请稍等', '【七牛客服-[NAME_1]】请稍等'],
    ]);
  });

  it('keeps teams with places and words', () => {
    assertKeeps(['【华东-宁波】节点', '【公告-周报】本周', '【客户-王者】你好', '【产品-上线】']);
  });
});

describe('mobile numbers in other groups', () => {
  it('finds two or three groups after a phone label', () => {
    assertRedacts([
      ['电话：138 00138000', '电话：[PHONE_1]'],
      ['号码 13800 138000', '号码 [PHONE_1]'],
      ['手机号码 138.0013.8000', '手机号码 [PHONE_1]'],
      ['联系电话 1380-013-8000', '联系电话 [PHONE_1]'],
      ['手机：+86 138 00138000', '手机：[PHONE_1]'],
    ]);
  });

  it('gives a grouped number the placeholder of its plain form', () => {
    assert.equal(
      redacted('电话：138 00138000，也就是13800138000'),
      '电话：[PHONE_1]，也就是[PHONE_1]',
    );
  });

  it('keeps grouped digits without a label or with more groups', () => {
    assertKeeps([
      '共 138 00138000 字节',
      '耗时 13800 138000 微秒',
      '版本号 15.0013.8000',
      '电话：138 0013 8000 5',
      '电话 2024.12.05',
      '手机号 138 00138000 0',
    ]);
  });

  it('keeps an IP address after a phone label', () => {
    assert.equal(redacted('电话 139.196.12.34'), '电话 [IP_1]');
  });
});

describe('mobile numbers in Chinese numerals', () => {
  it('finds eleven numerals after a phone label', () => {
    assertRedacts([
      ['新号码 一三七零零零一二三四五', '新号码 [PHONE_1]'],
      ['电话是幺三八零零幺三八零零零', '电话是[PHONE_1]'],
      ['手机号 壹叁捌零零壹叁捌零零零', '手机号 [PHONE_1]'],
      ['手机 幺三八零零幺三八零零零 张伟', '手机 [PHONE_1] [NAME_1]'],
    ]);
  });

  it('finds numerals in groups', () => {
    assertRedacts([
      ['打我电话吧，一八六 一二三四 五六七八', '打我电话吧，[PHONE_1]'],
      ['电话 一八六-一二三四-五六七八', '电话 [PHONE_1]'],
      ['电话 一 八 六 一 二 三 四 五 六 七 八', '电话 [PHONE_1]'],
    ]);
    assert.equal(
      redacted('电话 一八六 一二三四 五六七八，即18612345678'),
      '电话 [PHONE_1]，即[PHONE_1]',
    );
  });

  it('gives numerals the placeholder of the digits', () => {
    assert.equal(
      redacted('新号码 一三七零零零一二三四五，旧号码13700012345'),
      '新号码 [PHONE_1]，旧号码[PHONE_1]',
    );
    assert.equal(
      redacted('电话是幺三八零零幺三八零零零，手机号 壹叁捌零零壹叁捌零零零'),
      '电话是[PHONE_1]，手机号 [PHONE_1]',
    );
  });

  it('keeps numerals without a label, of another length or after an order label', () => {
    assertKeeps([
      '一三五七九二四六八零一',
      '第一二三步都做了',
      '电话 一三八零零一三八零零零零',
      '电话 一三八零零一三八零零',
      '订单号码 一三八零零一三八零零零',
      '短信验证码 一二三四五六',
      '手机 一二三四五六七八九零一',
      '电话 一三八 零零一三 八零零零零',
      '手机 二八六 一二三四 五六七八',
    ]);
  });
});

describe('e-mail addresses with 艾特', () => {
  it('reads 艾特 as the @', () => {
    assertRedacts([
      ['我的新邮箱是 wangxiuying 艾特 163.com', '我的新邮箱是 [EMAIL_1]'],
      ['邮箱 zhangwei艾特example.com', '邮箱 [EMAIL_1]'],
      ['zhangwei 艾特 example [dot] com', '[EMAIL_1]'],
    ]);
  });

  it('gives 艾特 the placeholder of the @ form', () => {
    assert.equal(
      redacted('新邮箱 wangxiuying 艾特 163.com，旧的是 WangXiuying@163.com'),
      '新邮箱 [EMAIL_1]，旧的是 [EMAIL_1]',
    );
  });

  it('keeps 艾特 as a chat verb and unlisted top-level domains', () => {
    assertKeeps([
      '记得 艾特 我',
      '在群里艾特运维同学',
      'abc 艾特 os.py',
      'zhangwei 艾特example.com',
      'support艾特qiniu.com',
    ]);
  });
});

describe('long inputs', () => {
  it('scans long runs of numerals, dashes and mentions', () => {
    const inputs = [
      '一'.repeat(200_000),
      '电话'.repeat(50_000) + '一三八零零一三八零零零'.repeat(10_000),
      '——'.repeat(100_000) + '张伟',
      '@张'.repeat(100_000),
      '我姓王，叫'.repeat(40_000),
      '艾特'.repeat(100_000),
    ];
    for (const input of inputs) assert.equal(typeof redacted(input), 'string');
  });
});

describe('redaction output', () => {
  it('changes nothing when redacted again', () => {
    const redactor = new Redactor();
    const texts = [
      '手机号 壹叁捌零零壹叁捌零零零 张伟',
      '@张无忌 请看一下\n—— 欧阳锋',
      '我的新邮箱是 wangxiuying 艾特 163.com',
      '电话：138 00138000',
    ];
    for (const text of texts) {
      const once = redactor.redact(text).text;
      assert.equal(redactor.redact(once).text, once, text);
    }
  });
});
