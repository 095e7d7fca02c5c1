/**
 * Scores the redactor on the labelled corpus and prints per-type precision and recall and the
 * survival rate of must-survive strings.
 *
 * Usage: node --import tsx scripts/eval-redaction.ts [--corpus FILE] [--errors N]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { evaluateRedaction, formatEvaluation, parseCorpus } from '../src/redact/evaluate.js';
import { packagePath } from '../src/shared/paths.js';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: packagePath('data', 'eval', 'redaction-corpus.jsonl') },
    errors: { type: 'string', default: '20' },
  },
});

const corpus = parseCorpus(readFileSync(values.corpus, 'utf8'));
const report = evaluateRedaction(corpus);
console.log('all items');
console.log(formatEvaluation(report));

// Items tagged `holdout` were written by hand and never used to tune the detectors.
const holdout = corpus.filter((item) => item.tags?.includes('holdout'));
if (holdout.length > 0) {
  console.log('\nhold-out items only');
  console.log(formatEvaluation(evaluateRedaction(holdout)));
}

const shown = Number(values.errors);
if (shown > 0 && report.errors.length > 0) {
  console.log(
    `\nfirst ${Math.min(shown, report.errors.length)} of ${report.errors.length} errors:`,
  );
  for (const error of report.errors.slice(0, shown)) {
    console.log(
      `  ${error.id}  ${error.kind}  ${error.type ?? '-'}  ${JSON.stringify(error.value)}`,
    );
  }
}
