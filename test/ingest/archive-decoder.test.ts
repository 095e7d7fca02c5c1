import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { findInvalidUtf8 } from '../../src/ingest/archive-decoder.js';
import {
  ArchiveError,
  decodeArchive,
  decodeDamagedArchive,
  parseArchive,
  readArchiveFile,
} from '../../src/ingest/index.js';
import { SAMPLE_PATH, readSample } from './archive-text.js';

const FILE = 'part7.md';
// "你好" (hello) in GBK: a lead byte 0xC4 that UTF-8 reads as the start of a two-byte sequence,
// followed by 0xE3, which is not a UTF-8 continuation byte.
const GBK_HELLO = [0xc4, 0xe3, 0xba, 0xc3];

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function decodeError(bytes: Uint8Array): ArchiveError {
  try {
    decodeArchive(bytes, FILE);
  } catch (error) {
    assert.ok(error instanceof ArchiveError, String(error));
    return error;
  }
  assert.fail('decodeArchive accepted the bytes');
}

describe('decodeArchive', () => {
  it('decodes the sample unchanged', () => {
    const bytes = new Uint8Array(Buffer.from(readSample(), 'utf8'));
    assert.equal(decodeArchive(bytes, SAMPLE_PATH), readSample());
  });

  it('strips a UTF-8 byte order mark', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('# 标题\n')]);
    assert.equal(decodeArchive(bytes, FILE), '# 标题\n');
  });

  it('rejects UTF-16 with BOM', () => {
    const bytes = Uint8Array.from([0xff, 0xfe, ...Buffer.from('# 标题\n', 'utf16le')]);
    const error = decodeError(bytes);
    assert.equal(error.code, 'invalid-encoding');
    assert.equal(error.line, 1);
    assert.match(error.message, /UTF-16LE/);
    assert.match(error.message, /iconv -f UTF-16LE -t UTF-8/);
  });

  it('rejects big-endian UTF-16 with BOM', () => {
    const error = decodeError(Uint8Array.from([0xfe, 0xff, 0x00, 0x23]));
    assert.equal(error.code, 'invalid-encoding');
    assert.match(error.message, /UTF-16BE/);
  });

  it('rejects UTF-16 without BOM', () => {
    const bytes = new Uint8Array(Buffer.from('# 客户支持 (Part 1)\n\n## Q1: 1\n', 'utf16le'));
    const error = decodeError(bytes);
    assert.equal(error.code, 'invalid-encoding');
    assert.equal(error.line, 1);
    assert.match(error.message, /UTF-16LE/);
  });

  it('rejects GBK bytes with line', () => {
    const bytes = Uint8Array.from([...utf8('# title\n\nnote: '), ...GBK_HELLO, 0x0a]);
    const error = decodeError(bytes);
    assert.equal(error.code, 'invalid-encoding');
    assert.equal(error.line, 3);
    assert.match(error.message, /0xC4 0xE3/);
    assert.match(error.message, /reads as GBK \(GB18030\)/);
    assert.match(error.message, /iconv -f GB18030 -t UTF-8/);
    assert.ok(error.message.startsWith(`${FILE}:3: `), error.message);
  });

  it('names a cut character in UTF-8 text', () => {
    // The first two of the three bytes of 理 ("reason") before a line feed, amid UTF-8 text.
    const text = '客户反馈上传失败，客服建议检查网络与证书配置。\n'.repeat(5);
    const cut = Buffer.from('理', 'utf8').subarray(0, 2);
    const bytes = Uint8Array.from([...utf8(text), ...cut, 0x0a, ...utf8(text)]);
    const error = decodeError(bytes);
    assert.equal(error.code, 'invalid-encoding');
    assert.equal(error.line, 6);
    assert.match(error.message, /cut in half/);
    assert.doesNotMatch(error.message, /iconv/);
  });

  it('rejects a stray NUL byte', () => {
    const bytes = Uint8Array.from([...utf8('# 标题\n第二行'), 0x00, ...utf8('\n')]);
    const error = decodeError(bytes);
    assert.equal(error.code, 'invalid-encoding');
    assert.equal(error.line, 2);
    assert.match(error.message, /NUL/);
    assert.match(error.message, /remove the byte/);
  });

  it('names binary data', () => {
    const bytes = Uint8Array.from([0x01, 0x00, 0x02, 0x00, 0x00, 0x07, 0x00, 0x09, 0x00, 0x00]);
    const error = decodeError(bytes);
    assert.equal(error.code, 'invalid-encoding');
    assert.match(error.message, /binary data rather than text/);
  });

  it('names a gzip archive', () => {
    const error = decodeError(Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, 0x41, 0x42]));
    assert.equal(error.line, 1);
    assert.match(error.message, /a gzip archive, not text; decompress it first/);
  });

  it('does not call Latin-1 text GBK', () => {
    // "Café résumé" in Latin-1: é and a space cannot form a GBK character.
    const bytes = Uint8Array.from([
      0x43, 0x61, 0x66, 0xe9, 0x20, 0x72, 0xe9, 0x73, 0x75, 0x6d, 0xe9,
    ]);
    const error = decodeError(bytes);
    assert.match(error.message, /nor is the file GBK or Big5 text/);
    assert.match(error.message, /iconv -f ENCODING -t UTF-8/);
  });
});

