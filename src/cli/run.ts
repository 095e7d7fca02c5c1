import { CommanderError } from 'commander';
import { ArchiveError } from '../ingest/index.js';
import { StoreError } from '../store/index.js';
import { RedactError } from '../redact/index.js';
import { KnowledgeError } from '../knowledge/index.js';
import { CliError, type CliIO } from './io.js';
import { buildProgram } from './program.js';

/**
 * Runs the command line with `argv` (without the node and script paths) and returns the exit
 * code: 0 on success, 1 when the work failed, 2 for invalid usage.
 */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  // Options end at `--`, so a `--json` after it is an argument of the command.
  const end = argv.indexOf('--');
  const json = (end === -1 ? argv : argv.slice(0, end)).includes('--json');
  const program = buildProgram(io, { json });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version output end with exit code 0 through this same path.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (
      error instanceof CliError ||
      error instanceof StoreError ||
      error instanceof ArchiveError ||
      error instanceof RedactError ||
      error instanceof KnowledgeError
    ) {
      io.stderr.write(`casebook: ${error.message}\n`);
      return error instanceof CliError ? error.exitCode : 1;
    }
    throw error;
  }
}
