import type { Command } from 'commander';
import { categoryStats } from '../../store/index.js';
import { writeJson, writeLines, type CliIO, type GlobalOptions } from '../io.js';
import { withStore } from '../with-store.js';
import { padColumn } from '../columns.js';

/** Registers `casebook stats`. */
export function registerStats(program: Command, io: CliIO): void {
  program
    .command('stats')
    .description('count cases by product and type, and list unanswered cases')
    .action(async (options: GlobalOptions) => {
      const global = { ...program.opts<GlobalOptions>(), ...options };
      const stats = await withStore(global, io, categoryStats, { mustExist: true });
      if (global.json) {
        writeJson(io, stats);
        return;
      }

      const width = Math.max(
        8,
        ...stats.byCategory.map((row) => `${row.product}｜${row.type}`.length * 2),
      );
      const lines = [
        `${stats.cases} cases: ${stats.answered} answered, ${stats.unanswered} unanswered.`,
        '',
        `${'category'.padEnd(width)}  cases  unanswered`,
      ];
      for (const row of stats.byCategory) {
        const label = `${row.product}｜${row.type}`;
        lines.push(
          `${padColumn(label, width)}  ${String(row.cases).padStart(5)}  ${String(row.unanswered).padStart(10)}`,
        );
      }
      if (stats.unansweredCases.length > 0) {
        lines.push('', 'Unanswered cases:');
        for (const item of stats.unansweredCases)
          lines.push(`  ${item.ref}  ${item.title}  (${item.source})`);
      }
      writeLines(io.stdout, lines);
    });
}