describe('decodeDamagedArchive', () => {
  // The first two of the three bytes of 理 ("reason"), a character cut in half.
  const CUT = [...Buffer.from('理', 'utf8').subarray(0, 2)];
  const LINE = '客户反馈上传失败，客服建议检查网络与证书配置。\n';

  it('lists the lines of cut characters', () => {
    // Enough UTF-8 text around them that the file is not taken for another encoding.
    const bytes = Uint8Array.from([
      ...utf8(LINE.repeat(10)),
      ...CUT,
      0x0a,
      ...utf8(LINE),
      ...CUT,
      ...CUT,
      0x0a,
      ...utf8(LINE.repeat(10)),
    ]);
    const { text, damage } = decodeDamagedArchive(bytes, FILE);
    assert.deepEqual(damage?.lines, [11, 13]);
    assert.equal(damage?.error.line, 11);
    assert.match(text, /\uFFFD/);
  });

  it('returns no damage for valid text', () => {
    assert.equal(decodeDamagedArchive(utf8(LINE), FILE).damage, null);
  });

  it('still rejects GBK text', () => {
    const bytes = Uint8Array.from([...utf8('# 标题\n'), ...GBK_HELLO]);
    assert.throws(() => decodeDamagedArchive(bytes, FILE), { code: 'invalid-encoding' });
  });

  it('rejects only the damaged record', () => {
    const sample = readSample();
    const at = sample.indexOf('**客户**', sample.indexOf('## Q2:'));
    const bytes = Uint8Array.from([
      ...utf8(sample.slice(0, at)),
      ...CUT,
      ...utf8(sample.slice(at)),
    ]);
    const { text, damage } = decodeDamagedArchive(bytes, FILE);
    const archive = parseArchive(text, FILE, damage);
    assert.deepEqual(archive.invalidRefs, ['Q2']);
    assert.equal(archive.records.length, 94);
    assert.equal(archive.errors[0]?.code, 'damaged-text');
    assert.match(archive.errors[0]?.message ?? '', /record Q2 has a byte sequence/);
  });

  it('rejects a damaged header whole', () => {
    const sample = readSample();
    const bytes = Uint8Array.from([...CUT, ...utf8(sample)]);
    const { text, damage } = decodeDamagedArchive(bytes, FILE);
    assert.throws(() => parseArchive(text, FILE, damage), { code: 'invalid-encoding' });
  });
});

describe('findInvalidUtf8', () => {
  it('accepts valid text', () => {
    assert.equal(findInvalidUtf8(utf8('中文 ASCII 😀 \uFFFD')), -1);
  });

  it('finds ill-formed sequences', () => {
    const cases: [string, number[], number][] = [
      ['overlong slash', [0x41, 0xc0, 0xaf], 1],
      ['surrogate', [0xed, 0xa0, 0x80], 0],
      ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
      ['truncated at end', [0x41, 0xe4, 0xb8], 1],
      ['lone continuation', [0x80], 0],
      ['GBK pair', GBK_HELLO, 0],
    ];
    for (const [name, bytes, offset] of cases) {
      assert.equal(findInvalidUtf8(Uint8Array.from(bytes)), offset, name);
    }
  });
});

describe('readArchiveFile', () => {
  it('throws on GBK files', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'casebook-ingest-'));
    const file = path.join(folder, 'gbk.md');
    try {
      writeFileSync(file, Uint8Array.from([...utf8('# 标题\n'), ...GBK_HELLO]));
      assert.throws(() => readArchiveFile(file), {
        name: 'ArchiveError',
        code: 'invalid-encoding',
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
