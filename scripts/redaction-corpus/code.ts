// Code, configuration, logs and HTTP snippets as customers paste them, often flattened into one
// line by the chat export.
import { entity, join, keep, tpl, type Draft } from './build.js';
import * as v from './values.js';
import type { Random } from './values.js';

const customer = (draft: Draft): Draft => join('', [tpl`**客户**：`, draft]);

export const codeTemplates: Array<(r: Random) => Draft> = [
  (r) => {
    const ak = v.accessKey(r);
    const sk = v.accessKey(r);
    return customer(
      tpl`# -*- coding: utf-8 -*-\nfrom qiniu import Auth, put_file, etag\naccess_key = '${entity('SECRET', ak)}'\nsecret_key = '${entity('SECRET', sk)}'\n${keep('q = Auth(access_key, secret_key)')}\nbucket_name = '${keep('any-test1')}'\n${keep('token = q.upload_token(bucket_name, key, 3600)')}`,
    );
  },
  (r) => {
    const ak = v.accessKey(r);
    const sk = v.accessKey(r);
    return customer(
      tpl`# 七牛云存储QINIU_ACCESS_KEY = "${entity('SECRET', ak)}"   # 待修改QINIU_SECRET_KEY = "${entity('SECRET', sk)}"QINIU_BUCKET_NAME = '${keep('shuju8')}'QINIU_STORAGE_OPTIONS = {    ${keep("'access_key': QINIU_ACCESS_KEY,")}    ${keep("'secret_key': QINIU_SECRET_KEY,")}}`,
    );
  },
  (r) => {
    const sk = v.accessKey(r);
    return customer(
      tpl`String accessKey = "${entity('SECRET', v.accessKey(r))}";    String secretKey = "${entity('SECRET', sk)}";    String bucket = "${keep('prod-assets')}";    ${keep('Auth auth = Auth.create(accessKey, secretKey);')}    ${keep('String upToken = auth.uploadToken(bucket);')}`,
    );
  },
  (r) => {
    const ak = v.accessKey(r);
    const sk = v.accessKey(r);
    return customer(
      tpl`<?php\nrequire_once 'vendor/autoload.php';\nuse Qiniu\\Auth;\n$accessKey = '${entity('SECRET', ak)}';\n$secretKey = '${entity('SECRET', sk)}';\n${keep('$auth = new Auth($accessKey, $secretKey);')}`,
    );
  },
  (r) => {
    const ak = v.accessKey(r);
    const sk = v.accessKey(r);
    return customer(
      tpl`mac := qbox.NewMac("${entity('SECRET', ak)}", "${entity('SECRET', sk)}")\n${keep('cfg := storage.Config{UseHTTPS: true}')}`,
    );
  },
  (r) => {
    const sk = v.accessKey(r);
    return customer(
      tpl`.env 里面是这样配的：\nQINIU_AK=${entity('SECRET', v.accessKey(r))}\nQINIU_SK=${entity('SECRET', sk)}\nQINIU_BUCKET=${keep('media-prod')}\n还是报 401`,
    );
  },
  (r) => {
    const pw = v.password(r);
    return customer(
      tpl`database:\n  host: ${keep('127.0.0.1')}\n  port: 3306\n  user: root\n  password: ${entity('SECRET', pw)}\n`,
    );
  },
  (r) => {
    const pw = v.password(r);
    return customer(
      tpl`{"username": "admin", "password": "${entity('SECRET', pw)}", "remember": true}`,
    );
  },
  (r) => {
    const token = v.uploadToken(r);
    return customer(
      tpl`第一次能正常上传，第二次就提示[WinError 183] 当文件已存在时，无法创建该文件。token： ${entity('SECRET', token)}还有就是为什么会创建这两个文件：${keep('qn-regions-cache.jsonl')}`,
    );
  },
  (r) => {
    const token = v.uploadToken(r);
    return customer(tpl`上传凭证是 ${entity('SECRET', token)} ，前端直传报 ${keep('401')}`);
  },
  (r) => {
    const ak = v.accessKey(r);
    const sign = v.accessKey(r).slice(0, 27) + '=';
    return customer(
      tpl`curl -X POST ${keep('https://rs.qiniu.com/stat/')}... -H "Authorization: QBox ${entity('SECRET', `${ak}:${sign}`)}"`,
    );
  },
  (r) => {
    const ak = v.accessKey(r);
    const sign = v.accessKey(r).slice(0, 27) + '=';
    return customer(
      tpl`headers = {"Authorization": "Qiniu ${entity('SECRET', `${ak}:${sign}`)}", "Content-Type": "application/json"}`,
    );
  },
  (r) => {
    const token = v.jwt(r);
    return customer(
      tpl`调用我们自己的接口带的 Authorization: Bearer ${entity('SECRET', token)} ，回源时这个头会透传吗`,
    );
  },
  (r) => {
    const token = v.jwt(r);
    return customer(
      tpl`日志：{"level":"info","msg":"callback","jwt":"${entity('SECRET', token)}","status":${keep('200')}}`,
    );
  },
  (r) => {
    const basic = Buffer.from(`user${r.int(1, 99)}:${v.password(r)}`).toString('base64');
    return customer(tpl`回源鉴权用的 Authorization: Basic ${entity('SECRET', basic)} 对吗`);
  },
  (r) => {
    const pem = v.pemKey(r);
    return customer(
      tpl`证书私钥是这个：\n${entity('SECRET', pem)}\n上传的时候提示私钥和证书不匹配`,
    );
  },
  (r) => {
    const pem = v.pemKey(r).replace(/\n/g, ' ');
    return customer(tpl`私钥内容：${entity('SECRET', pem)} 证书链也上传了`);
  },
  (r) => {
    const ip = v.ipv4(r);
    const ip2 = v.ipv4(r);
    return customer(
      tpl`${entity('IP', ip)} - - [${keep('07/Oct/2024:11:21:36 +0800')}] "GET /static/app.js HTTP/1.1" 200 5120 "-" "Mozilla/5.0"\n${entity('IP', ip2)} - - [07/Oct/2024:11:21:37 +0800] "GET /favicon.ico HTTP/1.1" ${keep('404')} 0`,
    );
  },
  (r) => {
    const ip = v.ipv4(r);
    return customer(
      tpl`源站 IP 是 ${entity('IP', ip)}，回源 HOST 填的 ${keep('origin.example.com')}`,
    );
  },
  (r) => {
    const ip = v.ipv4(r);
    return customer(tpl`白名单加了 ${entity('IP', ip)}/24 还是被拦截，错误码 ${keep('403')}`);
  },
  (r) => {
    const ip = v.ipv6(r);
    return customer(tpl`我们的出口是 IPv6 地址 ${entity('IP', ip)}，能加白吗`);
  },
  (r) => {
    const host = v.customerHost(r);
    const path = `/uploads/${r.int(2020, 2024)}/${v.accessKey(r).slice(0, 8)}.jpg`;
    const query = `?e=${1728310703 + r.int(0, 9999)}&token=${v.accessKey(r)}:${v.accessKey(r).slice(0, 27)}=`;
    return customer(
      tpl`这个私有链接打不开 ${keep(`https://${host}`)}${entity('URL', path + query)} 提示 ${keep('401')}`,
    );
  },
  (r) => {
    const host = v.customerHost(r);
    const path = `/video/${r.digits(6)}.mp4`;
    return customer(tpl`${keep(`http://${host}`)}${entity('URL', path)} 海外访问特别慢，国内正常`);
  },
  (r) => {
    const host = v.customerHost(r);
    return customer(tpl`域名 ${keep(host)} 的证书过期了，怎么续费`);
  },
  (r) => {
    const path = `/kodo/${r.int(1000, 1300)}/python`;
    return tpl`**客服**：可以参考这个文档 ${keep(`https://developer.qiniu.com${path}`)} 上传前先生成 token`;
  },
  (r) => {
    const query = `?token=${v.uploadToken(r)}`;
    return customer(
      tpl`直接 POST 到 ${keep('https://up-z2.qiniup.com/')}${entity('URL', query)} 返回 ${keep('579')}`,
    );
  },
  (r) => {
    const reqid = v.accessKey(r).slice(0, 16);
    return customer(
      tpl`_ResponseInfo__response:<Response [400]>, status_code:400, text_body:{"error":"incorrect region, please use ${keep('up-z2.qiniup.com')}, bucket is: ${keep('shuju8')}"}, req_id:${keep(reqid)}, x_log:X-Log`,
    );
  },
  (r) => {
    const pw = v.password(r);
    return customer(
      tpl`源网站登录账号：[REDACTED_PHONE] 密码：${entity('SECRET', pw)}将返回的商品图片URL上传至存储空间`,
    );
  },
  (r) => {
    const pw = v.password(r).replace(/^[a-z]+[0-9]+$/, 'Sky@2024');
    return customer(
      tpl`您好, VNC的登录密码方便提供下么，administrator ${entity('SECRET', pw)}这个是主机的登录密码`,
    );
  },
  (r) => {
    const sk = v.accessKey(r);
    return customer(
      tpl`ak：${entity('SECRET', v.accessKey(r))} sk：${entity('SECRET', sk)} 这样填对吗`,
    );
  },
  (r) => {
    const pw = v.password(r);
    return customer(
      tpl`mysql -h ${entity('IP', v.ipv4(r))} -u root -p'${entity('SECRET', pw)}' 连不上`,
    );
  },
  (r) => {
    const key = `AKIA${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;
    return customer(tpl`从 S3 迁移，aws 的 key id 是 ${entity('SECRET', key)}，迁移工具怎么填`);
  },
];
