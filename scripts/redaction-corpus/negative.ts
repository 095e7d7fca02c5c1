// Messages whose identifiers, numbers and hosts must all survive: nothing in them is personal.
import { keep, tpl, type Draft } from './build.js';
import * as v from './values.js';
import type { Random } from './values.js';

function hex(r: Random, length: number): string {
  return r.chars('0123456789abcdef', length);
}

export const negativeTemplates: Array<(r: Random) => Draft> = [
  (r) => tpl`文件 hash ${keep(hex(r, 32))}，etag ${keep(`"${hex(r, 40)}"`)} 不一致`,
  (r) => tpl`sha256:${keep(hex(r, 64))} 校验失败`,
  (r) => tpl`req_id:${keep(v.accessKey(r).slice(0, 16))}, x_log:X-Log 上传返回 ${keep('579')}`,
  (r) =>
    tpl`时间戳 ${keep(String(1700000000 + r.int(0, 99999999)))}，过期时间 ${keep('2024-10-07 11:21:36')}`,
  (r) => tpl`毫秒时间戳 ${keep(`17${r.digits(11)}`)} 转换后差了 8 小时`,
  () => tpl`python sdk 先退回 ${keep('7.13.1')} 版本，${keep('7.14.0')} 版本新功能影响的`,
  () => tpl`使用${keep('7.13.27.14.0')}版本新功能影响的，已经在修了`,
  () =>
    tpl`node 版本 ${keep('v18.19.0')}，sdk ${keep('7.11.0')}，报错 ${keep('401')} ${keep('403')} 交替出现`,
  (r) => tpl`实例 ${keep(`i-${hex(r, 12)}`)} 重启后黑屏，规格 t6 2C2G`,
  (r) =>
    tpl`空间 ${keep(`bucket-${r.pick(['prod', 'test', 'media'])}-${r.int(1, 99)}`)} 里的文件 ${keep(`uploads/${v.uuid(r)}.png`)} 删不掉`,
  () =>
    tpl`上传域名用 ${keep('upload.qiniup.com')}，管理接口 ${keep('rs.qiniu.com')}，控制台 ${keep('portal.qiniu.com')}`,
  (r) => tpl`CNAME 记录值 ${keep(`mall-example-com-${hex(r, 6)}.qiniudns.com`)}，状态已配置`,
  (r) => tpl`订单号：${keep(v.mobile(r))} 为什么还没开票`,
  (r) =>
    tpl`工单 ${keep(String(r.int(1000000, 9999999)))} 已关闭，退款 ${keep(`${r.int(10, 9999)}.${r.digits(2)}`)} 元`,
  (r) => tpl`这串是校验位错的：${keep(v.badIdCard(r))}`,
  (r) => tpl`卡号 ${keep(v.badBankCard(r))} 提示无效`,
  () =>
    tpl`错误代码 ${keep('579')} 回调失败，${keep('{"error":"download token is necessary to access protected bucket","error_code":"AccessDenied"}')}`,
  (r) => tpl`${keep(`504B0304140009000800${hex(r, 40).toUpperCase()}`)}`,
  () =>
    tpl`${keep('q = Auth(access_key, secret_key)')}\n${keep('token = q.upload_token(bucket_name, key, 3600)')}\n${keep('ret, info = put_file(token, key, localfile, version="v2")')}`,
  () =>
    tpl`${keep("'access_key': QINIU_ACCESS_KEY,")} ${keep("'secret_key': QINIU_SECRET_KEY,")} ${keep("'bucket_domain': QINIU_DOMAIN,")}`,
  () =>
    tpl`${keep('Auth auth = Auth.create(accessKey, secretKey);')} ${keep('String upToken = auth.uploadToken(bucket, key);')}`,
  () =>
    tpl`${keep('$auth = new Auth($accessKey, $secretKey);')} ${keep('$token = $auth->uploadToken($bucket);')}`,
  () =>
    tpl`${keep('password: string;')} ${keep('token?: string;')} ${keep('secretKey: process.env.QINIU_SK,')}`,
  () => tpl`${keep('{"error":"expired token","code":401}')} 请重新生成上传凭证`,
  () => tpl`${keep('"Authorization": ""')} 这个头要怎么填`,
  (r) =>
    tpl`图片 ${keep(`data:image/png;base64,${Buffer.from(hex(r, 60)).toString('base64')}`)} 显示不出来`,
  () =>
    tpl`${keep('C:\\Users\\dev\\.virtualenvs\\app-6m1wYgeo\\Lib\\site-packages\\qiniu\\http\\regions_provider.py')} line 116`,
  () =>
    tpl`${keep('12:30:45')} 和 ${keep('std::string')} 还有 ${keep('00:1A:2B:3C:4D:5E')} 都不是地址`,
  () =>
    tpl`网关 ${keep('127.0.0.1')}、掩码 ${keep('255.255.255.0')}、DNS ${keep('8.8.8.8')} 都正常`,
  () => tpl`${keep('[07/Oct/2024 11:21:36]')} "OPTIONS /user/uploadavatar/ HTTP/1.1" 200 0`,
  () => tpl`金额 ${keep('2732.28')} 元，充值 ${keep('3222.28')} 元，差 ${keep('490')} 元`,
  () => tpl`${keep('除了微信浏览器访问可能收到微信平台屏蔽外')}，正常浏览器都能访问`,
  () => tpl`${keep('商务经理')}不在线，${keep('总经理')}也在出差，${keep('各位老师')}稍等`,
  () => tpl`完成总计 ${keep('3')} 项，${keep('首先生成')}上传凭证，${keep('优先生效')}的是黑名单`,
  (r) => tpl`文档 ${keep(`https://developer.qiniu.com/kodo/${r.int(1000, 1300)}/python`)} 里的示例`,
  () => tpl`${keep('sj2supx98.hn-bkt.clouddn.com')} 是测试域名，30 天后回收`,
  () =>
    tpl`${keep('settings.QINIU_DOMAIN')} 和 ${keep('os.path.join')} 以及 ${keep('log.info("上传视频结束!")')}`,
  () => tpl`${keep('mall.xin360.com.cn')} 这个域名有 A 记录，${keep('weibaofeng.cn')} 备案正常`,
];
