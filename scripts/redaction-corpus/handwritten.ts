// Messages written by hand, one by one, in the voice of real tickets. Each exercises several
// detectors at once, and none was produced from a template.
import { entity as e, keep as k, tpl, withOptions, type Draft } from './build.js';

export const handwritten: Draft[] = [
  tpl`**客户**：你好，我们公司的CDN流量突然暴涨，账单一天扣了3000多，麻烦看看是不是被刷了，源站IP ${e('IP', '203.0.113.45')}，加速域名 ${k('static.example.com')}，紧急联系人${e('NAME', '赵磊')} ${e('PHONE', '18612345678')}`,
  tpl`**客服**：您好，这边看到请求主要来自 ${e('IP', '198.51.100.23')} 和 ${e('IP', '198.51.100.87')}，建议您在访问控制里把这两个IP加入黑名单，或者配置一下 referer 防盗链`,
  tpl`**客户**：Traceback (most recent call last):\n  File "/home/deploy/app/upload.py", line 42, in <module>\n    ret, info = put_file(token, key, localfile)\nqiniu.http.ResponseInfo: status_code:${k('401')}, text_body:{"error":"bad token"}, ${k('req_id:Kq0AAABx8f3Yp9oX')}`,
  tpl`**客户**：我用的是 Node SDK，代码如下 const mac = new qiniu.auth.digest.Mac('${e('SECRET', 'kR2mQ9vL7xT4pW1nZ8cY3bH6jF5dG0sA2eU9iO4y')}', '${e('SECRET', 'Hq7Zp2Lx9Wm4Tn6Rv1Ky8Bc3Jd5Gf0Sa7Eu2Io9P')}'); ${k('const putPolicy = new qiniu.rs.PutPolicy(options);')}`,
  tpl`**客户**：发票寄送地址：浙江省杭州市西湖区某某路88号，${e('NAME', '孙丽')}收，电话${e('PHONE', '13588886666')}`,
  tpl`**客户**：你们的客服电话打不通，400那个，我手机${e('PHONE', '159 8765 4321')}，尽快回电`,
  tpl`**客户**：账号绑定的邮箱${e('EMAIL', 'xiaoming_2019@example.cn')}已经不用了，想换成${e('EMAIL', 'it-admin@example.com')}`,
  tpl`**客户**：退款请打到对公账户，户名：某某网络科技有限公司，开户行：某某银行杭州分行，账号 ${e('BANK_CARD', '6222021202041234569')}`,
  tpl`**客户**：nginx 报错：connect() failed (111: Connection refused) while connecting to upstream, client: ${e('IP', '192.0.2.188')}, server: ${k('api.example.com')}, request: "GET /v1/users HTTP/1.1", upstream: "http://${e('IP', '192.0.2.10')}:8080${e('URL', '/v1/users')}"`,
  tpl`**客户**：docker run -d -e QINIU_ACCESS_KEY=${e('SECRET', 'Aq1Bw2Ce3Dr4Ft5Gy6Hu7Ji8Ko9Lp0ZxCvBnMaSd')} -e QINIU_SECRET_KEY=${e('SECRET', 'Zx9Cv8Bn7Ma6Sd5Fg4Hj3Kl2Qw1Er0TyUiOpAsDf')} -p 8080:80 myapp`,
  tpl`**客服**：您好，王先生，您的工单 ${k('2024100800123')} 已处理，证书已重新签发`.text.includes(
    '王',
  )
    ? tpl`**客服**：您好，${e('NAME', '王')}先生，您的工单 ${k('2024100800123')} 已处理，证书已重新签发`
    : tpl``,
  tpl`**客户**：登录 portal 提示账号异常，手机号 ${e('PHONE', '+86 177 0000 1234')}，实名是${e('NAME', '钱芳')}，身份证${k('后四位 1234')}`,
  tpl`**客户**：curl -H "Authorization: Bearer ${e('SECRET', 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTYiLCJuYW1lIjoidGVzdCJ9.bG9uZ3NpZ25hdHVyZXZhbHVlaGVyZQ')}" ${k('https://api.example.com')}${e('URL', '/v2/files?limit=10')}`,
  tpl`**客户**：config.yaml:\nqiniu:\n  access_key: ${e('SECRET', 'Mn3Bv5Cx7Zl9Kj2Hg4Fd6Sa8Qw1Er3Ty5Ui7Op9A')}\n  secret_key: ${e('SECRET', 'Po0Iu9Yt8Re7Wq6As5Df4Gh3Jk2Lz1Xc0Vb9Nm8Q')}\n  bucket: ${k('video-archive')}\n  domain: ${k('https://v.example.com')}`,
  tpl`**客户**：您好，我是${e('NAME', '何静')}，之前和${e('NAME', '周')}经理对接过，合同编号 ${k('HT-2024-0917')}`,
  tpl`**客户**：微信号：${e('WECHAT', 'chen_yun_2020')} 手机：${e('PHONE', '13712340000')}，有问题随时联系`,
  tpl`**客户**：我们服务器出口 IP 段是 ${e('IP', '203.0.113.0')}/26 和 ${e('IP', '2001:db8:abcd::')}/48，麻烦加到回源白名单`,
  tpl`**客户**：上传报错 ${k('{"error":"file exists","error_code":"FileExists"}')}，key 是 ${k('avatar/8f14e45f-ceea-467a-9af0-3c9a1a8c2d51.png')}，${k('etag: FhV2zDpsTSHnZ9vC6w2nmQZbJ0k3')}`,
  tpl`**客服**：您好，可以参考 ${k('https://developer.qiniu.com/kodo/1671/region-endpoint-fq')} 选择对应区域的上传域名，华东是 ${k('upload.qiniup.com')}`,
  tpl`**客户**：这是带签名的下载链接 ${k('https://dl.example.cn')}${e('URL', '/backup/db-20241007.sql.gz?e=1728400000&token=Xy1Zw2Av3Bu4Ct5Ds6Er7Fq8Gp9Ho0InJmKlLkMj:AbCdEfGhIjKlMnOpQrStUvWxYz0=')}，过期了吗`,
  tpl`**客户**：服务器 root 密码 ${e('SECRET', 'Tq#8823kx')}，端口 ${k('22')}，帮忙看下磁盘为什么满了`,
  tpl`**客户**：你们销售${e('NAME', '林')}总说可以申请测试资源包，我的QQ ${e('QQ', '2837465910')}`,
  tpl`**客户**：公司名称：某某信息技术有限公司\n统一社会信用代码：${e('CREDIT_CODE', '91330106MA2GL6KX32')}\n地址电话：杭州市某某路1号 ${e('LANDLINE', '0571-88886666')}`,
  tpl`**客户**：[REDACTED_PHONE] ${e('NAME', '黄伟')} 这个是我的联系方式，之前的 [REDACTED_EMAIL] 已经停用`,
  tpl`**客户**：${k('2024-10-08 09:15:32.118')} ERROR [main] c.q.s.UploadService - upload failed, bucket=${k('prod-images')}, key=${k('u/1024/avatar.jpg')}, cost=${k('1532ms')}, traceId=${k('7f3a9c2e1b4d5f60')}`,
  tpl`**客户**：用的 python sdk ${k('7.14.0')}，python ${k('3.12.2')}，系统 ${k('Ubuntu 22.04')}，内核 ${k('5.15.0-91-generic')}`,
  tpl`**客户**：hosts 里写了 ${e('IP', '198.51.100.200')} ${k('cdn.example.org')}，ping 出来是 ${e('IP', '203.0.113.9')}，是不是没生效`,
  tpl`**客户**：电话：${e('LANDLINE', '（021）62881234')}转${k('8')}号分机找${e('NAME', '徐')}工`
    .text.length > 0
    ? tpl`**客户**：电话：${e('LANDLINE', '（021）62881234转8')}，找${e('NAME', '徐')}工`
    : tpl``,
  tpl`**客户**：私钥格式不对吗？-----BEGIN EC PRIVATE KEY-----`.text.length > 0
    ? tpl`**客户**：私钥格式不对吗？${e('SECRET', '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oJt0s+4MFZf3oAoGCCqGSM49\nAwEHoUQDQgAE3Qy2bRC8w5MThEdtWAq3vWyrLt3cT+2FCh0mzIN0b4/ID0v5EQ==\n-----END EC PRIVATE KEY-----')}`
    : tpl``,
  tpl`**客户**：ID 是 ${k('1843216798543210987')}，请求时间 ${k('1728371732')}，金额 ${k('¥1,280.00')}`,
  tpl`**客服**：${e('NAME', '马')}女士您好，核实身份需要提供注册手机号和身份证号，您提供的 ${e('ID_CARD', '330106198807150023')} 与实名信息一致`,
  tpl`**客户**：账号 ${e('EMAIL', 'liuyang@example.org')} 密码忘了，手机 ${e('PHONE', '186-1234-5678')} 收不到验证码`,
  tpl`**客户**：源站是 ${e('URL', '/files/report.pdf')}`.text.length > 0
    ? tpl`**客户**：源站是 ${k('http://origin.example.com:8080')}${e('URL', '/files/report.pdf')}，CDN 回源 ${k('404')}`
    : tpl``,
  withOptions(
    tpl`**客户**：我们有三个加速域名 ${e('DOMAIN', 'a.example.com')}、${e('DOMAIN', 'b.example.com')} 和 ${e('DOMAIN', 'img.example.cn')}，都指向 ${k('up-z2.qiniup.com')}`,
    { redactDomains: true },
  ),
  tpl`**客户**：您好，短信签名审核不通过，签名是"某某科技"，联系人${e('NAME', '罗娜')}，手机${e('PHONE', '15012345678')}，座机${e('LANDLINE', '010-82345678')}`,
  tpl`**客户**：我的 token 是 ${e('SECRET', 'Lm2Nb4Vc6Xz8As0Df2Gh4Jk6Lq8We0Rt2Yu4Io6P:Zq1Xw2Ce3Vr4Bt5Ny6Mu7Ki8Ol9P0=:eyJzY29wZSI6Im15LWJ1Y2tldCIsImRlYWRsaW5lIjoxNzI4NDAwMDAwfQ==')}`,
  tpl`**客户**：麻烦把 ${k('i-2ze8f3k1x9y7w6v5u4t3')} 这台云主机重启一下，安全组 ${k('sg-2ze7a6b5c4d3e2f1')} 放开了 ${k('3389')} 端口`,
  tpl`**客户**：回调地址 ${k('https://hooks.example.com')}${e('URL', '/qiniu/callback?secret=Gh7Jk9Lm2Nb4Vc6X')} 收不到回调`,
];
