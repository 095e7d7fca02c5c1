import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '../../store/open.js';
import { latestSearchChange } from '../../store/search-changes.js';
import { readSetting, writeSetting } from '../../store/settings.js';
import { segmentationFingerprint } from '../../text/fingerprint.js';
import { MemoryIndex, type IndexParts } from './memory-index.js';
import { readSnapshotFile, writeSnapshotFile } from './snapshot-file.js';

/**
 * Returns where the snapshot of a store's in-memory index is kept: `file` when given, else
 * beside a SQLite file, as `<file>.search-index`. Without `file`, PostgreSQL instances and
 * in-memory databases keep none.
 */
export function snapshotPath(store: Store, file?: string): string | null {
  if (file) return path.resolve(file);
  if (store.dialect !== 'sqlite' || store.location === ':memory:') return null;
  return `${path.resolve(store.location)}.search-index`;
}

/**
 * Returns the settings key under which the database keeps the token of the last snapshot
 * written to `file`. The key names the host and the file, so that each instance on one
 * PostgreSQL database keeps a snapshot of its own.
 */
export function snapshotTokenKey(file: string): string {
  const id = createHash('sha256')
    .update(`${os.hostname()}\0${path.resolve(file)}`)
    .digest('hex');
  return `search.snapshot-token.${id.slice(0, 16)}`;
}

let fingerprint: string | undefined;

/**
 * Hashes what decides the terms and weights of the index: the segmentation's fingerprint, the
 * modules of the text and search folders (as this build has them, TypeScript or compiled) and
 * the byte order. A snapshot made by other code is not used.
 */
function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256').update(segmentationFingerprint());
  const searchFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
  for (const folder of [path.join(searchFolder, '..', 'text'), searchFolder]) {
    const files = readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort();
    for (const file of files) {
      if (!/\.(ts|js)$/.test(file)) continue;
      hash.update(file).update(readFileSync(path.join(folder, file)));
    }
  }
  hash.update(os.endianness());
  fingerprint = hash.digest('hex').slice(0, 16);
  return fingerprint;
}

/** An index restored from a snapshot, with the newest change it contains. */
export interface RestoredIndex {
  index: MemoryIndex;
  seq: number;
}

/**
 * Restores the index from its snapshot, or returns why it cannot. The snapshot is used only when
 * the same code made it and the database contains its token: a restored backup or another file
 * copied to this path has an older token or none. Changes after the snapshot's are then applied
 * from the database's change log as usual.
 */
export async function restoreSnapshot(
  store: Store,
  file: string,
): Promise<RestoredIndex | { reason: string }> {
  const read = await readSnapshotFile(file);
  if (!read.ok) return { reason: read.reason };
  if (read.label.fingerprint !== codeFingerprint()) {
    return { reason: 'made by another version of the search code or dictionaries' };
  }
  if ((await readSetting(store, snapshotTokenKey(file))) !== read.label.token) {
    return {
      reason: 'made from another database, a copy of it, or for another instance or file',
    };
  }
  if (read.label.seq > (await latestSearchChange(store.sql))) {
    return { reason: 'newer than the database' };
  }
  return { index: MemoryIndex.fromParts(read.parts), seq: read.label.seq };
}

/** Writes the snapshot of a freshly loaded index, then records its token in the database. */
export async function saveSnapshot(
  store: Store,
  file: string,
  parts: IndexParts,
  seq: number,
): Promise<void> {
  const token = randomUUID();
  await writeSnapshotFile(file, parts, { fingerprint: codeFingerprint(), token, seq });
  await writeSetting(store, snapshotTokenKey(file), token);
}
