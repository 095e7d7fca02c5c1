import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findOtherProvider } from '../../src/triage/other-provider.js';

describe('findOtherProvider', () => {
  test('finds a provider by any name', () => {
    assert.deepEqual(findOtherProvider('腾讯云cos的存储桶怎么设置跨域'), {
      name: '腾讯云',
      evidence: '腾讯云',
    });
    assert.deepEqual(findOtherProvider('Aliyun 的 ECS 连不上'), {
      name: '阿里云',
      evidence: 'Aliyun',
    });
    assert.equal(findOtherProvider('AWS S3 的文件怎么批量下载')?.name, 'AWS');
  });

  test('reads a Latin name as a whole word', () => {
    assert.equal(findOtherProvider('我们用的laws系统上传失败'), null);
    assert.equal(findOtherProvider('gcpu 占用很高'), null);
  });

  test('leaves questions tied to us', () => {
    // Moving data, an origin on the other provider, a comparison with us, or code run there.
    assert.equal(findOtherProvider('从阿里云oss迁移到七牛要怎么操作'), null);
    assert.equal(findOtherProvider('CDN回源到阿里云OSS一直502'), null);
    assert.equal(findOtherProvider('你们和腾讯云比哪个便宜'), null);
    assert.equal(findOtherProvider('同样代码在阿里云服务器上返回None'), null);
  });

  test('finds none in an ordinary question', () => {
    assert.equal(findOtherProvider('免费证书申请了一天了还在审核中'), null);
  });
});
