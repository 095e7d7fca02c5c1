import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Path of the real sample archive with 95 records. */
export const SAMPLE_PATH = fileURLToPath(
  new URL('../../data/samples/support-records-part14.md', import.meta.url),
);

/** Text of the sample archive. */
export function readSample(): string {
  return readFileSync(SAMPLE_PATH, 'utf8');
}

/** Header lines of a small test archive, ending with the blank line after the rule. */
export const HEADER_LINES = [
  '# 客户支持问题处理记录 (Part 7)',
  '',
  '本文档包含 2 个客户支持问题的结构化记录。',
  '',
  '='.repeat(80),
  '',
];

/**
 * Lines of one well-formed record in the sample's layout. The category line and the answer can
 * be replaced, which is how the malformed cases are built.
 */
export function recordLines(ref: string, options: { category?: string } = {}): string[] {
  return [
    `## ${ref}: 证书过期`,
    '',
    options.category ?? '**问题分类**: CDN｜证书问题',
    '',
    '### 问题描述',
    '证书过期了', // "the certificate has expired"
    '',
    '### 客服解答',
    '请续费证书', // "please renew the certificate"
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
  ];
}

/** Joins lines into archive text with a final line feed. */
export function archiveText(lines: readonly string[]): string {
  return `${lines.join('\n')}\n`;
}

/** Returns the 1-based number of the first line equal to `line`. */
export function lineNumberOf(lines: readonly string[], line: string): number {
  const index = lines.indexOf(line);
  if (index === -1) throw new Error(`test archive has no line ${JSON.stringify(line)}`);
  return index + 1;
}
