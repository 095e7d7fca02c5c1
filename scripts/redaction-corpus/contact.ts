// Chat-style messages with contact data, names, ID numbers and cards, in the archive's style.
import { entity, join, keep, tpl, type Draft } from './build.js';
import * as v from './values.js';
import type { Random } from './values.js';

const customer = (draft: Draft): Draft => join('', [tpl`**客户**：`, draft]);
const agent = (draft: Draft): Draft => join('', [tpl`**客服**：`, draft]);

export const contactTemplates: Array<(r: Random) => Draft> = [
  (r) => {
    const phone = r.pick(v.mobileForms(v.mobile(r)));
    return customer(tpl`账号登录不了，手机号：${entity('PHONE', phone)}，麻烦尽快处理`);
  },
  (r) => {
    const phone = v.mobile(r);
    return join('\n\n', [
      customer(tpl`新的号码是 ${entity('PHONE', phone)} ，注册了一个新的账号。需要和这个合并。`),
      agent(tpl`您好，您这个账号目前已经欠费冻结，需要充值解冻后登录账号修改手机号和邮箱即可的`),
    ]);
  },
  (r) => {
    const name = v.fullName(r);
    const phone = v.mobile(r);
    return customer(
      tpl`${entity('PHONE', phone)} ${entity('NAME', name)}麻烦明天商务上班了联系我下哈，昨天攻击造成的损失太大了`,
    );
  },
  (r) => {
    const s = v.surname(r);
    return customer(
      tpl`我到域名管理就不知道怎么提交了，请指导。谢谢！[REDACTED_PHONE]${entity('NAME', s)}先生`,
    );
  },
  (r) => {
    const name = v.fullName(r);
    return agent(
      tpl`您好，嗯嗯您这边联系方式目前是这个吗？[REDACTED_PHONE] ${entity('NAME', name)}`,
    );
  },
  (r) => {
    const mail = v.email(r);
    return customer(
      tpl`邮箱：${entity('EMAIL', mail)}\n这个邮箱下面有两个账号，认证账号登录不上？`,
    );
  },
  (r) => {
    const mail = v.email(r);
    const phone = v.mobile(r);
    return customer(
      tpl`发票抬头已经改好了，寄到这个邮箱 ${entity('EMAIL', mail)} ，有问题打我电话${entity('PHONE', phone)}`,
    );
  },
  (r) => {
    const tel = v.landline(r);
    return customer(tpl`公司座机${entity('LANDLINE', tel)}，工作日都有人接`);
  },
  (r) => {
    const name = v.fullName(r);
    const phone = v.mobile(r);
    const address = r.pick([
      '北京市海淀区某某路1号',
      '上海市浦东新区某某大厦',
      '深圳市南山区科技园',
    ]);
    return customer(
      tpl`纸质发票请寄到${address}，收件人：${entity('NAME', name)}，电话：${entity('PHONE', phone)}`,
    );
  },
  (r) => {
    const name = v.fullName(r);
    return customer(tpl`联系人：${entity('NAME', name)}\n问题：CDN 回源一直 502`);
  },
  (r) => {
    const s = v.surname(r);
    const title = r.pick(['先生', '女士', '经理', '总', '老师']);
    return agent(
      tpl`${entity('NAME', s)}${title}您好，您反馈的问题这边已经提交给技术同事处理了，有结果第一时间同步您`,
    );
  },
  (r) => {
    const s1 = v.surname(r);
    const s2 = v.surname(r);
    return customer(
      tpl`之前对接的是${entity('NAME', s1)}经理，现在换成${entity('NAME', s2)}女士负责，麻烦更新一下联系人`,
    );
  },
  (r) => {
    const id = v.idCard(r);
    return customer(tpl`实名认证一直失败，身份证号${entity('ID_CARD', id)}，照片也重新上传了`);
  },
  (r) => {
    const id = v.idCard15(r);
    return customer(tpl`老身份证是15位的 ${entity('ID_CARD', id)} ，系统提示格式不对`);
  },
  (r) => {
    const card = r.next() < 0.5 ? v.bankCard(r) : v.grouped(v.bankCard(r));
    const amount = `${r.int(100, 9999)}.${r.digits(2)}`;
    return customer(
      tpl`我是对公转账的，付款卡号 ${entity('BANK_CARD', card)}，金额 ${keep(amount)} 元，一直没到账`,
    );
  },
  (r) => {
    const code = v.creditCode(r);
    return customer(
      tpl`开专票，公司名称：某某科技有限公司，统一社会信用代码：${entity('CREDIT_CODE', code)}，开户行：某某银行`,
    );
  },
  (r) => {
    const wx = v.wechatId(r);
    return customer(tpl`有没有实时的微信客服或者电话客服，我的微信：${entity('WECHAT', wx)}`);
  },
  (r) => {
    const number = v.qq(r);
    return customer(tpl`QQ号：${entity('QQ', number)} 加一下我，截图发不过来`);
  },
  (r) => {
    const wx = v.wechatId(r);
    const number = v.qq(r);
    return customer(tpl`vx ${entity('WECHAT', wx)} 或者 qq ${entity('QQ', number)} 都可以`);
  },
  (r) => {
    const phone = v.mobile(r);
    return customer(tpl`微信同手机号${entity('PHONE', phone)}，加我发你日志`);
  },
  (r) => {
    const name = v.fullName(r);
    const phone = v.mobile(r);
    return customer(tpl`${entity('NAME', name)} ${entity('PHONE', phone)}，紧急，线上业务全挂了`);
  },
  (r) => {
    const name = v.fullName(r);
    const mail = v.email(r);
    return customer(tpl`账号负责人：${entity('NAME', name)}，邮箱 ${entity('EMAIL', mail)}`);
  },
  (r) => {
    const tel = v.landline(r);
    const name = v.fullName(r);
    return customer(tpl`对接人：${entity('NAME', name)} 座机：${entity('LANDLINE', tel)}`);
  },
  (r) => {
    const phone = v.mobile(r);
    const order = `${r.int(2023, 2024)}${String(r.int(1, 12)).padStart(2, '0')}${r.digits(10)}`;
    return customer(tpl`资源包订单号 ${keep(order)} 申请退款，联系电话 ${entity('PHONE', phone)}`);
  },
  (r) => {
    const s = v.surname(r);
    const phone = v.mobile(r);
    return customer(tpl`麻烦安排技术回电，${entity('NAME', s)}先生，${entity('PHONE', phone)}`);
  },
  (r) => {
    const mail = v.email(r);
    return agent(
      tpl`您好，请将材料发送到${keep('support@qiniu.com')}邮箱，邮件中注明注册邮箱${entity('EMAIL', mail)}即可`,
    );
  },
];
