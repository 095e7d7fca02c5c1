import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { redact } from '../../redact/index.js';
import { CliError, readStdin, writeJson, type CliIO, type GlobalOptions } from '../io.js';

function readInput(file: string | undefined, io: CliIO): Promise<string> | string {
  if (!file || file === '-') return readStdin(io);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new CliError(`Cannot read ${file} (${code}). Check the path, or pipe the text on stdin.`);
  }
}

/** Registers `casebook redact [FILE]`. */
export function registerRedact(program: Command, io: CliIO): void {
  program
    .command('redact')
    .description('replace personal data and secrets in a file or stdin with typed placeholders')
    .argument('[file]', 'text file to redact; stdin when absent or "-"')
    .action(async (file: string | undefined, options: GlobalOptions) => {
      const global = { ...program.opts<GlobalOptions>(), ...options };
      const result = redact(await readInput(file, io));
      if (global.json) {
        writeJson(io, {
          text: result.text,
          entities: result.entities.map((e) => ({
            type: e.type,
            start: e.start,
            end: e.end,
            placeholder: e.placeholder,
          })),
        });
      } else io.stdout.write(result.text);
    });
}
