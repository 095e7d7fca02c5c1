import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { storedSourceName } from '../../ingest/index.js';
import { ApiError } from '../errors.js';

/**
 * Extensions an uploaded file may have. The importer detects the format from the content, except
 * that `.md` and `.markdown` always mean a records archive.
 */
export const IMPORT_EXTENSIONS = ['.md', '.markdown', '.jsonl', '.ndjson', '.csv', '.txt', '.log'];

/** Files received for an import, saved under their cleaned names in a temporary folder. */
export interface ReceivedFiles {
  /** Paths of the saved files. */
  paths: string[];
  /** Cleaned file names, which become the source names of the imported cases. */
  names: string[];
  skipInvalid: boolean;
}

/**
 * Cleans an uploaded file name into a safe source name: personal data replaced as in
 * {@link storedSourceName}, no folders, only letters, digits, `.`, `_`, `-` and the brackets of
 * placeholders, at most 100 characters, and an extension the importer reads.
 */
export function safeFileName(name: string): string {
  const base = path.posix.basename(name.replace(/\\/g, '/')).normalize('NFC');
  // Redacted before cleaning: a blank or an @ turned into _ would hide a phone number or an
  // address from the redactor (张伟_13912345678). The placeholders' brackets are kept.
  const cleaned = storedSourceName(base)
    .replace(/[^\p{L}\p{N}._\-[\]]/gu, '_')
    .slice(-100);
  const extension = path.extname(cleaned).toLowerCase();
  if (cleaned.startsWith('.') || !IMPORT_EXTENSIONS.includes(extension)) {
    throw new ApiError(
      'invalid-request',
      `Invalid file name "${base}": expected a name ending in ${IMPORT_EXTENSIONS.join(', ')}.`,
    );
  }
  return cleaned;
}

function reserve(received: ReceivedFiles, directory: string, name: string): string {
  if (received.names.includes(name)) {
    throw new ApiError('invalid-request', `File name "${name}" is sent twice; rename one.`);
  }
  const target = path.join(directory, name);
  received.names.push(name);
  received.paths.push(target);
  return target;
}

/**
 * Saves the files of an import request into `directory`: every file part of a multipart body
 * (with an optional `skipInvalid` field), or a text body under the `name` query parameter.
 */
export async function receiveFiles(
  request: FastifyRequest<{ Querystring: { name?: string; skipInvalid?: boolean } }>,
  directory: string,
): Promise<ReceivedFiles> {
  const received: ReceivedFiles = {
    paths: [],
    names: [],
    skipInvalid: request.query.skipInvalid ?? false,
  };

  if (!request.isMultipart()) {
    // Text bodies arrive as bytes (see archiveRoutes), written out unchanged.
    if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
      throw new ApiError('invalid-request', 'The body is empty: send the file content.');
    }
    const target = reserve(received, directory, safeFileName(request.query.name ?? 'upload.md'));
    await writeFile(target, request.body);
    return received;
  }

  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const target = reserve(received, directory, safeFileName(part.filename));
      await pipeline(part.file, createWriteStream(target));
    } else if (part.fieldname === 'skipInvalid') {
      received.skipInvalid = part.value === 'true';
    }
  }
  if (received.paths.length === 0) {
    throw new ApiError('invalid-request', 'The multipart body has no file part.');
  }
  return received;
}
