import type { Command } from 'commander';
import {
  auditRecord,
  bundledKnowledge,
  summarizeAudit,
  type AuditFinding,
} from '../../knowledge/index.js';
import { iterateCases } from '../../store/index.js';
import { CliError, writeJson, writeLines, type CliIO, type GlobalOptions } from '../io.js';
import { withStore } from '../with-store.js';

interface AuditOptions extends GlobalOptions {
  field?: string;
}

function formatFinding(finding: AuditFinding): string[] {
  const what = finding.field === 'rootCause' ? '根本原因分析' : '问题分类';
  return [
    `${finding.ref} (${finding.source}) ${what}: "${finding.stored}" -> ${finding.suggested} (${Math.round(finding.confidence * 100)}%)`,
    `   evidence: ${finding.evidence.join('、') || '(similar cases)'}`,
  ];
}

/** Registers `casebook audit`. */
export function registerAudit(program: Command, io: CliIO): void {
  program
    .command('audit')
    .description('list records whose root-cause sentence or category disagrees with their dialogue')
    .option('--field <field>', 'only rootCause or only category findings')
    .action(async (options: AuditOptions) => {
      const global = { ...program.opts<GlobalOptions>(), ...options };
      if (options.field && options.field !== 'rootCause' && options.field !== 'category') {
        throw new CliError(
          `Invalid --field "${options.field}": expected rootCause or category.`,
          2,
        );
      }

      const { taxonomy, legacyTemplates } = bundledKnowledge();
      const { findings, audited } = await withStore(
        global,
        io,
        async (store) => {
          const all: AuditFinding[] = [];
          let count = 0;
          for await (const found of iterateCases(store)) {
            count += 1;
            all.push(...auditRecord(found, taxonomy, legacyTemplates));
          }
          return {
            findings: all.filter((f) => !options.field || f.field === options.field),
            audited: count,
          };
        },
        { mustExist: true },
      );

      const summary = summarizeAudit(findings);
      if (global.json) {
        writeJson(io, { audited, summary, findings });
        return;
      }
      const lines = findings.flatMap(formatFinding);
      lines.push(
        '',
        `${audited} records audited: ${summary.total} findings (${Object.entries(summary.byField)
          .map(([field, n]) => `${field} ${n}`)
          .join(', ')}).`,
      );
      writeLines(io.stdout, lines);
    });
}
