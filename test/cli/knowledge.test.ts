import { after, before, describe, test } from 'node:test';
import { databaseFor } from '../database.js';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { SAMPLE, captureIO, tempDir } from '../helpers.js';

const LABELS = path.resolve('data/eval/sample-labels.yaml');
const QUESTIONS = path.resolve('data/eval/sample-questions.yaml');

describe('knowledge commands', () => {
  const { dir, cleanup } = tempDir();
  const db = databaseFor(dir, 'knowledge.db');

  async function casebook(...args: string[]) {
    const io = captureIO({ cwd: dir });
    const code = await runCli(['--db', db, ...args], io);
    return { code, stdout: io.output(), stderr: io.errors() };
  }

  before(async () => {
    assert.equal((await casebook('import', SAMPLE)).code, 0);
  });
  after(cleanup);

  test('audit flags wrong root-cause sentences', async () => {
    const { code, stdout } = await casebook('--json', 'audit');
    assert.equal(code, 0);
    const report = JSON.parse(stdout);
    assert.equal(report.audited, 95);
    const rootCause = report.findings.filter((f: { field: string }) => f.field === 'rootCause');
    assert.ok(rootCause.length >= 20, `only ${rootCause.length} root-cause findings`);
    const q13 = rootCause.find((f: { ref: string }) => f.ref === 'Q13');
    assert.ok(q13, 'Q13 (callback 579 filed as an SSL problem) is not flagged');
    assert.ok(q13.evidence.length > 0);
    assert.equal(report.summary.total, report.findings.length);
  });

  test('audit leaves right sentences alone', async () => {
    const report = JSON.parse((await casebook('--json', 'audit', '--field', 'rootCause')).stdout);
    const refs = new Set(report.findings.map((f: { ref: string }) => f.ref));
    for (const ref of ['Q1', 'Q5', 'Q7']) assert.ok(!refs.has(ref), `${ref} flagged`);
  });

  test('faq mine groups recurring issues', async () => {
    const summary = JSON.parse((await casebook('--json', 'faq', 'mine')).stdout);
    assert.ok(summary.created >= 5, `created ${summary.created}`);
    const entries = JSON.parse(
      (await casebook('--json', 'faq', 'list', '--status', 'pending')).stdout,
    );
    assert.equal(entries.length, summary.created);
    const closure = entries.find(
      (e: { rootCauseCode: string }) => e.rootCauseCode === 'account.closure',
    );
    assert.ok(closure, 'no account-closure entry');
    assert.ok(closure.caseCount >= 3);
    assert.equal(closure.refs.length, closure.caseCount);
    assert.ok(closure.steps.length > 0);
  });

  test('faq questions carry no customer identifier', async () => {
    // Q41's description starts with an order number, Q93's with the time of the message.
    const entries = JSON.parse(
      (await casebook('--json', 'faq', 'list', '--status', 'pending')).stdout,
    );
    for (const entry of entries as Array<{ question: string }>) {
      assert.doesNotMatch(entry.question, /[0-9a-f]{12,}|\d{4}-\d{2}-\d{2}|\d{2}:\d{2}/);
    }
  });

  test('second mining changes nothing', async () => {
    const summary = JSON.parse((await casebook('--json', 'faq', 'mine')).stdout);
    assert.equal(summary.created, 0);
    assert.equal(summary.updated, 0);
  });

  test('approved entry joins triage', async () => {
    const entries = JSON.parse((await casebook('--json', 'faq')).stdout);
    const closure = entries.find(
      (e: { rootCauseCode: string }) => e.rootCauseCode === 'account.closure',
    );
    assert.equal((await casebook('faq', 'approve', String(closure.id))).code, 0);

    const result = JSON.parse(
      (await casebook('--json', 'triage', '我不用了，想把账号注销掉，怎么操作')).stdout,
    );
    assert.equal(result.rootCause?.code, 'account.closure');
    assert.equal(result.faq[0]?.id, closure.id);
    assert.ok(result.reply.sources.length > 0);
  });

  test('rejected entry leaves triage', async () => {
    const entries = JSON.parse((await casebook('--json', 'faq')).stdout);
    const closure = entries.find(
      (e: { rootCauseCode: string }) => e.rootCauseCode === 'account.closure',
    );
    await casebook('faq', 'reject', String(closure.id));
    const result = JSON.parse(
      (await casebook('--json', 'triage', '我不用了，想把账号注销掉，怎么操作')).stdout,
    );
    assert.deepEqual(result.faq, []);
  });

  test('unknown faq id is an error', async () => {
    const { code, stderr } = await casebook('faq', 'approve', '9999');
    assert.equal(code, 1);
    assert.match(stderr, /No FAQ entry with id 9999/);
  });

  test('eval reports knowledge agreement', async () => {
    const { code, stdout } = await casebook(
      '--json',
      'eval',
      '--labels',
      LABELS,
      '--questions',
      QUESTIONS,
    );
    assert.equal(code, 0);
    const report = JSON.parse(stdout);
    assert.equal(report.knowledge.cases, 95);
    assert.ok(report.knowledge.rootCause.fromDialogue.accuracy > 0.8);
    assert.ok(
      report.knowledge.rootCause.fromQuestion.accuracy >
        report.knowledge.rootCause.majorityBaseline.accuracy,
    );
    assert.ok(report.knowledge.needsHuman.accuracy > report.knowledge.needsHuman.alwaysNoBaseline);
    assert.ok(report.retrieval.hitAt5 >= 0.8);
  });

  test('eval names a label file whose source is not stored', async () => {
    const labels = path.join(dir, 'other-labels.yaml');
    writeFileSync(
      labels,
      'source: other.md\nlabels:\n  Q1: { rootCause: null, needsHuman: false }\n',
    );
    const { code, stderr } = await casebook('eval', '--labels', labels);
    assert.equal(code, 1);
    assert.match(stderr, /none of its 1 labelled cases is stored/);
    assert.match(stderr, /"other\.md"/);
  });

  test('triage finds the certificate cause', async () => {
    const result = JSON.parse(
      (await casebook('--json', 'triage', '免费证书申请了一天了还在审核中')).stdout,
    );
    assert.ok(result.rootCause, 'no root cause');
    assert.match(result.rootCause.code, /^cert\./);
    assert.ok(result.rootCause.evidence.length > 0);
  });

  test('no reply draft without sources', async () => {
    const questions = ['今天晚饭吃什么比较好', '我的快递什么时候到', '你们公司在哪个城市'];
    for (const question of questions) {
      const result = JSON.parse((await casebook('--json', 'triage', question)).stdout);
      if (result.reply) assert.ok(result.reply.sources.length > 0, question);
    }
  });

  test('mining keeps reviewed wording', async () => {
    const entries = JSON.parse((await casebook('--json', 'faq')).stdout);
    const target = entries.find((e: { status: string }) => e.status === 'pending');
    await casebook(
      'faq',
      'edit',
      String(target.id),
      '--question',
      '审核过的问题',
      '--step',
      '第一步',
    );
    await casebook('faq', 'approve', String(target.id));
    await casebook('faq', 'mine');
    const after = JSON.parse((await casebook('--json', 'faq')).stdout);
    const entry = after.find((e: { id: number }) => e.id === target.id);
    assert.equal(entry.question, '审核过的问题');
    assert.deepEqual(entry.steps, ['第一步']);
    assert.equal(entry.status, 'approved');
  });

  test('batch review is all or nothing', async () => {
    const entries = JSON.parse(
      (await casebook('--json', 'faq', 'list', '--status', 'pending')).stdout,
    );
    const { code } = await casebook('faq', 'approve', String(entries[0].id), '9999');
    assert.equal(code, 1);
    const after = JSON.parse((await casebook('--json', 'faq')).stdout);
    assert.equal(after.find((e: { id: number }) => e.id === entries[0].id).status, 'pending');
  });

  test('missing eval file is a usage error', async () => {
    const { code, stderr } = await casebook('eval', '--questions', path.join(dir, 'nope.yaml'));
    assert.equal(code, 2);
    assert.match(stderr, /does not exist/);
  });
});
