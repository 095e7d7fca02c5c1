import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { CliIO } from '../src/cli/io.js';

/** Absolute path of the bundled sample archive. */
export const SAMPLE = fileURLToPath(
  new URL('../data/samples/support-records-part14.md', import.meta.url),
);

/** Absolute path of a file under test/fixtures. */
export function fixture(...segments: string[]): string {
  return path.join(fileURLToPath(new URL('./fixtures/', import.meta.url)), ...segments);
}

/** Creates a temporary folder and returns it with a function that removes it. */
export function tempDir(prefix = 'casebook-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Streams for calling CLI commands in-process, with the output collected as text. */
export interface CapturedIO extends CliIO {
  output(): string;
  errors(): string;
}

/** Builds a CliIO whose stdout and stderr are captured, with `input` on stdin. */
export function captureIO(
  options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): CapturedIO {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  return {
    stdin: Readable.from(options.input === undefined ? [] : [Buffer.from(options.input, 'utf8')]),
    stdout,
    stderr,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    output: () => out,
    errors: () => err,
  };
}
