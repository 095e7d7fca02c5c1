import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { ImportSummary } from '../../ingest/index.js';
import { redact } from '../../redact/index.js';
import { saveUploads } from '../../store/import-uploads.js';
import { awaitJob, JOB_KINDS, type ImportJobPayload } from '../jobs/index.js';
import { jobAccepted } from '../schemas/jobs.js';
import { recordAudit } from '../../store/audit-log.js';
import { principalOf, requireAdmin } from '../auth/guards.js';
import { jsonlLines, recordsText } from '../archive/export.js';
import { IMPORT_EXTENSIONS, receiveFiles } from '../archive/upload.js';
import { ApiError } from '../errors.js';
import { withErrors } from '../schemas/common.js';

type ImportRequest = FastifyRequest<{ Querystring: { name?: string; skipInvalid?: boolean } }>;

// Text bodies the importer accepts besides multipart. They are kept as bytes, so the import
// checks their encoding as it checks a file's, instead of Fastify's parser replacing the bytes
// that are not UTF-8.
const TEXT_TYPES = [
  'text/plain',
  'text/markdown',
  'text/csv',
  'application/x-ndjson',
  'application/jsonl',
];

/**
 * Stores the request's files as an upload batch and queues an import job for it, which any
 * instance may run. Returns the job id.
 */
async function submitImport(app: FastifyInstance, request: ImportRequest): Promise<string> {
  const { store, jobs } = app.casebook;
  const principal = principalOf(request);
  const { uploads, skipInvalid } = await receiveUploads(request);
  const batch = randomUUID();
  await saveUploads(store, batch, uploads);
  const payload: ImportJobPayload = {
    batch,
    skipInvalid,
    actorId: principal.user.id,
    tokenId: principal.token?.id ?? null,
  };
  // Submitted last, so that how long the request waits for the job is all the job's time.
  return jobs.submit(JOB_KINDS.import, payload);
}

/** Reads the request's files through a temporary folder, which is gone when this returns. */
async function receiveUploads(
  request: ImportRequest,
): Promise<{ uploads: Array<{ name: string; content: Buffer }>; skipInvalid: boolean }> {
  const directory = await mkdtemp(path.join(tmpdir(), 'casebook-upload-'));
  try {
    const files = await receiveFiles(request, directory);
    const uploads = await Promise.all(
      files.paths.map(async (file, index) => ({
        name: files.names[index]!,
        content: await readFile(file),
      })),
    );
    return { uploads, skipInvalid: files.skipInvalid };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** Registers archive import (upload) and export, both for admins only. */
export async function archiveRoutes(app: FastifyInstance): Promise<void> {
  const { settings } = app.casebook;
  await app.register(multipart, {
    limits: { fileSize: settings.importLimitBytes, files: 20, fields: 5 },
  });
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(TEXT_TYPES, { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );

  app.post<{ Querystring: { name?: string; skipInvalid?: boolean } }>(
    '/import',
    {
      onRequest: requireAdmin,
      bodyLimit: settings.importLimitBytes,
      schema: {
        tags: ['archive'],
        summary: 'Import archives, case JSON Lines or transcript files',
        description:
          'multipart/form-data with one or more file parts (and an optional skipInvalid ' +
          'field), or one file as a text body named by ?name=. File names must end in ' +
          `${IMPORT_EXTENSIONS.join(', ')}. A rejected file gives 422 with the summary in details. ` +
          'The import runs as a job: when it takes longer than the server waits, the reply is ' +
          '202 with the job, whose result GET /api/v1/jobs/{id} reports.',
        consumes: ['multipart/form-data', ...TEXT_TYPES],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200 },
            skipInvalid: { type: 'boolean' },
          },
        },
        response: withErrors({
          200: { type: 'object', additionalProperties: true },
          202: { $ref: 'JobAccepted#' },
        }),
      },
    },
    async (request, reply) => {
      const jobId = await submitImport(app, request);
      const outcome = await awaitJob(app.casebook.jobs, jobId, settings.jobWaitMs);
      if (!outcome.done) return reply.code(202).send(jobAccepted(outcome.job));

      const summary = outcome.result as ImportSummary;
      request.log.info(
        {
          jobId,
          imported: summary.imported,
          updated: summary.updated,
          rejected: summary.rejected,
          rejectedFiles: summary.rejectedFiles.length,
        },
        'archive imported',
      );
      if (summary.rejectedFiles.length > 0) {
        throw new ApiError(
          'import-rejected',
          `${summary.rejectedFiles.length} file(s) rejected; nothing from them was stored.`,
          summary,
        );
      }
      return summary;
    },
  );

  registerExport(app);
}

function registerExport(app: FastifyInstance): void {
  const { store } = app.casebook;

  app.get<{ Querystring: { format: 'records' | 'jsonl'; source?: string } }>(
    '/export',
    {
      onRequest: requireAdmin,
      schema: {
        tags: ['archive'],
        summary: 'Export stored cases as the records format or JSON Lines',
        produces: ['text/markdown', 'application/x-ndjson'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            format: { type: 'string', enum: ['records', 'jsonl'], default: 'records' },
            source: { type: 'string', minLength: 1, maxLength: 200 },
          },
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { format, source } = request.query;
      const body =
        format === 'jsonl'
          ? Readable.from(jsonlLines(store, source))
          : await recordsText(store, source);

      await app.casebook.writes.run(() =>
        recordAudit(store.sql, {
          actorId: principal.user.id,
          tokenId: principal.token?.id ?? null,
          action: 'archive.export',
          targetType: 'archive',
          // The source is what the client asked for, which need not name a stored source.
          details: { format, source: source === undefined ? null : redact(source).text },
        }),
      );
      const extension = format === 'jsonl' ? 'jsonl' : 'md';
      return reply
        .type(
          format === 'jsonl'
            ? 'application/x-ndjson; charset=utf-8'
            : 'text/markdown; charset=utf-8',
        )
        .header('content-disposition', `attachment; filename="cases.${extension}"`)
        .send(body);
    },
  );
}
