import type { Command } from 'commander';
import {
  evaluateCategories,
  evaluateQuestionCategories,
  type CategoryEvaluation,
  type QuestionCategoryEvaluation,
} from '../../triage/index.js';
import { evaluateRetrieval, loadQuestions, type RetrievalEvaluation } from '../../search/index.js';
import {
  bundledKnowledge,
  evaluateKnowledge,
  loadLabels,
  type KnowledgeEvaluation,
} from '../../knowledge/index.js';
import { readFileSync } from 'node:fs';
import { evaluateRedaction, formatEvaluation, parseCorpus } from '../../redact/evaluate.js';
import { dataPath } from '../../shared/paths.js';
import { CliError, writeJson, writeLines, type CliIO, type GlobalOptions } from '../io.js';
import { parseCount } from '../counts.js';
import { withStore } from '../with-store.js';
import { padColumn } from '../columns.js';

interface EvalOptions extends GlobalOptions {
  limit?: string;
  redaction?: string | true;
  questions?: string;
  labels?: string;
}

function formatKnowledgeEvaluation(result: KnowledgeEvaluation, file: string): string[] {
  const cause = result.rootCause;
  const row = (
    name: string,
    score: { accuracy: number; answered: number; answeredRight: number },
  ) =>
    `${padColumn(name, 40)} ${score.accuracy.toFixed(3).padStart(8)}   ${score.answeredRight}/${score.answered}`;
  const human = result.needsHuman;
  return [
    '',
    `Root cause, ${result.cases} hand-labelled cases from ${file}:`,
    `${'predictor'.padEnd(40)} ${'accuracy'.padStart(8)}   right/answered`,
    row('whole dialogue (stored at import)', cause.fromDialogue),
    row('question + similar cases (as triage)', cause.fromQuestion),
    row(`majority (${cause.majorityBaseline.code ?? 'null'})`, cause.majorityBaseline),
    '',
    `Needs human: accuracy ${human.accuracy.toFixed(3)}, precision ${human.precision.toFixed(3)}, recall ${human.recall.toFixed(3)} (always "no": ${human.alwaysNoBaseline.toFixed(3)})`,
  ];
}

function formatCategoryEvaluation(result: CategoryEvaluation): string[] {
  const row = (name: string, score: { accuracy: number; macroF1: number }) =>
    `${padColumn(name, 28)} ${score.accuracy.toFixed(3).padStart(8)} ${score.macroF1.toFixed(3).padStart(9)}`;
  return [
    `Category, leave-one-out over ${result.cases} cases in ${result.categories} categories`,
    `(${result.singletons} categories have a single case, which no model can predict leave-one-out).`,
    '',
    `${'predictor'.padEnd(28)} ${'accuracy'.padStart(8)} ${'macro-F1'.padStart(9)}`,
    row('naive Bayes (casebook)', result.model),
    row(`majority (${result.majorityBaseline.label})`, result.majorityBaseline),
  ];
}

function formatRetrievalEvaluation(
  result: RetrievalEvaluation,
  categories: QuestionCategoryEvaluation,
  file: string,
): string[] {
  const lines = [
    '',
    `Similar cases, ${result.questions} questions from ${file}:`,
    `hit@1 ${result.hitAt1.toFixed(3)}  hit@5 ${result.hitAt5.toFixed(3)}  MRR ${result.mrr.toFixed(3)}`,
  ];
  if (categories.questions > 0) {
    lines.push(
      `Category of the ${categories.questions} questions that carry one: accuracy ` +
        `${categories.accuracy.toFixed(3)}, right product ${categories.productAccuracy.toFixed(3)}`,
    );
  }
  return lines;
}

// The redaction evaluation needs no database: it scores the engine on a labelled corpus.
function runRedactionEvaluation(corpus: string | true, global: GlobalOptions, io: CliIO): void {
  const file = corpus === true ? dataPath('eval', 'redaction-corpus.jsonl') : corpus;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `Cannot read the redaction corpus ${file} (${(error as NodeJS.ErrnoException).code}).`,
    );
  }
  const items = readEvalFile(file, 'redaction corpus', () => parseCorpus(text));
  const report = evaluateRedaction(items);
  const holdout = items.filter((item) => item.tags?.includes('holdout'));
  const holdoutReport = holdout.length > 0 ? evaluateRedaction(holdout) : undefined;

  if (global.json) {
    writeJson(io, {
      corpus: file,
      all: { ...report, errors: report.errors.length },
      holdout: holdoutReport,
    });
    return;
  }
  const lines = [
    `Redaction, ${report.items} labelled messages from ${file}:`,
    formatEvaluation(report),
  ];
  if (holdoutReport) {
    lines.push(
      '',
      `Hand-written hold-out items only (${holdoutReport.items}):`,
      formatEvaluation(holdoutReport),
    );
  }
  writeLines(io.stdout, lines);
}

/** Loads an evaluation file, turning a missing file or a parse error into a usage error. */
function readEvalFile<T>(file: string, what: string, load: (file: string) => T): T {
  try {
    return load(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'the file does not exist' : (error as Error).message;
    throw new CliError(`Cannot read the ${what} ${file}: ${reason}.`, 2);
  }
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return Infinity;
  return parseCount(value, '--limit');
}

/** Registers `casebook eval`. */
export function registerEval(program: Command, io: CliIO): void {
  program
    .command('eval')
    .description(
      'measure category accuracy and macro-F1 (leave-one-out, against the majority baseline)',
    )
    .option('--limit <count>', 'evaluate the category model on at most this many cases')
    .option(
      '--questions <file>',
      'also measure hit@1, hit@5 and MRR of similar cases, and the category accuracy, on this YAML question set',
    )
    .option(
      '--redaction [corpus]',
      'measure redaction precision and recall per entity type instead (default: data/eval/redaction-corpus.jsonl)',
    )
    .option(
      '--labels <file>',
      'also measure root-cause and needs-human agreement with this YAML label set',
    )
    .action(async (options: EvalOptions) => {
      const global = { ...program.opts<GlobalOptions>(), ...options };
      if (options.redaction !== undefined) {
        runRedactionEvaluation(options.redaction, global, io);
        return;
      }
      const limit = parseLimit(options.limit);
      const questions = options.questions
        ? readEvalFile(options.questions, 'question set', loadQuestions)
        : undefined;
      const labels = options.labels
        ? readEvalFile(options.labels, 'label set', loadLabels)
        : undefined;

      const report = await withStore(
        global,
        io,
        async (store) => ({
          category: await evaluateCategories(store, limit),
          retrieval: questions ? await evaluateRetrieval(store, questions) : undefined,
          questionCategories: questions
            ? await evaluateQuestionCategories(store, questions)
            : undefined,
          knowledge: labels
            ? await evaluateKnowledge(store, labels, bundledKnowledge())
            : undefined,
        }),
        { mustExist: true },
      );
      if (labels && report.knowledge?.cases === 0) {
        throw new CliError(
          `${options.labels}: none of its ${labels.labels.size} labelled cases is stored; it ` +
            `names the source "${labels.source}", so import that file, or change "source" to ` +
            'the name of the imported file.',
        );
      }

      if (global.json) {
        writeJson(io, report);
        return;
      }
      const lines = formatCategoryEvaluation(report.category);
      if (report.retrieval && report.questionCategories) {
        lines.push(
          ...formatRetrievalEvaluation(
            report.retrieval,
            report.questionCategories,
            options.questions!,
          ),
        );
      }
      if (report.knowledge)
        lines.push(...formatKnowledgeEvaluation(report.knowledge, options.labels!));
      writeLines(io.stdout, lines);
    });
}
