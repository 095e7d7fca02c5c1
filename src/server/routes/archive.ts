import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { importArchives, type ImportSummary } from '../../ingest/index.js';
import { recordAudit } from '../../store/audit-log.js';
import { recordImportRun } from '../../store/import-runs.js';
import { calibrateCategoryModel } from '../../triage/index.js';
import { principalOf, requireAdmin } from '../auth/guards.js';
import { jsonlLines, recordsText } from '../archive/export.js';
import { IMPORT_EXTENSIONS, receiveFiles } from '../archive/upload.js';
import { ApiError } from '../errors.js';
import { withErrors } from '../schemas/common.js';

type ImportRequest = FastifyRequest<{ Querystring: { name?: string; skipInvalid?: boolean } }>;

// Text bodies the importer accepts besides multipart; text/plain has Fastify's own parser.
const TEXT_TYPES = ['text/markdown', 'text/csv', 'application/x-ndjson', 'application/jsonl'];

// Error messages and file fields name the temporary folder; the client knows only its names.
function withoutFolder(summary: ImportSummary, directory: string): ImportSummary {
  const prefix = `${directory}${path.sep}`;
  return JSON.parse(JSON.stringify(summary).split(prefix).join('')) as ImportSummary;
}

async function runImport(app: FastifyInstance, request: ImportRequest): Promise<ImportSummary> {
  const { store, settings } = app.casebook;
  const principal = principalOf(request);
  const directory = await mkdtemp(path.join(tmpdir(), 'casebook-import-'));
  try {
    const files = await receiveFiles(request, directory);
    const startedAt = new Date().toISOString();
    return await app.casebook.writes.run(async () => {
      const raw = await importArchives(store, files.paths, {
        skipInvalid: files.skipInvalid,
        vaultKey: settings.vaultKey,
      });
      const summary = withoutFolder(raw, directory);
      if (summary.imported + summary.updated > 0) await calibrateCategoryModel(store);
      await recordImportRun(store, { startedAt, files: files.names, summary });
      await recordAudit(store.sql, {
        actorId: principal.user.id,
        tokenId: principal.token?.id ?? null,
        action: 'archive.import',
        targetType: 'archive',
        details: {
          files: files.names,
          imported: summary.imported,
          updated: summary.updated,
          rejectedFiles: summary.rejectedFiles.length,
        },
      });
      return summary;
    });
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
  app.addContentTypeParser(TEXT_TYPES, { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );

  app.post<{ Querystring: { name?: string; skipInvalid?: boolean } }>(
    '/import',
    {
      onRequest: requireAdmin,
      bodyLimit: settings.importLimitBytes,
      schema: {
        tags: ['archive'],
        summary: 'Import archive or transcript files',
        description:
          'multipart/form-data with one or more file parts (and an optional skipInvalid ' +
          'field), or one file as a text body named by ?name=. File names must end in ' +
          `${IMPORT_EXTENSIONS.join(', ')}. A rejected file gives 422 with the summary in details.`,
        consumes: ['multipart/form-data', 'text/plain', ...TEXT_TYPES],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200 },
            skipInvalid: { type: 'boolean' },
          },
        },
        response: withErrors({ 200: { type: 'object', additionalProperties: true } }),
      },
    },
    async (request) => {
      const summary = await runImport(app, request);
      app.casebook.invalidateTriage();
      request.log.info(
        {
          imported: summary.imported,
          updated: summary.updated,
          rejected: summary.rejectedFiles.length,
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
          details: { format, source: source ?? null },
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
