import type { Command } from 'commander';
import { redact } from '../../redact/index.js';
import { searchCases } from '../../search/index.js';
import { CliError, writeJson, writeLines, type CliIO, type GlobalOptions } from '../io.js';
import { parseCount } from '../counts.js';
import { renderSnippet } from '../highlight.js';
import { withStore } from '../with-store.js';

interface SearchOptions extends GlobalOptions {
  limit: string;
}

/** Registers `casebook search QUERY`. */
export function registerSearch(program: Command, io: CliIO): void {
  program
    .command('search')
    .description('list the cases that best match a query, with a highlighted snippet')
    .argument('<query...>', 'words to search for, in Chinese or English')
    .option('-n, --limit <count>', 'number of cases to list', '10')
    .action(async (words: string[], options: SearchOptions) => {
      const global = { ...program.opts<GlobalOptions>(), ...options };
      const limit = parseCount(options.limit, '--limit');

      const typed = words.join(' ').trim();
      if (typed === '') {
        throw new CliError('The query is empty: give the words to search for.', 2);
      }
      if (!/[\p{L}\p{N}]/u.test(typed)) {
        throw new CliError('The query has no letters or digits: give the words to search for.', 2);
      }
      // Searched redacted, as triage does, so a name or phone number adds no terms to match.
      const query = redact(typed).text;
      const hits = await withStore(global, io, (store) => searchCases(store, query, { limit }), {
        mustExist: true,
        checkIndex: true,
      });

      if (global.json) {
        writeJson(
          io,
          hits.map((hit) => ({
            ref: hit.ref,
            source: hit.source,
            title: hit.title,
            category: hit.category,
            score: hit.score,
            snippet: hit.snippet.text,
            highlights: hit.snippet.highlights,
          })),
        );
        return;
      }
      if (hits.length === 0) {
        writeLines(io.stdout, [`No case matches "${query}".`]);
        return;
      }
      const terminal = Boolean(io.stdout.isTTY);
      writeLines(
        io.stdout,
        hits.flatMap((hit, index) => [
          `${index + 1}. ${hit.ref}  ${hit.category}  ${hit.score.toFixed(2)}  ${hit.title}  (${hit.source})`,
          `   ${renderSnippet(hit.snippet, terminal)}`,
        ]),
      );
    });
}
