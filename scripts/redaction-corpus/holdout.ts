// Hand-written messages kept apart from tuning: docs/redaction.md reports the redactor's score
// on these as measured the first time they were run, before any change made because of them.
import { entity as e, keep as k, tpl, type Draft } from './build.js';

export const holdout: Draft[] = [
  tpl`**客户**：您好 我这边是做小程序的 图片存在你们这 ${k('https://pic.example.com')}${e('URL', '/goods/2024/10/09/abc.png?imageView2/2/w/300')} 这个裁剪参数不生效`,
  tpl`**客户**：张工你好，上次说的回源问题还是有，我电话 ${e('PHONE', '13912348765')}，方便的时候回一下`
    .text.length > 0
    ? tpl`**客户**：${e('NAME', '张')}工你好，上次说的回源问题还是有，我电话 ${e('PHONE', '13912348765')}，方便的时候回一下`
    : tpl``,
  tpl`**客户**：身份证号码：${e('ID_CARD', '44030519920817356X')}，姓名：${e('NAME', '吴梦')}，认证提示信息不一致`,
  tpl`**客户**：AccessKey: ${e('SECRET', 'Tz3Yx5Wv7Ut9Sr1Qp3On5Ml7Kj9Ih1Gf3Ed5Cb7A')}\nSecretKey: ${e('SECRET', 'Ab2Cd4Ef6Gh8Ij0Kl2Mn4Op6Qr8St0Uv2Wx4Yz6B')}\n这样配置 rclone 可以吗`,
  tpl`**客户**：用 qshell 执行 qshell account ${e('SECRET', 'Ke4Lf6Mg8Nh0Oi2Pj4Qk6Rl8Sm0Tn2Uo4Vp6Wq8X')} ${e('SECRET', 'Xr9Ys7Zt5Au3Bv1Cw9Dx7Ey5Fz3Ga1Hb9Ic7Jd5K')} myname 报错 ${k('401')}`,
  tpl`**客户**：开票信息 名称：某某教育科技有限公司 税号：${e('CREDIT_CODE', '91440300MA5FXT3Q2K')} 开户行及账号：某某银行深圳分行 ${e('BANK_CARD', '6217001234987654322')}`,
  tpl`**客户**：[图片]这个是报错截图，我的邮箱是${e('EMAIL', 'hr.zhao@example.com')}，把排查结果发我邮箱吧`,
  tpl`**客户**：源站服务器 ${e('IP', '198.51.100.66')} 上 nginx 配置了 allow ${e('IP', '203.0.113.0')}/24; deny all; 现在回源全是 ${k('403')}`,
  tpl`**客户**：你们那个陈经理电话多少，之前加了微信找不到了`.text.length > 0
    ? tpl`**客户**：你们那个${e('NAME', '陈')}经理电话多少，之前加了微信找不到了`
    : tpl``,
  tpl`**客户**：export AWS_SECRET_ACCESS_KEY=${e('SECRET', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')} 迁移到 kodo 用 s3 兼容接口要改 endpoint 吗`,
  tpl`**客户**：联系人 ${e('NAME', '郑凯')} 电话 ${e('PHONE', '13600001111')} 邮箱 ${e('EMAIL', 'zhengkai@example.cn')}`,
  tpl`**客户**：我这边测试了 ${k('ping up-z2.qiniup.com')} 延迟正常，但是 traceroute 到第 7 跳 ${e('IP', '203.0.113.129')} 就超时了`,
  tpl`**客户**：数据库连接串 mysql://app:${e('SECRET', 'Kx82!pLm')}@${e('IP', '192.0.2.50')}:3306${e('URL', '/orders')} 这个会不会泄露`,
  tpl`**客户**：{"code":0,"data":{"user_id":${k('100234')},"nickname":"小鱼","mobile":"${e('PHONE', '15800002222')}","email":"${e('EMAIL', 'fish@example.com')}"}}`,
  tpl`**客户**：请把发票寄给我们财务${e('NAME', '冯')}小姐，地址上次留过了`,
  tpl`**客户**：报错信息：${k('SignatureDoesNotMatch')}，AccessKeyId=${e('SECRET', 'AKIAJ7Q2EXAMPLE4WXYZ')}，region=${k('cn-east-1')}`,
  tpl`**客户**：老板让我问下，我们月底续费能不能开 ${k('13%')} 的专票，联系人是${e('NAME', '杜鹏')}，${e('PHONE', '188 0000 3333')}`,
  tpl`**客户**：对象 key 是 ${k('logs/2024/10/09/app-20241009.log.gz')}，大小 ${k('1.2GB')}，分片上传到第 ${k('137')} 片失败`,
  tpl`**客户**：身份证 ${e('ID_CARD', '510107197502034414')} 和 ${e('ID_CARD', '320102196604128815')} 哪个可以做实名主体变更`,
  tpl`**客户**：工作时间找我座机 ${e('LANDLINE', '0755-86001234')}，下班打手机 ${e('PHONE', '13711112222')}`,
  tpl`**客户**：这个是我们的证书私钥吗 -----BEGIN PRIVATE KEY----- MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC7 后面太长了就不贴了`
    .text.length > 0
    ? tpl`**客户**：这个是我们的证书私钥吗 ${e('SECRET', '-----BEGIN PRIVATE KEY----- MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC7')} 后面太长了就不贴了`
    : tpl``,
  tpl`**客服**：您好，已经为您开通了测试资源包，有效期 ${k('30')} 天，如有问题可以联系您的专属商务${e('NAME', '宋')}经理`,
  tpl`**客户**：加我 wx：${e('WECHAT', 'tangyuan_88')} 或者 QQ：${e('QQ', '58392011')}，发你抓包文件`,
  tpl`**客户**：visa 卡 ${e('BANK_CARD', '4367 4298 7654 3216')} 付款一直失败，提示 ${k('card_declined')}`,
  tpl`**客户**：访问日志里全是这个 UA：${k('Mozilla/5.0 (compatible; Googlebot/2.1)')}，来源 IP ${e('IP', '192.0.2.77')}，一小时 ${k('12')} 万次请求`,
  tpl`**客户**：我把 ${k('Referer')} 白名单设成了 *.example.com，结果 ${k('https://www.example.com')} 自己也访问不了`,
  tpl`**客户**：服务端代码 String token = Jwts.builder().setSubject(uid).signWith(SignatureAlgorithm.HS256, "${e('SECRET', 'myJwtSecretKey2024!')}").compact();`,
  tpl`**客户**：我们在 ${e('IP', '2001:db8:1f70::999:de8:7648:6e8')} 这台机器上 curl 不通上传域名`,
  tpl`**客户**：收件人：${e('NAME', '欧阳娜娜')} ${e('PHONE', '13155556666')} 北京市朝阳区某某街道`,
  tpl`**客户**：营业执照上的法人${e('NAME', '何伟')}已经离职了，要怎么变更账号主体`,
];
