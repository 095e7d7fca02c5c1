import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type { Writable } from 'node:stream';

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
  const stream = createWriteStream(temporary);
  try {
    const result = await write(stream);
    stream.end();
    await once(stream, 'finish');
    renameSync(temporary, file);
    return result;
  } catch (error) {
    stream.destroy();
    rmSync(temporary, { force: true });
    throw error;
  }
}
