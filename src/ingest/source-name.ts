import { createHash } from 'node:crypto';
import path from 'node:path';
import { redact } from '../redact/index.js';

const EXTENSION = /^\.[a-z][a-z0-9]{0,7}$/i;

/**
 * Returns the name a source is stored under: the file's name, with personal data replaced as in
 * any text (`chat-张伟-13912345678.txt` becomes `chat-[NAME_1]-[PHONE_1]-h3fa9c2e1.txt`). The
 * stored name is shown in search results, exports and the import history, and an export to a
 * folder writes a file of that name. The first 8 hex digits of the SHA-256 of the name as given
 * keep two such files apart, and give a file the same source on every import. A name without
 * personal data is kept as it is.
 */
export function storedSourceName(name: string): string {
  const { text, entities } = redact(name);
  if (entities.length === 0) return name;
  const digest = createHash('sha256').update(name).digest('hex').slice(0, 8);
  // An address right before the extension takes it in (`zhang.wei@example.com.md` is a valid
  // address under .md), so the given extension is put back when the redacted name lost it. Only
  // a short word that starts with a letter is put back, because a number there may be a phone.
  const givenExtension = path.extname(name);
  if (givenExtension !== '' && !text.endsWith(givenExtension) && EXTENSION.test(givenExtension)) {
    return `${text}-h${digest}${givenExtension}`;
  }
  const extension = path.extname(text);
  const stem = text.slice(0, text.length - extension.length);
  return `${stem}-h${digest}${extension}`;
}

/**
 * Replaces, in a file path, a base name with personal data in it by its stored source name,
 * so that the import history keeps no more of it than the sources do.
 */
export function storedFilePath(file: string): string {
  const base = path.basename(file);
  const stored = storedSourceName(base);
  return stored === base ? file : path.join(path.dirname(file), stored);
}

/**
 * Returns `files` and `summary` with every base name of `files` that contains personal data
 * replaced by its stored source name, wherever the summary quotes it (file fields, messages).
 */
export function withStoredNames<T>(files: string[], summary: T): { files: string[]; summary: T } {
  let json = JSON.stringify(summary);
  for (const file of files) {
    const base = path.basename(file);
    const stored = storedSourceName(base);
    if (stored === base) continue;
    // Compared as JSON string content, so a quote or a backslash in a name is escaped alike.
    json = json.replaceAll(JSON.stringify(base).slice(1, -1), JSON.stringify(stored).slice(1, -1));
  }
  return { files: files.map(storedFilePath), summary: JSON.parse(json) as T };
}
