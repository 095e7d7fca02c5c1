import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { dataPath } from '../shared/paths.js';
import { readWordList } from './dictionaries.js';

/**
 * Version of the rules by which this folder's code turns text into terms. Raise it with a change
 * that alters the terms of some text (dropping dates and times made it 2), so that databases
 * indexed before it are reported as needing `casebook reindex`.
 */
export const TOKENIZER_VERSION = 2;

let fingerprint: string | undefined;

/**
 * Hashes what decides the terms of a text: {@link TOKENIZER_VERSION}, the entries of the files of
 * data/text (the domain dictionary, stop words, misspellings), without their comments and blank
 * lines, and jieba's version. It does not hash the code itself, so
 * the TypeScript sources and a build of them give the same fingerprint.
 */
export function segmentationFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256').update(`tokenizer ${TOKENIZER_VERSION}\n`);
  const folder = dataPath('text');
  for (const file of readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort()) {
    if (!file.endsWith('.txt')) continue;
    // The lines that are read, so an edit of a comment does not ask for a rebuild.
    hash.update(`${file}\n${readWordList(path.join(folder, file)).join('\n')}\n`);
  }
  const jieba = createRequire(import.meta.url)('@node-rs/jieba/package.json') as {
    version: string;
  };
  hash.update(`jieba ${jieba.version}`);
  fingerprint = hash.digest('hex').slice(0, 16);
  return fingerprint;
}
