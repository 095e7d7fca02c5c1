import { describe, it } from 'node:test';

import { assertKeeps, assertRedacts } from './helpers.js';

describe('phones in a contact context', () => {
  it('finds numerals after other contact data', () => {
    assertRedacts([
      ['备用 13912345678，还有个一五八七六五四三二一九', '备用 [PHONE_1]，还有个[PHONE_2]'],
      ['手机 13698765432，或者 壹叁柒陆伍肆叁贰壹零玖', '手机 [PHONE_1]，或者 [PHONE_2]'],
      ['也可以打 13812345678，或者 158.2345.6789', '也可以打 [PHONE_1]，或者 [PHONE_2]'],
    ]);
  });

  it('finds numerals before a call word', () => {
    assertRedacts([
      ['一五八七六五四三二一九 也能打', '[PHONE_1] 也能打'],
      ['一八九二三四五六七八零 这个号码能打通', '[PHONE_1] 这个号码能打通'],
    ]);
  });

  it('finds numerals in looser groups', () => {
    assertRedacts([
      ['一五九，八七六五，四三二一 能打', '[PHONE_1] 能打'],
      ['电话 一五九  八七六五  四三二一', '电话 [PHONE_1]'],
      ['一五九 八七六五 四三二一 随时打', '[PHONE_1] 随时打'],
      ['拨 159 八七六五 四三二一', '拨 [PHONE_1]'],
    ]);
    assertKeeps([
      '编号一五九，八七六五，四三二一',
      '拨测 138 个节点，一五九，八七六五，四三二一次',
    ]);
  });

  it('reads traditional phone labels', () => {
    assertRedacts([
      ['手機 一五九.八七六五.四三二一', '手機 [PHONE_1]'],
      ['電話：159.八七六五.四三二一', '電話：[PHONE_1]'],
    ]);
  });

  it('keeps numerals without context', () => {
    assertKeeps([
      '一三五七九二四六八零一是测试用的序列',
      '接口耗时 13.482915307 秒，麻烦联系下研发',
    ]);
    // Contact data on the line before gives no context.
    assertRedacts([
      [
        '手机 13912345678\n一三五七九二四六八零一是测试用的序列',
        '手机 [PHONE_1]\n一三五七九二四六八零一是测试用的序列',
      ],
    ]);
  });
});

describe('other contact forms', () => {
  it('finds a QQ number after 企鹅', () => {
    assertRedacts([['有事找我企鹅 385762914，白天都在', '有事找我企鹅 [QQ_1]，白天都在']]);
    assertKeeps(['企鹅电竞 2023 年的直播回放']);
  });

  it('finds a full name after a nickname', () => {
    assertRedacts([
      ['电话找小王（王建军），他负责', '电话找小王（[NAME_1]），他负责'],
      ['老李(李明)明天到', '老李([NAME_1])明天到'],
    ]);
    assertKeeps(['小米（小米手机）的图片上传失败']);
  });

  it('keeps 全角 beside a phone number', () => {
    assertRedacts([['号码 13512345678 全角的也给你', '号码 [PHONE_1] 全角的也给你']]);
  });
});

describe('contact data look-alikes', () => {
  it('keeps decimals, counts and words', () => {
    assertKeeps([
      '训练集里企鹅 15000 张，海豹 8000 张',
      '素材文件夹 企鹅 20240305 里的图片',
      '日志时间和北京时间差了 8 小时（时差），是不是时区没配？',
      '我们是做小米（米家）生态链设备的',
      '小黄（黄牛）把我们的活动券都刷光了',
      '收件地址：在路上 10 点以后有人',
    ]);
    assertRedacts([
      ['收件地址：北京市朝阳区建国路88号 10 点以后有人', '收件地址：[ADDRESS_1] 10 点以后有人'],
    ]);
  });

  it('finds variants of the contact forms', () => {
    assertRedacts([
      ['有事打 158.2345.6789', '有事打 [PHONE_1]'],
      ['一五八七六五四三二一九 是我手机', '[PHONE_1] 是我手机'],
      ['一五八七六五四三二一九，晚上八点以后能打', '[PHONE_1]，晚上八点以后能打'],
      ['小李 (李明) 在跟这个单子', '小李 ([NAME_1]) 在跟这个单子'],
      ['小李（李明，运维）负责 CDN', '小李（[NAME_1]，运维）负责 CDN'],
      ['王哥（王建国）说他来处理', '王哥（[NAME_1]）说他来处理'],
    ]);
  });

  it('finds full names after 阿 and 老师', () => {
    assertRedacts([
      ['这个问题找阿邱（邱雅婷）', '这个问题找阿邱（[NAME_1]）'],
      ['李经理（李明，商务）', '[NAME_1]经理（[NAME_2]，商务）'],
      ['邱老师（邱雅婷）', '[NAME_1]老师（[NAME_2]）'],
    ]);
    assertKeeps(['我们用的是阿里（阿里云）的对象存储', '问阿华（华为那边的）']);
  });
});

describe('address ends', () => {
  it('takes a spaced room number', () => {
    assertRedacts([
      ['寄到 广东省深圳市南山区高新南七道 8 号 1502，谢谢', '寄到 [ADDRESS_1]，谢谢'],
    ]);
  });

  it('stops at the line end', () => {
    assertRedacts([
      [
        '寄到杭州市西湖区文三路90号 2024年到期\n地址：北京市海淀区中关村大街 27 号',
        '寄到[ADDRESS_1] 2024年到期\n地址：[ADDRESS_2]',
      ],
    ]);
  });
});
