import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importArchives, withStoredNames, type ImportSummary } from '../../ingest/index.js';
import { UnrecoverableJobError, type JobHandler } from '../../jobs/index.js';
import { recordAudit } from '../../store/audit-log.js';
import { deleteUploads, loadUploads } from '../../store/import-uploads.js';
import { recordImportRun } from '../../store/import-runs.js';
import { calibrateCategoryModel } from '../../triage/index.js';
import type { ServerContext } from '../context.js';
import type { JobActor } from './kinds.js';

/** Payload of an import job: the batch of stored uploads and how to treat invalid records. */
export interface ImportJobPayload extends JobActor {
  batch: string;
  skipInvalid: boolean;
}

// Error messages and file fields name the temporary folder; the client knows only its names.
function withoutFolder(summary: ImportSummary, directory: string): ImportSummary {
  const prefix = `${directory}${path.sep}`;
  return JSON.parse(JSON.stringify(summary).split(prefix).join('')) as ImportSummary;
}

/**
 * Runs an import job: writes the batch's uploads to a temporary folder under their names,
 * imports them in one transaction, recalibrates the category model, records the run and its
 * audit entry, and deletes the uploads. The import is idempotent, so a job that an instance
 * crash cut short is simply run again.
 */
export function importJob(context: ServerContext): JobHandler {
  return async (raw) => {
    const payload = raw as ImportJobPayload;
    const { store, settings } = context;
    const uploads = await loadUploads(store, payload.batch);
    if (uploads.length === 0) {
      // NOTE: a run that imported the batch and died before its job was marked done also ends
      // here. Its cases are stored, and only the job's report is lost.
      throw new UnrecoverableJobError(
        `The files of import batch ${payload.batch} are gone; upload them again.`,
      );
    }

    const directory = await mkdtemp(path.join(tmpdir(), 'casebook-import-'));
    try {
      const paths: string[] = [];
      for (const upload of uploads) {
        const file = path.join(directory, upload.name);
        await writeFile(file, upload.content);
        paths.push(file);
      }
      const startedAt = new Date().toISOString();
      const summary = await context.writes.run(async () => {
        const imported = withoutFolder(
          await importArchives(store, paths, {
            skipInvalid: payload.skipInvalid,
            vaultKey: settings.vaultKey,
          }),
          directory,
        );
        if (imported.imported + imported.updated > 0) await calibrateCategoryModel(store);
        const stored = withStoredNames(
          uploads.map((upload) => upload.name),
          imported,
        );
        const names = stored.files;
        await recordImportRun(store, { startedAt, ...stored });
        await recordAudit(store.sql, {
          actorId: payload.actorId,
          tokenId: payload.tokenId,
          action: 'archive.import',
          targetType: 'archive',
          details: {
            files: names,
            imported: imported.imported,
            updated: imported.updated,
            rejectedFiles: imported.rejectedFiles.length,
          },
        });
        await deleteUploads(store, payload.batch);
        // The job's result is stored too, so it names the files as the sources do.
        return stored.summary;
      });
      context.invalidateTriage();
      return summary;
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  };
}
