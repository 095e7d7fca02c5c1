import type { Command } from 'commander';
import { rebuildSearchIndex } from '../../search/reindex.js';
import { writeJson, writeLines, type CliIO, type GlobalOptions } from '../io.js';
import { withStore } from '../with-store.js';

/** Registers `casebook reindex`. */
export function registerReindex(program: Command, io: CliIO): void {
  program
    .command('reindex')
    .description(
      "rebuild the database's search index from the stored cases, after the text dictionaries " +
        'or the tokenizer changed (in one transaction, so writes wait until it ends)',
    )
    .action(async (options: GlobalOptions) => {
      const global = { ...program.opts<GlobalOptions>(), ...options };
      const started = performance.now();
      const indexed = await withStore(global, io, rebuildSearchIndex, { mustExist: true });
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      if (global.json) writeJson(io, { indexed, seconds });
      else writeLines(io.stdout, [`Rebuilt the search index of ${indexed} cases in ${seconds} s.`]);
    });
}
