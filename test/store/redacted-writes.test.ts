import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parseArchive, parseCaseLines } from '../../src/ingest/index.js';
import { quoteText } from '../../src/ingest/errors.js';
import { redactHeader } from '../../src/redact/record.js';
import { safeFileName } from '../../src/server/archive/upload.js';
import { createApiToken } from '../../src/store/api-tokens.js';
import { editFaqEntry, saveFaqCandidates } from '../../src/store/faq.js';
import { createUser } from '../../src/store/users.js';
import { openTestStore } from '../database.js';
import { tempDir } from '../helpers.js';
import { HEADER_LINES, archiveText, recordLines } from '../ingest/archive-text.js';

const PHONE = '13912345678';

describe('typed text redaction', () => {
  it('redacts an edited FAQ entry', async () => {
    const { dir, cleanup } = tempDir();
    const store = await openTestStore(dir, 'faq.db');
    try {
      await saveFaqCandidates(store, [
        {
          fingerprint: 'cause:test',
          rootCauseCode: null,
          question: '证书怎么续期',
          answer: '在控制台续期',
          steps: ['在控制台续期'],
          refs: [{ source: 'a.md', ref: 'Q1' }],
          caseCount: 2,
          firstSeen: '2026-01-01T00:00:00.000Z',
          lastSeen: '2026-01-02T00:00:00.000Z',
        },
      ]);
      const [row] = (await store.sql.all('SELECT id FROM faq_entries')) as Array<{ id: number }>;
      const entry = await editFaqEntry(store, row!.id, {
        question: `张伟先生 ${PHONE} 问`,
        steps: ['密码：Zw@2024!abc'],
      });
      assert.equal(entry?.question, '[NAME_1]先生 [PHONE_1] 问');
      assert.deepEqual(entry?.steps, ['密码：[SECRET_1]']);
    } finally {
      await store.close();
      cleanup();
    }
  });

  it('redacts an API token name', async () => {
    const { dir, cleanup } = tempDir();
    const store = await openTestStore(dir, 'tokens.db');
    try {
      const user = await createUser(store, {
        email: 'admin@example.com',
        passwordHash: 'hash',
        role: 'admin',
        name: 'admin',
      });
      const token = await createApiToken(store, {
        userId: user!.id,
        name: `张伟 ${PHONE}`,
        scope: 'api',
        tokenHash: 'hash',
        prefix: 'cbk_abc',
      });
      assert.equal(token.name, '[NAME_1] [PHONE_1]');
    } finally {
      await store.close();
      cleanup();
    }
  });
});

describe('refs, parts and file names', () => {
  it('drops a header part that redaction replaced', () => {
    const title = `客户支持问题处理记录 (Part ${PHONE})`;
    const { header } = redactHeader({ title, part: PHONE, preamble: '' });
    assert.equal(header.part, null);
    assert.doesNotMatch(JSON.stringify(header), new RegExp(PHONE));
  });

  it('rejects a case line whose ref is a phone number', () => {
    const line = JSON.stringify({
      source: 'a.md',
      ref: `Q${PHONE}`,
      title: '证书',
      category: 'CDN｜证书问题',
      turns: [{ role: 'customer', text: '证书过期了' }],
    });
    const parsed = parseCaseLines(`${line}\n`, 'cases.jsonl');
    const messages = parsed.errors.map((error) => error.message);
    assert.ok(messages.some((message) => message.includes('field "ref"')));
    assert.doesNotMatch(messages.join('\n'), new RegExp(PHONE));
  });

  it('rejects a record number above the integer range', () => {
    const text = archiveText([...HEADER_LINES, ...recordLines(`Q${PHONE}`)]);
    const archive = parseArchive(text, 'big.md');
    assert.equal(archive.errors[0]?.code, 'invalid-record-start');
    assert.doesNotMatch(archive.errors[0]?.message ?? '', new RegExp(PHONE));
  });

  it('redacts an uploaded file name before cleaning it', () => {
    const name = safeFileName(`张伟 ${PHONE}.md`);
    assert.match(name, /^\[NAME_1\]_\[PHONE_1\]-h[0-9a-f]{8}\.md$/);
  });
});

describe('quotes in import messages', () => {
  it('redacts a value after a control character', () => {
    // JSON escaping would glue the number to a t (\t13912345678), out of the redactor's sight.
    assert.equal(quoteText(`a\t${PHONE}`), '"a\\t[PHONE_1]"');
  });
});
