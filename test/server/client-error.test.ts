import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { startTestServer, type TestServer } from './helpers.js';

/** Sends raw bytes to the server and resolves with its whole response. */
function rawRequest(port: number, request: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

describe('requests the HTTP parser rejects', () => {
  let server: TestServer;
  let port: number;
  const logLines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });

  before(async () => {
    server = await startTestServer({ logger: { level: 'info', stream } });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    port = (server.app.server.address() as AddressInfo).port;
  });
  after(() => server.close());

  test('raw Chinese in the URL gets the API error body', async () => {
    const request = Buffer.from(
      'GET /api/v1/search?q=回源 HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
        'Authorization: Bearer cbk_secretTokenValue\r\n\r\n',
    );
    const response = await rawRequest(port, request);
    const [head, body] = response.split('\r\n\r\n');

    assert.match(head!, /^HTTP\/1\.1 400 Bad Request/);
    assert.match(head!, /content-type: application\/json/i);
    const parsed = JSON.parse(body!) as { error: { code: string; message: string } };
    assert.equal(parsed.error.code, 'invalid-request');
    assert.match(parsed.error.message, /Percent-encode/);
  });

  test('the log line leaves the raw request out', () => {
    const line = logLines.find((text) => text.includes('request rejected by the HTTP parser'));
    assert.ok(line, logLines.join(''));
    assert.doesNotMatch(line, /rawPacket|cbk_secret/);
    // Node keeps the raw bytes as numbers; the token's first bytes, "cbk_", are 99,98,107,95.
    assert.doesNotMatch(line, /99,98,107,95/);
  });
});
