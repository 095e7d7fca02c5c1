// Cases that break other tools: numbers glued to Chinese, full-width text, legacy placeholders,
// overlapping detections, CIDR suffixes and honorifics that stay outside the placeholder.
import { entity, keep, tpl, withOptions, type Draft } from './build.js';
import * as v from './values.js';
import type { Random } from './values.js';

export const hardTemplates: Array<(r: Random) => Draft> = [
  (r) => tpl`手机${entity('PHONE', v.mobile(r))}谢谢`,
  (r) => tpl`电话${entity('PHONE', v.mobile(r))}微信同号，${entity('NAME', v.surname(r))}女士`,
  (r) => tpl`我的手机号是${entity('PHONE', v.fullWidth(v.mobile(r)))}，麻烦回电`,
  (r) => {
    const mail = v.email(r).replace('@', '＠');
    return tpl`邮箱：${entity('EMAIL', mail)}（全角的@）`;
  },
  (r) => tpl`身份证${entity('ID_CARD', v.fullWidth(v.idCard(r)))}已上传`,
  (r) => {
    const phone = v.mobile(r);
    const forms = v.mobileForms(phone);
    return tpl`号码 ${entity('PHONE', r.pick(forms))} 和 ${entity('PHONE', r.pick(forms))} 是同一个`;
  },
  (r) => {
    const ip = v.ipv4(r);
    return tpl`把 ${entity('IP', ip.replace(/\.[0-9]+$/, '.0'))}/24 这个网段拉黑，尤其是${entity('IP', ip)}`;
  },
  (r) => {
    const prefix = v.ipv4(r).replace(/\.[0-9]+$/, '');
    return tpl`我想把 ${entity('IP', prefix)}.* 这个网段的都限制的话，需要怎么设置？`;
  },
  (r) => tpl`操作ip来自 ${entity('IP', v.ipv4(r))}，不是我们的人`,
  (r) => tpl`ip：${entity('IP', v.ipv4(r))}:8080 回源超时`,
  (r) =>
    tpl`[IP已脱敏] 在3号的时候已经设置为黑名单了，但是还有访问，另一个是${entity('IP', v.ipv4(r))}`,
  () => tpl`[IP已脱敏]/24  这样设置的话是限制 [IP已脱敏] 到 [IP已脱敏]  范围内的IP吗`,
  () =>
    tpl`${keep('upload_[密钥已脱敏]')}\nret, info = put_file(upload_token, random_key, file_path)`,
  () => tpl`QINIU_[密钥已脱敏] = "[REDACTED_LONG_KEY]"   # 待修改`,
  () => tpl`新的号码是 [REDACTED_PHONE] ，邮箱 [REDACTED_EMAIL]，座机 [REDACTED_LANDLINE]`,
  () => tpl`${keep('[PHONE_1]')} 和 ${keep('[EMAIL_2]')} 是上次脱敏留下的占位符`,
  (r) => tpl`${keep('[PHONE_1]')} 是旧号码，新号码 ${entity('PHONE', v.mobile(r))}`,
  (r) => {
    const host = v.customerHost(r);
    const mail = v.email(r);
    return tpl`${keep(`https://${host}`)}${entity('URL', `/unsubscribe?email=${mail}`)} 打不开`;
  },
  (r) => {
    const host = v.customerHost(r);
    const phone = v.mobile(r);
    return tpl`${keep(`https://${host}`)}${entity('URL', `/user/${phone}/avatar.png`)} 这个头像 404`;
  },
  (r) => {
    const ip = v.ipv4(r);
    return tpl`http://${entity('IP', ip)}:8080${entity('URL', '/api/upload')} 上传失败`;
  },
  (r) => {
    const host = `${v.accessKey(r).slice(0, 9).toLowerCase()}.hn-bkt.clouddn.com`;
    const key = `/${v.uuid(r)}.jpg`;
    return tpl`${keep(host)}${entity('URL', key)}`;
  },
  (r) => {
    const sk = v.accessKey(r);
    return tpl`SK=${entity('SECRET', sk)}，${keep('q = Auth(access_key, secret_key)')} 这么写对吗`;
  },
  (r) => {
    const s = v.surname(r);
    const phone = v.mobile(r);
    return tpl`${entity('PHONE', phone)}${entity('NAME', s)}先生`;
  },
  (r) => {
    const name = v.fullName(r);
    const phone = v.mobile(r);
    return tpl`请联系${entity('NAME', name)}${entity('PHONE', phone)}`;
  },
  (r) => tpl`${entity('NAME', v.surname(r))}总您好，合同已经盖章寄回了`,
  (r) => tpl`谢谢${entity('NAME', v.surname(r))}老师，问题解决了`,
  () => tpl`${keep('谢谢老师')}，${keep('商务经理')}那边已经确认了，${keep('项目经理')}明天上线`,
  (r) => {
    const id = v.idCard(r);
    return tpl`证件号码：${entity('ID_CARD', id.slice(0, 6) + ' ' + id.slice(6, 14) + ' ' + id.slice(14))}`;
  },
  (r) => {
    const card = v.grouped(v.bankCard(r, 16), '-');
    return tpl`退款原路退回到 ${entity('BANK_CARD', card)} 这张卡`;
  },
  (r) => {
    const phone = v.mobile(r);
    return tpl`\u200b联系电话：${entity('PHONE', phone.slice(0, 3) + '\u200b' + phone.slice(3))}`;
  },
  (r) => {
    const host = v.customerHost(r);
    return withOptions(
      tpl`加速域名 ${entity('DOMAIN', host)} 回源失败，源站是 ${keep('up-z2.qiniup.com')}`,
      {
        redactDomains: true,
      },
    );
  },
  (r) => {
    const host = v.customerHost(r);
    return withOptions(
      tpl`https://${entity('DOMAIN', host)}${entity('URL', '/index.html')} 白屏，测试域名 ${keep('portal.qiniu.com')} 正常`,
      {
        redactDomains: true,
      },
    );
  },
  (r) => {
    const name = v.fullName(r);
    return tpl`联系人：${entity('NAME', name)}，${keep('工单号 1024587')}`;
  },
  (r) => {
    const wx = v.wechatId(r);
    return tpl`加微信${entity('WECHAT', wx)}发你截图，${keep('微信浏览器')}打开是白屏`;
  },
];
