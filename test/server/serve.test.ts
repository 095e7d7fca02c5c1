import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startServer } from '../../src/cli/commands/serve.js';
import { runCli } from '../../src/cli/run.js';
import { captureIO, tempDir } from '../helpers.js';
import { startTestServer, type TestServer } from './helpers.js';

const serveOptions = {
  port: '0',
  host: '127.0.0.1',
  secureCookies: 'auto',
  logLevel: 'info',
};

describe('casebook serve', () => {
  const { dir, cleanup } = tempDir('casebook-serve-');
  const db = path.join(dir, 'serve.db');
  after(cleanup);

  test('first start prints the admin password once', async () => {
    const io = captureIO({ cwd: dir });
    const server = await startServer({ ...serveOptions, db }, io);
    try {
      const password = /password: (\S+)/.exec(io.output())?.[1];
      assert.ok(password, io.output());
      assert.ok(!io.errors().includes(password), 'password reached the log');
      assert.match(io.errors(), /server started/);

      const response = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@casebook.invalid', password }),
      });
      assert.equal(response.status, 200);
    } finally {
      await server.close();
    }
    assert.match(io.errors(), /server stopped/);
  });

  test('second start prints no password', async () => {
    const io = captureIO({ cwd: dir });
    const server = await startServer({ ...serveOptions, db }, io);
    await server.close();
    assert.match(io.output(), /listening on http:\/\/127\.0\.0\.1:\d+/);
    assert.doesNotMatch(io.output(), /password/);
  });

  test('busy port is an error and creates no admin', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as AddressInfo;
    const fresh = path.join(dir, 'busy.db');
    try {
      const io = captureIO({ cwd: dir });
      const code = await runCli(['--db', fresh, 'serve', '--port', String(port)], io);
      assert.equal(code, 1);
      assert.match(io.errors(), new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
      assert.doesNotMatch(io.output(), /password/);
    } finally {
      busy.close();
    }

    // The next start on a free port is the first one, so it prints the password.
    const io = captureIO({ cwd: dir });
    const server = await startServer({ ...serveOptions, db: fresh }, io);
    await server.close();
    assert.match(io.output(), /password: \S+/);
  });

  test('invalid port is a usage error', async () => {
    const io = captureIO({ cwd: dir });
    const code = await runCli(['--db', db, 'serve', '--port', 'http'], io);
    assert.equal(code, 2);
    assert.match(io.errors(), /Invalid --port "http"/);
  });

  test('snapshot file in a missing folder', async () => {
    const io = captureIO({ cwd: dir });
    const args = ['--db', db, 'serve', '--index-snapshot', 'missing/index.search-index'];
    const code = await runCli(args, io);
    assert.equal(code, 2);
    assert.match(
      io.errors(),
      /missing of --index-snapshot missing\/index\.search-index does not exist/,
    );
  });
});

describe('web app serving', () => {
  let server: TestServer;
  const web = tempDir('casebook-web-');

  before(async () => {
    mkdirSync(path.join(web.dir, 'assets'));
    writeFileSync(path.join(web.dir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(path.join(web.dir, 'assets', 'app.js'), 'console.log("app")');
    server = await startTestServer({ webRoot: web.dir });
  });
  after(async () => {
    await server.close();
    web.cleanup();
  });

  test('root serves index.html', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/' });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /id="root"/);
  });

  test('client routes fall back to index.html', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/cases/12?tab=triage' });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /text\/html/);
    assert.match(response.body, /id="root"/);
  });

  test('assets are served as files', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/assets/app.js' });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /javascript/);
  });

  test('unknown api path stays a json 404', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/v1/missing' });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().error.code, 'not-found');
  });
});
