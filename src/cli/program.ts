import { Command, CommanderError } from 'commander';
import { addPlainHelpNotes, formatHelpJson } from './help-json.js';
import { CliError, type CliIO } from './io.js';
import { registerImport } from './commands/import.js';
import { registerSearch } from './commands/search.js';
import { registerTriage } from './commands/triage.js';
import { registerExport } from './commands/export.js';
import { registerStats } from './commands/stats.js';
import { registerEval } from './commands/eval.js';
import { registerRedact } from './commands/redact.js';
import { registerAudit } from './commands/audit.js';
import { registerFaq } from './commands/faq.js';
import { registerServe } from './commands/serve.js';
import { registerReveal } from './commands/reveal.js';
import { registerBackup } from './commands/backup.js';
import { registerMigrate } from './commands/migrate.js';
import { registerReindex } from './commands/reindex.js';

const VERSION = '0.1.0';

/**
 * Builds the `casebook` command line with every command writing to the given streams. With
 * `json`, help and the version are printed as JSON, as every command's output is.
 */
export function buildProgram(io: CliIO, { json = false }: { json?: boolean } = {}): Command {
  const program = new Command('casebook').description(
    'Import a support archive, redact it, and triage new questions against it.',
  );
  if (json) {
    program.option('-V, --version', 'output the version number').on('option:version', () => {
      io.stdout.write(`${JSON.stringify({ version: VERSION })}\n`);
      throw new CommanderError(0, 'commander.version', VERSION);
    });
  } else {
    program.version(VERSION);
  }
  program
    .option(
      '--db <path>',
      'SQLite file or postgres:// URL (default: $CASEBOOK_DATABASE_URL, $CASEBOOK_DB, ./casebook.db)',
    )
    .option('--json', 'print machine-readable JSON on stdout and nothing else there')
    .enablePositionalOptions(false)
    // Each command's help lists --db and --json too, since they apply to every command.
    .configureHelp(
      json ? { showGlobalOptions: true, formatHelp: formatHelpJson } : { showGlobalOptions: true },
    )
    .showHelpAfterError('(run "casebook --help" for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride()
    .helpCommand(false);

  registerImport(program, io);
  registerSearch(program, io);
  registerTriage(program, io);
  registerExport(program, io);
  registerStats(program, io);
  registerEval(program, io);
  registerRedact(program, io);
  registerAudit(program, io);
  registerFaq(program, io);
  registerServe(program, io);
  registerReveal(program, io);
  registerBackup(program, io);
  registerMigrate(program, io);
  registerReindex(program, io);
  registerHelp(program);
  if (!json) addPlainHelpNotes(program);
  pointToOwnHelp(program);
  return program;
}

/** Makes a usage error of each command point to its own help (`casebook stats --help`). */
function pointToOwnHelp(cmd: Command, names: string[] = []): void {
  for (const sub of cmd.commands) {
    const path = [...names, sub.name()];
    sub.showHelpAfterError(`(run "casebook ${path.join(' ')} --help" for usage)`);
    pointToOwnHelp(sub, path);
  }
}

/**
 * Registers `casebook help [COMMAND...]`, which prints a command's help (`help faq list` too).
 * Commander's own help command prints the program's help for a name it does not know, without
 * saying so.
 */
function registerHelp(program: Command): void {
  program
    .command('help')
    .description('display help for command')
    .argument('[command...]', 'the command, and its subcommand if it has any')
    .action((names: string[]) => {
      let target = program;
      for (const [index, name] of names.entries()) {
        const next = target.commands.find((sub) => sub.name() === name);
        if (next === undefined) {
          const path = names.slice(0, index + 1).join(' ');
          throw new CliError(`Unknown command "${path}": run "casebook --help" for the list.`, 2);
        }
        target = next;
      }
      target.help();
    });
}
