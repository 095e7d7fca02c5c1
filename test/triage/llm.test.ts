import { after, before, describe, test } from 'node:test';
import { openTestStore } from '../database.js';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importArchives } from '../../src/ingest/index.js';
import { type Store } from '../../src/store/index.js';
import { llmConfigFromEnv, Triage, type LlmConfig } from '../../src/triage/index.js';
import { SAMPLE, tempDir } from '../helpers.js';

type Behaviour = (body: { model: string; messages: Array<{ content: string }> }) => {
  status?: number;
  delayMs?: number;
  content?: string;
  raw?: string;
};

/** A loopback server that speaks the chat-completions protocol with a scripted answer. */
class FakeModelServer {
  behaviour: Behaviour = () => ({ content: '' });
  requests: Array<{
    headers: IncomingMessage['headers'];
    body: { model: string; messages: Array<{ content: string }> };
  }> = [];
  private server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    request.on('end', () => {
      const body = JSON.parse(raw) as { model: string; messages: Array<{ content: string }> };
      this.requests.push({ headers: request.headers, body });
      const answer = this.behaviour(body);
      setTimeout(() => {
        if (response.destroyed) return;
        response.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
        response.end(
          answer.raw ??
            JSON.stringify({
              choices: [{ message: { role: 'assistant', content: answer.content } }],
            }),
        );
      }, answer.delayMs ?? 0);
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1/chat/completions`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('language-model reply', () => {
  const { dir, cleanup } = tempDir();
  const model = new FakeModelServer();
  let store: Store;
  let config: LlmConfig;
  const question = '免费证书申请了一天了还在审核中';

  before(async () => {
    store = await openTestStore(dir, 'cases.db');
    await importArchives(store, [SAMPLE]);
    config = { url: await model.start(), model: 'test-model', apiKey: 'test-key', timeoutMs: 500 };
  });
  after(async () => {
    await model.stop();
    await store.close();
    cleanup();
  });

  async function triage(text = question) {
    return (await Triage.open(store, { llm: config })).run(text);
  }

  test('cited reply is used', async () => {
    model.behaviour = (body) => {
      const ref = /\[(Q\d+)\]/.exec(body.messages[1]!.content)![1]!;
      return { content: `您好，证书还在 CA 审核中，请耐心等待 [${ref}]` };
    };
    const result = await triage();
    assert.equal(result.reply?.mode, 'generated');
    assert.match(result.reply?.text ?? '', /CA 审核/);
    assert.ok((result.reply?.sources.length ?? 0) > 0);
  });

  test('request carries model, key and question', async () => {
    const last = model.requests.at(-1)!;
    assert.equal(last.body.model, 'test-model');
    assert.equal(last.headers.authorization, 'Bearer test-key');
    assert.match(last.body.messages[1]!.content, /审核中/);
  });

  test('uncited reply falls back', async () => {
    model.behaviour = () => ({ content: '您好，请耐心等待。' });
    const result = await triage();
    assert.equal(result.reply?.mode, 'extractive');
    assert.match(result.reply?.note ?? '', /cites no case/);
  });

  test('unknown citation falls back', async () => {
    model.behaviour = () => ({ content: '请参考 [Q9999]' });
    const result = await triage();
    assert.equal(result.reply?.mode, 'extractive');
    assert.match(result.reply?.note ?? '', /Q9999/);
  });

  test('server error falls back', async () => {
    model.behaviour = () => ({ status: 500, raw: '{"error":"boom"}' });
    const result = await triage();
    assert.equal(result.reply?.mode, 'extractive');
    assert.match(result.reply?.note ?? '', /HTTP 500/);
  });

  test('timeout falls back', async () => {
    model.behaviour = () => ({ delayMs: 2000, content: '[Q5]' });
    const result = await triage();
    assert.equal(result.reply?.mode, 'extractive');
    assert.match(result.reply?.note ?? '', /within 500 ms/);
  });

  test('no relevant case means no call', async () => {
    const before = model.requests.length;
    const result = await triage('今天晚饭吃什么比较好');
    assert.equal(result.reply, null);
    assert.equal(model.requests.length, before);
  });

  test('unset URL disables the model', () => {
    assert.equal(llmConfigFromEnv({}), null);
  });

  test('URL without model is rejected', () => {
    assert.throws(
      () => llmConfigFromEnv({ CASEBOOK_LLM_URL: 'http://127.0.0.1:1/v1/chat/completions' }),
      /CASEBOOK_LLM_MODEL/,
    );
  });
});
