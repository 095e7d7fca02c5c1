import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import type { Store } from '../../store/index.js';
import {
  RecordsExportError,
  buildRecordsExport,
  caseJsonLine,
  exportedCases,
} from '../../store/case-export.js';
import { CliError, type CliIO, type GlobalOptions } from '../io.js';
import { withStore } from '../with-store.js';
import { writeFileAtomically } from '../atomic-file.js';
import { setHelpNotes } from '../help-json.js';

interface ExportOptions extends GlobalOptions {
  format: string;
  out?: string;
  source?: string;
}

async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function exportJsonl(store: Store, out: Writable, source?: string): Promise<number> {
  let count = 0;
  for await (const found of exportedCases(store, source)) {
    await write(out, `${caseJsonLine(found)}\n`);
    count += 1;
  }
  return count;
}

async function exportRecords(
  store: Store,
  out: Writable,
  source: string | undefined,
): Promise<number> {
  const exported = await buildRecordsExport(store, source);
  await write(out, exported.text);
  return exported.caseCount;
}

// Adds what to do on the command line to the message of a failed records export.
function recordsCliError(error: RecordsExportError): CliError {
  if (error.code === 'export-source-required') {
    return new CliError(
      `${error.message} Pass --source NAME for one source, or --out DIR to write one file per source.`,
    );
  }
  return new CliError(`${error.message}. Export with --format jsonl, which keeps any text.`);
}

/** A file that an export wrote, as `--json` reports it. */
interface WrittenFile {
  file: string;
  format: string;
  cases: number;
}

// Writes every source that can be written, then fails naming those that cannot, so that one
// unwritable case does not keep the other sources out of the folder.
async function exportToDirectory(
  store: Store,
  directory: string,
  io: CliIO,
): Promise<WrittenFile[]> {
  const sources = await store.db.selectFrom('sources').select('name').orderBy('name').execute();
  const failed: string[] = [];
  const written: WrittenFile[] = [];
  for (const { name } of sources) {
    const file = path.join(directory, name);
    try {
      const count = await writeFileAtomically(file, (out) => exportRecords(store, out, name));
      io.stderr.write(`Wrote ${casesOf(count)} to ${file}\n`);
      written.push({ file, format: 'records', cases: count });
    } catch (error) {
      if (!(error instanceof RecordsExportError)) throw error;
      io.stderr.write(`Failed to write ${file}: ${error.message}.\n`);
      failed.push(name);
    }
  }

  if (failed.length > 0) {
    throw new CliError(
      `${failed.length} of ${sources.length} sources were not written to ${directory}: ` +
        `${failed.join(', ')}. Export each of them with --source NAME --format jsonl.`,
    );
  }
  return written;
}

function casesOf(count: number): string {
  return `${count} ${count === 1 ? 'case' : 'cases'}`;
}

/** Fails, naming the stored sources (the first 20), when no source is called `source`. */
async function checkSource(store: Store, source: string): Promise<void> {
  const rows = await store.db.selectFrom('sources').select('name').orderBy('name').execute();
  const names = rows.map((row) => row.name);
  if (names.includes(source)) return;
  const listed = names.slice(0, 20).join(', ') + (names.length > 20 ? ', …' : '');
  const known = names.length > 0 ? `Stored sources: ${listed}.` : 'The database contains no cases.';
  throw new CliError(`No source is named "${source}". ${known}`, 2);
}

// Writes to --out or to stdout. A failed export, such as several sources for one records file,
// leaves --out untouched.
async function exportToFile(
  store: Store,
  options: ExportOptions,
  io: CliIO,
): Promise<WrittenFile[]> {
  const exportTo = (out: Writable) =>
    options.format === 'jsonl'
      ? exportJsonl(store, out, options.source)
      : exportRecords(store, out, options.source);
  if (!options.out) {
    await exportTo(io.stdout);
    return [];
  }

  const count = await writeFileAtomically(options.out, exportTo);
  io.stderr.write(`Wrote ${casesOf(count)} to ${options.out}\n`);
  return [{ file: options.out, format: options.format, cases: count }];
}

const RECORDS_HELP = `
The records format numbers every record Q<n>, so portal (W<n>), intake (I<n>) and chat
transcript (T-<id>) refs are written as Q<n>: W3 and I3 as Q3, T-c-1001 as Q1001, and a ref
without a free number as the next number after the largest. Such a file imports into a new
database with the same cases, but without their old refs, status or transcript times. Imported
into the database it came from, it adds those cases a second time, so use --format jsonl, which
keeps refs, to restore cases there.`;

/** Registers `casebook export`. */
export function registerExport(program: Command, io: CliIO): void {
  const command = program
    .command('export')
    .description('write the stored cases as an archive file or as JSON Lines')
    .option('-f, --format <format>', 'records (the archive Markdown format) or jsonl', 'records')
    .option(
      '-o, --out <path>',
      'output file; a directory writes one records file per source; default stdout',
    )
    .option('--source <name>', 'only the cases of this source file name')
    .action(async (options: ExportOptions) => {
      const global = { ...program.opts<GlobalOptions>(), ...options };
      // --json requests machine-readable output, so it means JSON Lines unless a format is given.
      const command = program.commands.find((c) => c.name() === 'export');
      if (global.json && command?.getOptionValueSource('format') === 'default')
        options.format = 'jsonl';
      if (options.format !== 'records' && options.format !== 'jsonl') {
        throw new CliError(`Invalid --format "${options.format}": expected records or jsonl.`, 2);
      }
      if (global.json && options.format === 'records' && options.out === undefined) {
        throw new CliError(
          '--json prints JSON on stdout, and records are Markdown: use --format jsonl, or ' +
            '--out PATH to write the records and print what was written.',
          2,
        );
      }
      const toDirectory =
        options.out !== undefined && existsSync(options.out) && statSync(options.out).isDirectory();
      if (toDirectory && options.format !== 'records') {
        throw new CliError('--out DIR writes records files; for jsonl give a file path.', 2);
      }

      const work = async (store: Store) => {
        if (options.source !== undefined) await checkSource(store, options.source);
        try {
          const written = toDirectory
            ? await exportToDirectory(store, options.out!, io)
            : await exportToFile(store, options, io);
          // With --out, stdout carries no cases, so --json reports the files written there.
          if (global.json && options.out !== undefined) {
            io.stdout.write(`${JSON.stringify({ files: written })}\n`);
          }
        } catch (error) {
          if (error instanceof RecordsExportError) throw recordsCliError(error);
          throw error;
        }
      };
      await withStore(global, io, work, { mustExist: true });
    });
  setHelpNotes(command, RECORDS_HELP);
}
