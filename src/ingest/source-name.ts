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
 * Returns a file path as the import history keeps it: a base name with personal data in it
 * replaced by its stored source name, and personal data in the folders redacted as any text
 * (`/home/zhangwei/客户13912345678.md` becomes `/home/[USER_1]/客户[PHONE_1]-h….md`).
 */
export function storedFilePath(file: string): string {
  const base = path.basename(file);
  const stored = storedSourceName(base);
  const folder = file.slice(0, file.length - base.length);
  return redact(folder).text + stored;
}

/**
 * Returns `files` and `summary` with each path of `files` as {@link storedFilePath} gives it,
 * wherever the summary quotes the path or its base name (file fields, messages).
 */
export function withStoredNames<T>(files: string[], summary: T): { files: string[]; summary: T } {
  let json = JSON.stringify(summary);
  // Compared as JSON string content, so a quote or a backslash in a name is escaped alike.
  const replace = (original: string, stored: string) => {
    if (stored !== original) {
      json = json.replaceAll(
        JSON.stringify(original).slice(1, -1),
        JSON.stringify(stored).slice(1, -1),
      );
    }
  };
  const storedFiles = files.map(storedFilePath);
  // Whole paths first, since a message may quote the path or the base name alone.
  files.forEach((file, index) => replace(file, storedFiles[index]!));
  for (const file of files) {
    const base = path.basename(file);
    replace(base, storedSourceName(base));
  }
  return { files: storedFiles, summary: JSON.parse(json) as T };
}
