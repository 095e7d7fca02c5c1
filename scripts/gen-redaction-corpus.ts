/**
 * Writes data/eval/redaction-corpus.jsonl: labelled synthetic support messages for the
 * redaction evaluation. The output is deterministic for a given seed.
 *
 * Usage: node --import tsx scripts/gen-redaction-corpus.ts [--seed 20241007] [--out FILE]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import type { CorpusItem } from '../src/redact/evaluate.js';
import { packagePath } from '../src/shared/paths.js';
import type { Draft } from './redaction-corpus/build.js';
import { codeTemplates } from './redaction-corpus/code.js';
import { contactTemplates } from './redaction-corpus/contact.js';
import { handwritten } from './redaction-corpus/handwritten.js';
import { hardTemplates } from './redaction-corpus/hard.js';
import { holdout } from './redaction-corpus/holdout.js';
import { negativeTemplates } from './redaction-corpus/negative.js';
import { Random } from './redaction-corpus/values.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '20241007' },
    out: { type: 'string', default: packagePath('data', 'eval', 'redaction-corpus.jsonl') },
  },
});

const random = new Random(Number(values.seed));
// Each family's templates run this many times with fresh values.
const families: Array<[string, Array<(r: Random) => Draft>, number]> = [
  ['contact', contactTemplates, 4],
  ['code', codeTemplates, 3],
  ['hard', hardTemplates, 3],
  ['negative', negativeTemplates, 2],
];

const items: CorpusItem[] = [];
for (const [family, templates, rounds] of families) {
  templates.forEach((template, index) => {
    for (let round = 0; round < rounds; round++) {
      const draft = template(random);
      for (const labelled of draft.entities) {
        if (!draft.text.startsWith(labelled.value, labelled.start ?? -1)) {
          throw new Error(
            `Template ${family}-${index} placed "${labelled.value}" at a wrong offset.`,
          );
        }
      }
      items.push({ id: `${family}-${index + 1}-${round + 1}`, tags: [family], ...draft });
    }
  });
}

for (const [family, drafts] of [
  ['handwritten', handwritten],
  ['holdout', holdout],
] as const) {
  drafts.forEach((draft, index) => {
    if (draft.text === '') return;
    for (const labelled of draft.entities) {
      if (!draft.text.startsWith(labelled.value, labelled.start ?? -1)) {
        throw new Error(
          `Item ${family}-${index + 1} placed "${labelled.value}" at a wrong offset.`,
        );
      }
    }
    items.push({ id: `${family}-${index + 1}`, tags: [family], ...draft });
  });
}

writeFileSync(values.out, items.map((item) => JSON.stringify(item)).join('\n') + '\n');
console.log(`wrote ${items.length} items to ${values.out}`);
