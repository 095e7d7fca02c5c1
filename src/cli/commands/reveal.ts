import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { createVault, vaultKeyFromEnv } from '../../redact/vault.js';
import { findCase, listReveals, revealValue } from '../../store/index.js';
import { CliError, writeJson, writeLines, type CliIO, type GlobalOptions } from '../io.js';
import { withStore } from '../with-store.js';

interface RevealOptions extends GlobalOptions {
  actor?: string;
  reason: string;
}

function readVault(io: CliIO) {
  let key: Buffer | null;
  try {
    key = vaultKeyFromEnv(io.env);
  } catch (error) {
    throw new CliError((error as Error).message, 2);
  }
  if (!key) {
    throw new CliError(
      'The vault is off: set CASEBOOK_VAULT_KEY to the key the cases were imported with.',
      2,
    );
  }
  return createVault(key);
}

/** Returns a placeholder typed without its brackets (PHONE_1) as stored ([PHONE_1]). */
function withBrackets(placeholder: string): string {
  const trimmed = placeholder.trim();
  return /^[A-Z_]+_[0-9]+$/.test(trimmed) ? `[${trimmed}]` : trimmed;
}

/** Registers `casebook reveal` and `casebook reveal-log`. */
export function registerReveal(program: Command, io: CliIO): void {
  program
    .command('reveal')
    .description('decrypt one vaulted contact value of a case; every reveal is logged')
    .argument('<source>', 'source file name of the case, such as support-records-part14.md')
    .argument('<ref>', 'the case ref, such as Q12')
    .argument('<placeholder>', 'the placeholder to reveal, such as [PHONE_1]')
    .requiredOption('--reason <text>', 'why the value is needed; stored in the reveal log')
    .option('--actor <name>', 'who reveals the value (default: the operating-system user)')
    .action(async (source: string, ref: string, placeholder: string, options: RevealOptions) => {
      const global = { ...program.opts<GlobalOptions>(), ...options };
      const vault = readVault(io);
      if (options.reason.trim() === '') throw new CliError('--reason must not be empty.', 2);

      const reveal = await withStore(
        global,
        io,
        async (store) => {
          const found = await findCase(store, source, ref);
          if (!found)
            throw new CliError(
              `No case ${ref} in source ${source}. "casebook stats" lists the sources.`,
            );
          const actor = options.actor ?? userInfo().username;
          return revealValue(store, vault, {
            caseId: found.id,
            placeholder: withBrackets(placeholder),
            actor,
            reason: options.reason,
          });
        },
        { mustExist: true },
      );
      if (global.json) writeJson(io, reveal);
      else writeLines(io.stdout, [`${reveal.placeholder} (${reveal.type}): ${reveal.value}`]);
    });

  program
    .command('reveal-log')
    .description('list who revealed which vaulted value, and why, newest first')
    .option('-n, --limit <count>', 'number of entries', '100')
    .action(async (options: GlobalOptions & { limit: string }) => {
      const global = { ...program.opts<GlobalOptions>(), ...options };
      const entries = await withStore(
        global,
        io,
        (store) => listReveals(store, Number(options.limit) || 100),
        {
          mustExist: true,
        },
      );
      if (global.json) writeJson(io, entries);
      else {
        writeLines(
          io.stdout,
          entries.map(
            (e) =>
              `${e.revealed_at}  ${e.actor}  case ${e.case_id}  ${e.placeholder}  "${e.reason}"`,
          ),
        );
      }
    });
}
