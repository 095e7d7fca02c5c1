import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { importArchives, withStoredNames, type ImportSummary } from '../../ingest/index.js';
import { vaultKeyFromEnv } from '../../redact/vault.js';
import { calibrateCategoryModel } from '../../triage/index.js';
import { recordImportRun } from '../../store/import-runs.js';
import { isPostgresUrl } from '../../store/location.js';
import { removeWithSidecars } from '../../store/backup.js';
import {
  CliError,
  resolveDbPath,
  writeJson,
  writeLines,
  type CliIO,
  type GlobalOptions,
} from '../io.js';
import { createProgress } from '../progress.js';
import { withStore } from '../with-store.js';

interface ImportOptions extends GlobalOptions {
  skipInvalid?: boolean;
}

function describeRejected(summary: ImportSummary): string {
  const files = summary.rejectedFiles;
  let text = `Rejected ${files.length} ${files.length === 1 ? 'file' : 'files'} with errors: `;
  text += `${files.join(', ')}.`;

  // Files rejected before any record was read hold no valid cases.
  const where = files.length === 1 ? 'in it' : 'in them';
  if (summary.rejected === 1) text += ` The 1 valid case ${where} was not stored.`;
  if (summary.rejected > 1)
    text += ` The ${summary.rejected} valid cases ${where} were not stored.`;
  return text;
}

function describe(summary: ImportSummary, skipInvalid: boolean): string[] {
  const lines = [
    `Imported ${summary.imported} new ${summary.imported === 1 ? 'case' : 'cases'}, ` +
      `updated ${summary.updated}, unchanged ${summary.unchanged}.`,
  ];
  const redactions = Object.entries(summary.redactions).sort((a, b) => b[1] - a[1]);
  if (redactions.length > 0) {
    lines.push(`Redacted: ${redactions.map(([type, n]) => `${type} ${n}`).join(', ')}.`);
  }
  for (const skipped of summary.skipped) {
    if (skipped.refs.length > 0) {
      lines.push(`Skipped invalid records of ${skipped.file}: ${skipped.refs.join(', ')}.`);
    } else {
      // Text outside every record, such as a turn before the first one or a JSON Lines line that
      // does not parse, leaves no record out.
      lines.push(`Skipped lines of ${skipped.file} that belong to no case; see the errors below.`);
    }
  }
  if (summary.rejectedFiles.length > 0) {
    // --skip-invalid helps only where a rejected file has valid records to import, not with an
    // unreadable or empty file, or one whose header or columns are wrong.
    const recordErrors = !skipInvalid && summary.rejected > 0;
    lines.push(
      describeRejected(summary),
      recordErrors
        ? 'Fix the errors below. For a file with invalid records, --skip-invalid imports the rest.'
        : 'Fix the errors below.',
    );
  }
  return lines;
}

/** Returns true when `path` names a SQLite file that does not exist yet. */
function isNewFile(path: string): boolean {
  return !isPostgresUrl(path) && path !== ':memory:' && !existsSync(path);
}

function readVaultKey(io: CliIO): Buffer | null {
  try {
    return vaultKeyFromEnv(io.env);
  } catch (error) {
    throw new CliError((error as Error).message, 2);
  }
}

/** Registers `casebook import FILE...`. */
export function registerImport(program: Command, io: CliIO): void {
  program
    .command('import')
    .description('parse, redact, store and index archives, case JSON Lines and chat transcripts')
    .argument(
      '<files...>',
      'records archives (the Markdown of "export --format records"), case JSON Lines (the ' +
        'output of "export --format jsonl") or chat transcripts (JSON Lines, CSV or 客户：/客服： ' +
        'chat logs). The format is detected from the content, but a .md name means an archive',
    )
    .option('--skip-invalid', 'import the valid records of a file with errors and list the rest')
    .action(async (files: string[], options: ImportOptions) => {
      const global = { ...program.opts<GlobalOptions>(), ...options };
      const created = isNewFile(resolveDbPath(global, io));
      const summary = await withStore(global, io, async (store) => {
        const progress = createProgress(io, 'import');
        const startedAt = new Date().toISOString();
        const result = await importArchives(store, files, {
          skipInvalid: global.skipInvalid,
          vaultKey: readVaultKey(io),
          onProgress: progress.update,
        });
        progress.stop();
        if (result.imported + result.updated > 0) await calibrateCategoryModel(store);
        await recordImportRun(store, { startedAt, ...withStoredNames(files, result) });
        return result;
      });

      if (global.json) writeJson(io, summary);
      else {
        writeLines(io.stdout, describe(summary, global.skipInvalid === true));
        writeLines(io.stderr, [
          ...summary.errors.map((error) => error.message),
          ...summary.warnings.map((warning) => `Warning: ${warning.message}`),
        ]);
      }
      if (summary.rejectedFiles.length > 0) {
        // A database this import created and stored nothing in would only hold the record of
        // the failed run, so the folder is left as it was.
        const stored = summary.imported + summary.updated + summary.unchanged;
        if (created && stored === 0) removeWithSidecars(resolveDbPath(global, io));
        throw new CliError(
          `${summary.rejectedFiles.length} file(s) rejected; nothing from them was stored.`,
        );
      }
    });
}
