import type { Command } from 'commander';
import { bundledKnowledge, mineFaq } from '../../knowledge/index.js';
import {
  FAQ_STATUSES,
  editFaqEntry,
  listFaqEntries,
  reviewFaqEntry,
  type FaqEntry,
  type FaqStatus,
} from '../../store/index.js';
import { CliError, writeJson, writeLines, type CliIO, type GlobalOptions } from '../io.js';
import { parseCount } from '../counts.js';
import { withStore } from '../with-store.js';

function formatEntry(entry: FaqEntry): string[] {
  const refs = entry.refs.map((r) => r.ref).join('、');
  return [
    `#${entry.id} [${entry.status}] ${entry.question}`,
    `   ${entry.caseCount} cases (${refs}); root cause ${entry.rootCauseCode ?? '-'}; seen ${entry.firstSeen.slice(0, 10)} to ${entry.lastSeen.slice(0, 10)}`,
    ...entry.steps.map((step, i) => `   ${i + 1}. ${step}`),
  ];
}

function parseId(value: string): number {
  const id = Number.parseInt(value, 10);
  if (!Number.isInteger(id) || id < 1 || String(id) !== value) {
    throw new CliError(
      `Invalid FAQ id "${value}": expected a positive integer as "casebook faq list" shows.`,
      2,
    );
  }
  return id;
}

function parseStatus(value: string): FaqStatus | undefined {
  if (value === 'all') return undefined;
  if (!(FAQ_STATUSES as readonly string[]).includes(value)) {
    throw new CliError(
      `Invalid --status "${value}": expected ${FAQ_STATUSES.join(', ')} or all.`,
      2,
    );
  }
  return value as FaqStatus;
}

function registerReview(
  faq: Command,
  program: Command,
  io: CliIO,
  status: FaqStatus,
  verb: string,
): void {
  faq
    .command(verb)
    .description(`mark FAQ entries as ${status}`)
    .argument('<ids...>', 'entry ids')
    .action(async (ids: string[]) => {
      const global = program.opts<GlobalOptions>();
      const numbers = ids.map(parseId);
      // Check every id first, so a typo in one id changes none of the entries.
      const entries = await withStore(
        global,
        io,
        async (store) => {
          const known = new Set((await listFaqEntries(store)).map((entry) => entry.id));
          const missing = numbers.filter((id) => !known.has(id));
          if (missing.length > 0)
            throw new CliError(`No FAQ entry with id ${missing.join(', ')}; nothing was changed.`);
          return Promise.all(numbers.map((id) => reviewFaqEntry(store, id, status)));
        },
        { mustExist: true },
      );
      if (global.json) writeJson(io, entries.filter(Boolean));
      else
        writeLines(
          io.stdout,
          entries.flatMap((entry) => (entry ? [`#${entry.id} is now ${status}.`] : [])),
        );
    });
}

/** Registers `casebook faq` and its subcommands. */
export function registerFaq(program: Command, io: CliIO): void {
  const faq = program
    .command('faq')
    .description('mine recurring issues into FAQ entries and review them');

  faq
    .command('list', { isDefault: true })
    .description('list FAQ entries, most cases first')
    .option('--status <status>', 'pending, approved, rejected or all', 'all')
    .action(async (options: { status: string }) => {
      const global = program.opts<GlobalOptions>();
      const status = parseStatus(options.status);
      const entries = await withStore(global, io, (store) => listFaqEntries(store, status), {
        mustExist: true,
      });
      if (global.json) writeJson(io, entries);
      else if (entries.length === 0)
        writeLines(io.stdout, ['No FAQ entries. Run "casebook faq mine" first.']);
      else writeLines(io.stdout, entries.flatMap(formatEntry));
    });

  faq
    .command('mine')
    .description('group cases by root cause and similarity and store new FAQ candidates as pending')
    .option('--min-cases <count>', 'smallest group that counts as recurring', '2')
    .action(async (options: { minCases: string }) => {
      const global = program.opts<GlobalOptions>();
      const minCases = parseCount(options.minCases, '--min-cases', 2);
      const summary = await withStore(
        global,
        io,
        (store) => mineFaq(store, bundledKnowledge(), { minCases }),
        {
          mustExist: true,
        },
      );
      if (global.json) writeJson(io, summary);
      else {
        writeLines(io.stdout, [
          `Found ${summary.candidates} recurring issues: ${summary.created} new, ${summary.updated} updated, ${summary.unchanged} unchanged.`,
          'Review them with "casebook faq list --status pending", then "casebook faq approve ID...".',
        ]);
      }
    });

  faq
    .command('edit')
    .description('change the question or the steps of an entry')
    .argument('<id>', 'entry id')
    .option('--question <text>', 'new canonical question')
    .option('--step <text...>', 'new answer steps, in order (replaces all steps)')
    .action(async (id: string, options: { question?: string; step?: string[] }) => {
      const global = program.opts<GlobalOptions>();
      if (!options.question && !options.step)
        throw new CliError('Nothing to change: pass --question and/or --step.', 2);
      const entry = await withStore(
        global,
        io,
        (store) =>
          editFaqEntry(store, parseId(id), { question: options.question, steps: options.step }),
        {
          mustExist: true,
        },
      );
      if (!entry) throw new CliError(`No FAQ entry with id ${id}.`);
      if (global.json) writeJson(io, entry);
      else writeLines(io.stdout, formatEntry(entry));
    });

  registerReview(faq, program, io, 'approved', 'approve');
  registerReview(faq, program, io, 'rejected', 'reject');
}
