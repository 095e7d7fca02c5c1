import type { Command } from 'commander';
import { rebuildSearchIndex } from '../../search/reindex.js';
import type { Store } from '../../store/index.js';
import { calibrateCategoryModel } from '../../triage/index.js';
import { writeJson, writeLines, type CliIO, type GlobalOptions } from '../io.js';
import { withStore } from '../with-store.js';

/** Registers `casebook reindex`. */
export function registerReindex(program: Command, io: CliIO): void {
  program
    .command('reindex')
    .description(
      "rebuild the database's search index and category counts from the stored cases, after " +
        'the text dictionaries or the tokenizer changed (in one transaction, so writes wait ' +
        'until it ends)',
    )
    .action(async (options: GlobalOptions) => {
      const global = { ...program.opts<GlobalOptions>(), ...options };
      const started = performance.now();
      const rebuild = async (store: Store) => {
        const indexed = await rebuildSearchIndex(store);
        // The temperature was fitted to the old counts.
        if (indexed > 0) await calibrateCategoryModel(store);
        return indexed;
      };
      const indexed = await withStore(global, io, rebuild, { mustExist: true });
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      if (global.json) writeJson(io, { indexed, seconds });
      else writeLines(io.stdout, [`Rebuilt the search index of ${indexed} cases in ${seconds} s.`]);
    });
}
