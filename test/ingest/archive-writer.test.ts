import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ArchiveWriteError,
  defaultHeader,
  parseArchive,
  writeArchive,
  type CaseRecord,
} from '../../src/ingest/index.js';
import { SAMPLE_PATH, readSample } from './archive-text.js';

const record: CaseRecord = {
  source: 'part7.md',
  ref: 'Q1',
  title: '证书过期',
  product: 'CDN',
  type: '证书问题',
  description: '证书过期了',
  answer: '请续费证书',
  rootCause: 'SSL证书配置或申请问题',
  turns: [
    { role: 'customer', text: '证书过期了' },
    { role: 'agent', text: '请续费证书' },
  ],
};

describe('writeArchive on the sample', () => {
  const text = readSample();
  const sample = parseArchive(text, SAMPLE_PATH);

  it('reproduces the sample byte for byte', () => {
    assert.equal(writeArchive(sample.header, sample.records), text);
  });

  it('round-trips every record field', () => {
    const again = parseArchive(writeArchive(sample.header, sample.records), SAMPLE_PATH);
    assert.deepEqual(again.errors, []);
    assert.deepEqual(again.header, sample.header);
    assert.equal(again.records.length, sample.records.length);
    sample.records.forEach((original, index) => {
      assert.deepEqual(again.records[index], original, original.ref);
    });
  });
});

describe('writeArchive layout', () => {
  it('writes the sample record layout', () => {
    const text = writeArchive({ title: '测试', part: null, preamble: '' }, [record]);
    const expected = [
      '# 测试',
      '',
      '## Q1: 证书过期',
      '',
      '**问题分类**: CDN｜证书问题',
      '',
      '### 问题描述',
      '证书过期了',
      '',
      '### 客服解答',
      '请续费证书',
      '',
      '### 根本原因分析',
      'SSL证书配置或申请问题',
      '',
      '### 完整对话记录',
      '**客户**：证书过期了',
      '',
      '**客服**：请续费证书',
      '',
      '---',
      '',
    ].join('\n');
    assert.equal(text, expected);
  });

  it('writes empty sections and titles', () => {
    const empty = { ...record, title: '', answer: '', turns: [] };
    const text = writeArchive({ title: '测试', part: null, preamble: '' }, [empty]);
    assert.ok(text.includes('## Q1:\n'));
    assert.ok(text.includes('### 客服解答\n\n\n### 根本原因分析\n'));
    assert.ok(text.endsWith('### 完整对话记录\n\n\n---\n'));
    assert.deepEqual(parseArchive(text, 'part7.md').records, [empty]);
  });

  it('writes canonical category lines', () => {
    const text = ['# 测试', '', '## Q1: 1', '', '**问题分类**：CDN|证书问题', '', '---', ''].join(
      '\n',
    );
    const archive = parseArchive(text, 'part7.md');
    assert.match(
      writeArchive(archive.header, archive.records),
      /^\*\*问题分类\*\*: CDN｜证书问题$/m,
    );
  });
});

describe('defaultHeader', () => {
  it('builds the standard header', () => {
    const header = defaultHeader(3, '15');
    assert.equal(header.title, '客户支持问题处理记录 (Part 15)');
    assert.equal(header.part, '15');
    assert.ok(header.preamble.startsWith('本文档包含 3 个客户支持问题的结构化记录。\n\n'));
    assert.ok(header.preamble.endsWith(`\n\n${'='.repeat(80)}`));
  });

  it('matches the sample header', () => {
    const sample = parseArchive(readSample(), SAMPLE_PATH);
    assert.deepEqual(defaultHeader(95, '14'), sample.header);
  });

  it('omits the part when null', () => {
    const header = defaultHeader(2, null);
    assert.equal(header.title, '客户支持问题处理记录');
    assert.equal(header.part, null);
    const archive = parseArchive(writeArchive(header, [record]), 'mixed.md');
    assert.deepEqual(archive.header, header);
  });
});

describe('writeArchive rejections', () => {
  const header = defaultHeader(1, '7');

  function rejects(changed: Partial<CaseRecord>, field: string) {
    assert.throws(
      () => writeArchive(header, [{ ...record, ...changed }]),
      (error: unknown) => {
        assert.ok(error instanceof ArchiveWriteError, String(error));
        assert.equal(error.code, 'unwritable-text');
        assert.equal(error.field, field);
        return true;
      },
    );
  }

  it('rejects headings in answers', () => {
    rejects({ answer: '步骤如下\n### 第一步' }, 'answer');
    rejects({ answer: '步骤如下\n### 根本原因分析' }, 'answer');
  });

  it('accepts headings that a turn repeats', () => {
    const steps = '步骤如下\n### 第一步\n打开控制台';
    const turns = [...record.turns, { role: 'agent' as const, text: steps }];
    const changed = { ...record, answer: steps, turns };
    const archive = parseArchive(writeArchive(header, [changed]), 'part7.md');
    assert.deepEqual(archive.errors, []);
    assert.deepEqual(archive.records, [changed]);
  });

  it('rejects turn markers in sections', () => {
    rejects({ rootCause: '原因\n**客服**：稍等' }, 'rootCause');
  });

  it('rejects structure lines in turns', () => {
    const turn = (text: string) => ({ turns: [{ role: 'customer' as const, text }] });
    rejects(turn('第一行\n**客服**：好的'), 'turns[0]');
    rejects(turn('第一行\n## Q2: 标题'), 'turns[0]');
    rejects(turn('第一行\n### 客服解答'), 'turns[0]');
  });

  it('rejects malformed refs and categories', () => {
    rejects({ ref: 'X1' }, 'ref');
    rejects({ title: '两行\n标题' }, 'title');
    rejects({ product: 'CDN｜加速' }, 'product');
    rejects({ type: '' }, 'type');
  });

  it('rejects repeated refs', () => {
    assert.throws(() => writeArchive(header, [record, { ...record }]), {
      name: 'ArchiveWriteError',
      field: 'ref',
    });
  });

  it('rejects a part missing from the title', () => {
    const broken = { ...header, title: '客户支持问题处理记录' };
    assert.throws(() => writeArchive(broken, [record]), { field: 'part' });
  });

  it('rejects text after the rule', () => {
    const broken = { ...header, preamble: `${header.preamble}\n说明` };
    assert.throws(() => writeArchive(broken, [record]), { field: 'preamble' });
  });

  it('accepts Markdown lines in turns', () => {
    const text = '代码如下\n# 设置空间区域\n### 步骤\n---\n\t缩进';
    const changed = { ...record, turns: [{ role: 'agent' as const, text }] };
    const archive = parseArchive(writeArchive(header, [changed]), 'part7.md');
    assert.deepEqual(archive.errors, []);
    assert.deepEqual(archive.records, [changed]);
  });
});
