import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { assertKeeps, assertRedacts, redacted } from './helpers.js';

describe('speakers with 说', () => {
  it('takes a full name before 说 and a colon on one line', () => {
    assertRedacts([
      ['张伟说：服务器又挂了', '[NAME_1]说：服务器又挂了'],
      ['张伟说:服务器又挂了', '[NAME_1]说:服务器又挂了'],
      ['欧阳娜娜说：证书续上了', '[NAME_1]说：证书续上了'],
      ['王小明 说：好的', '[NAME_1] 说：好的'],
      ['[10:32] 张伟说：重启了吗', '[10:32] [NAME_1]说：重启了吗'],
      ['群里的消息\n张伟说：服务器又挂了', '群里的消息\n[NAME_1]说：服务器又挂了'],
    ]);
  });

  it('keeps an honorific after the surname outside', () => {
    assertRedacts([
      ['张师傅说：明天上门', '[NAME_1]师傅说：明天上门'],
      ['王总说：下周付款', '[NAME_1]总说：下周付款'],
      ['李经理说：已经审批', '[NAME_1]经理说：已经审批'],
    ]);
  });

  it('makes the other speaker lines of the chat count', () => {
    assert.equal(redacted('张伟说：我先看看\n李娜：好的'), '[NAME_1]说：我先看看\n[NAME_2]：好的');
  });

  it('keeps roles, pronouns and words before 说', () => {
    assertKeeps([
      '客服说：稍等',
      '我说：好的',
      '官方文档说：',
      '文档上说：需要重启',
      '高层说：这个月上线',
      '高管说：下周评审',
      '王者说：不行',
      '周一说：可以',
      '程序说：超时',
      '江苏节点说：正在恢复',
      '技术总监说：下周上线',
      '昨天张伟说的方案',
    ]);
  });
});

describe('bracketed speaker labels', () => {
  it('takes two different bracketed names before greetings', () => {
    assertRedacts([
      [
        '【张伟】你好，请问怎么配置\n【李娜】您好',
        '【[NAME_1]】你好，请问怎么配置\n【[NAME_2]】您好',
      ],
      ['[张伟] 你好，在吗\n[李娜] 在的', '[[NAME_1]] 你好，在吗\n[[NAME_2]] 在的'],
    ]);
  });

  it('keeps one bracketed label, which an SMS signature is written as too', () => {
    // 周大福 is a brand in its SMS signature, and a lone 【张伟】你好 looks the same.
    assertKeeps([
      '【周大福】您好，您的订单已发货。',
      '【张伟】你好，请问怎么配置',
      '【钱大妈】您好，验证码是1234\n【钱大妈】您的订单已发货',
    ]);
  });

  it('takes bracketed senders with a time on two lines', () => {
    assertRedacts([
      [
        '[张伟] 10:32\n证书没下来\n[李娜] 10:35\n稍等',
        '[[NAME_1]] 10:32\n证书没下来\n[[NAME_2]] 10:35\n稍等',
      ],
      [
        '【陈静】 2024-03-05 10:32:01\n回源502\n【刘洋】 2024-03-05 10:33:12\n我看下',
        '【[NAME_1]】 2024-03-05 10:32:01\n回源502\n【[NAME_2]】 2024-03-05 10:33:12\n我看下',
      ],
      ['【张伟】上传失败\n【李娜】换个区域', '【[NAME_1]】上传失败\n【[NAME_2]】换个区域'],
    ]);
  });

  it('keeps a single bracketed line without a greeting', () => {
    assertKeeps(['[张伟] 10:32', '【张伟】上传失败']);
  });

  it('keeps tags and headings in brackets', () => {
    assertKeeps([
      '【周报】本周完成上传优化\n【周会】下周三下午',
      '【高优】节点故障\n【高危】漏洞通知',
      '【白名单】开启后只允许\n【黑名单】开启后拒绝',
      '【王者荣耀】更新公告\n【王者归来】限时折扣',
      '【金山云】您好，您的账单已出',
      '【已解决】上传失败',
      '[高优] 10:32 告警\n[严重] 10:33 告警',
    ]);
  });

  it('keeps the text of Markdown links', () => {
    const text = '[张伟](https://example.com/u/1)\n[李娜](https://example.com/u/2)';
    assert.equal(redacted(text).includes('NAME'), false);
  });
});

