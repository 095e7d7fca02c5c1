import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../src/cli/run.js';
import { importArchives } from '../../src/ingest/index.js';
import { MAX_LISTED_WARNINGS } from '../../src/ingest/archive-reader.js';
import { findCase } from '../../src/store/index.js';
import { databaseFor, openTestStore } from '../database.js';
import { captureIO, tempDir } from '../helpers.js';
import { HEADER_LINES, archiveText, lineNumberOf, recordLines } from './archive-text.js';

const { dir, cleanup } = tempDir();
after(cleanup);

const CUSTOMER_TURN = '**客户**：证书过期了';
const DAMAGED = '客服：请拨打 13912345678 联系我们'; // "call 139… to reach us", without asterisks

/** Writes a one-record archive with `inserted` after the customer's marker line. */
function writeArchive(name: string, inserted: readonly string[], extra: string[] = []) {
  const lines = [...HEADER_LINES, ...recordLines('Q1')];
  lines.splice(lineNumberOf(lines, CUSTOMER_TURN), 0, ...inserted);
  lines.push('', ...extra);
  const file = path.join(dir, name);
  writeFileSync(file, archiveText(lines));
  return { file, lines };
}

describe('near-miss warnings on import', () => {
  it('reports file, line and code', async () => {
    const { file, lines } = writeArchive('damaged.md', [DAMAGED]);
    const store = await openTestStore(dir, 'damaged.db');
    try {
      const summary = await importArchives(store, [file]);
      const stored = await findCase(store, 'damaged.md', 'Q1');

      assert.equal(summary.imported, 1);
      assert.deepEqual(summary.errors, []);
      assert.equal(summary.warnings.length, 1);
      const warning = summary.warnings[0]!;
      assert.equal(warning.file, file);
      assert.equal(warning.line, lineNumberOf(lines, DAMAGED));
      assert.equal(warning.code, 'malformed-turn-marker');
      assert.match(warning.message, /looks like the turn marker "\*\*客服\*\*：" without/);
      assert.equal(stored?.turns.length, 2);
      assert.equal(stored?.turns[0]?.role, 'customer');
    } finally {
      await store.close();
    }
  });

  it('redacts the quoted line', async () => {
    const { file } = writeArchive('phone.md', [DAMAGED]);
    const store = await openTestStore(dir, 'phone.db');
    try {
      const summary = await importArchives(store, [file]);
      const message = summary.warnings[0]?.message ?? '';
      assert.doesNotMatch(message, /13912345678/);
      assert.match(message, /\[PHONE_1\]/);
    } finally {
      await store.close();
    }
  });

  it('gives none for a rejected file', async () => {
    const { file } = writeArchive('rejected.md', [DAMAGED], ['## Qx: 坏的记录']);
    const store = await openTestStore(dir, 'rejected.db');
    try {
      const rejected = await importArchives(store, [file]);
      const skipped = await importArchives(store, [file], { skipInvalid: true });

      assert.deepEqual(rejected.rejectedFiles, [file]);
      assert.deepEqual(rejected.warnings, []);
      assert.equal(skipped.imported, 1);
      assert.deepEqual(
        skipped.warnings.map((warning) => warning.code),
        ['malformed-turn-marker'],
      );
    } finally {
      await store.close();
    }
  });

  it('counts the lines beyond the list', async () => {
    const count = MAX_LISTED_WARNINGS + 3;
    const damaged = Array.from({ length: count }, (_, i) => `客服：第${i}行`);
    const { file, lines } = writeArchive('many.md', damaged);
    const store = await openTestStore(dir, 'many.db');
    try {
      const summary = await importArchives(store, [file]);
      const last = summary.warnings.at(-1);
      const lastListed = lineNumberOf(lines, `客服：第${MAX_LISTED_WARNINGS - 1}行`);

      assert.equal(summary.warnings.length, MAX_LISTED_WARNINGS + 1);
      assert.equal(last?.file, file);
      assert.equal(last?.line, undefined);
      assert.equal(last?.code, undefined);
      assert.match(last?.message ?? '', new RegExp(`3 more lines after line ${lastListed} look`));
    } finally {
      await store.close();
    }
  });
});

describe('near-miss warnings in the CLI', () => {
  const { file, lines } = writeArchive('cli.md', ['**客服**']);
  const line = lineNumberOf(lines, '**客服**');

  it('prints them to stderr and exits 0', async () => {
    const io = captureIO({ cwd: dir });
    const code = await runCli(['--db', databaseFor(dir, 'cli.db'), 'import', file], io);

    assert.equal(code, 0);
    assert.match(io.output(), /Imported 1 new case/);
    assert.match(
      io.errors(),
      new RegExp(`^Warning: .*cli\\.md:${line}: the line "\\*\\*客服\\*\\*"`),
    );
  });

  it('lists them in --json', async () => {
    const io = captureIO({ cwd: dir });
    const args = ['--db', databaseFor(dir, 'cli-json.db'), '--json', 'import', file];
    const code = await runCli(args, io);
    const summary = JSON.parse(io.output());

    assert.equal(code, 0);
    assert.equal(summary.warnings.length, 1);
    assert.equal(summary.warnings[0].code, 'turn-marker-without-colon');
    assert.equal(summary.warnings[0].line, line);
    assert.equal(summary.warnings[0].file, file);
  });
});
