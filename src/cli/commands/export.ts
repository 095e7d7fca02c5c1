import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { defaultHeader, writeArchive } from '../../ingest/index.js';
import type { StoredCase } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import { caseJsonLine, exportedCases, exportedHeader } from '../../store/case-export.js';
import { CliError, type CliIO, type GlobalOptions } from '../io.js';
import { withStore } from '../with-store.js';
import { writeFileAtomically } from '../atomic-file.js';

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
  const cases: StoredCase[] = [];
  for await (const found of exportedCases(store, source)) cases.push(found);

  const sources = new Set(cases.map((c) => c.source));
  const refs = new Set(cases.map((c) => c.ref));
  if (sources.size > 1 && refs.size < cases.length) {
    throw new CliError(
      `Cases from ${sources.size} sources share record numbers, so one records file cannot hold them. ` +
        'Pass --source NAME for one source, or --out DIR to write one file per source.',
    );
  }

  const header =
    sources.size === 1
      ? await exportedHeader(store, [...sources][0]!)
      : defaultHeader(cases.length, null);
  await write(out, writeArchive(header, cases));
  return cases.length;
}

async function exportToDirectory(store: Store, directory: string, io: CliIO): Promise<void> {
  const sources = await store.db.selectFrom('sources').select('name').orderBy('name').execute();
  for (const { name } of sources) {
    const file = path.join(directory, name);
    const count = await writeFileAtomically(file, (out) => exportRecords(store, out, name));
    io.stderr.write(`Wrote ${count} cases to ${file}\n`);
  }
}

/** Registers `casebook export`. */
export function registerExport(program: Command, io: CliIO): void {
  program
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
      const toDirectory =
        options.out !== undefined && existsSync(options.out) && statSync(options.out).isDirectory();
      if (toDirectory && options.format !== 'records') {
        throw new CliError('--out DIR writes records files; for jsonl give a file path.', 2);
      }

      await withStore(
        global,
        io,
        async (store) => {
          if (toDirectory) return exportToDirectory(store, options.out!, io);
          const exportTo = (out: Writable) =>
            options.format === 'jsonl'
              ? exportJsonl(store, out, options.source)
              : exportRecords(store, out, options.source);
          if (!options.out) {
            await exportTo(io.stdout);
            return;
          }
          // A failed export, such as several sources for one records file, leaves --out untouched.
          const count = await writeFileAtomically(options.out, exportTo);
          io.stderr.write(`Wrote ${count} cases to ${options.out}\n`);
        },
        { mustExist: true },
      );
    });
}