describe('speakers after a team and a hyphen', () => {
  it('takes the name after a team that ends with a job title', () => {
    assertRedacts([
      ['七牛客服-李娜：', '七牛客服-[NAME_1]：'],
      ['七牛客服 - 李娜：请稍等', '七牛客服 - [NAME_1]：请稍等'],
      ['Qiniu客服-李娜：请稍等', 'Qiniu客服-[NAME_1]：请稍等'],
    ]);
  });

  it('takes the name after any team before a greeting', () => {
    assertRedacts([['七牛-李娜：您好', '七牛-[NAME_1]：您好']]);
  });

  it('counts a team line as a speaker line', () => {
    assert.equal(
      redacted('七牛-李娜：请稍等\n张伟：好的谢谢'),
      '七牛-[NAME_1]：请稍等\n[NAME_2]：好的谢谢',
    );
  });

  it('keeps regions, editions and a lone team line', () => {
    assertKeeps([
      '河北-石家庄：已恢复正常\n河北-唐山：节点正常',
      '七牛-高级版：支持\n七牛-标准版：不支持',
      '七牛-李娜：请稍等',
      '2024-03-05 张伟：你好',
    ]);
  });
});

describe('quoted speaker labels', () => {
  it('reads quote markers before the label', () => {
    assertRedacts([
      ['> 张伟：收到\n> 李娜：好的', '> [NAME_1]：收到\n> [NAME_2]：好的'],
      ['>> 张伟：收到\n>> 李娜：好的', '>> [NAME_1]：收到\n>> [NAME_2]：好的'],
      ['> > 张伟：收到\n> > 李娜：好的', '> > [NAME_1]：收到\n> > [NAME_2]：好的'],
      [
        '> 张伟 2024-03-05 10:32:01\n> 证书还没下来\n> 李娜 2024-03-05 10:33:12',
        '> [NAME_1] 2024-03-05 10:32:01\n> 证书还没下来\n> [NAME_2] 2024-03-05 10:33:12',
      ],
    ]);
  });

  it('still needs two lines', () => {
    assertKeeps(['> 张伟：收到', '> 原因：源站返回502\n> 方案：修改回源地址']);
  });
});

describe('a surname before 总', () => {
  it('takes the surname before a word that follows names', () => {
    assertRedacts([
      ['请林总确认', '请[NAME_1]总确认'],
      ['王总说下周付款', '[NAME_1]总说下周付款'],
      ['跟李总沟通过了', '跟[NAME_1]总沟通过了'],
      ['欧阳总确认一下', '[NAME_1]总确认一下'],
      ['陈总今天不在', '[NAME_1]总今天不在'],
      ['请张工确认', '请[NAME_1]工确认'],
      ['好的我让我们王工看下', '好的我让我们[NAME_1]工看下'],
      ['让李总看一下', '让[NAME_1]总看一下'],
    ]);
  });

  it('keeps words with 总', () => {
    assertKeeps([
      '总体来说没问题',
      '总结一下',
      '总之先重启',
      '汇总数据',
      '高总线带宽不够',
      '总共100台，总计3000元',
      '支付总是失败',
      '资金总额对不上',
      '流程总处理时长太长',
      '工程总负责人是谁',
      '施工看下进度',
      '汇总看下',
      '日程总安排',
      '总部那边已同意',
      '人工确认一下',
      '加工处理完成',
    ]);
  });
});

describe('words that start with a surname', () => {
  it('keeps them in labels and running text', () => {
    assertKeeps([
      '白名单：1.1.1.1\n黑名单：无',
      '张数：3\n页数：5',
      '原因：源站配置错误\n方案：修改回源地址',
      '王者荣耀的高度还原，黄金段位的方法，程序员在江苏',
    ]);
  });
});
