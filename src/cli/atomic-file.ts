import { createWriteStream, openSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { CliError } from './io.js';

/**
 * Writes `file` through a temporary file beside it, renamed into place once `write` has
 * finished. If `write` fails, the temporary file is removed, so a file that was already there
 * stays as it was and no half-written file is left behind.
 */
export async function writeFileAtomically<T>(
  file: string,
  write: (out: Writable) => Promise<T>,
): Promise<T> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.partial`);
  // Opened here, so that a missing folder or a permission error fails at once and by name.
  let descriptor: number;
  try {
    descriptor = openSync(temporary, 'w');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CliError(
      `Cannot write ${file} (${code}). Check that its folder exists and can be written.`,
    );
  }

  const stream = createWriteStream(temporary, { fd: descriptor });
  const failed = once(stream, 'error');
  failed.catch(() => undefined);
  try {
    const result = await Promise.race([
      write(stream),
      failed.then(([error]) => Promise.reject(error)),
    ]);
    stream.end();
    await once(stream, 'finish');
    renameInto(temporary, file);
    return result;
  } catch (error) {
    stream.destroy();
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Renames the finished temporary file to `file`, with a message that names `file` on failure. */
function renameInto(temporary: string, file: string): void {
  try {
    renameSync(temporary, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    // A path ending in a slash names a folder, and only an existing one can take the file.
    const hint = /[\\/]$/.test(file)
      ? 'The path ends with a slash, so it names a folder: create the folder first, or give a file name.'
      : 'Check that its folder exists and can be written.';
    throw new CliError(`Cannot write ${file} (${code}). ${hint}`);
  }
}
