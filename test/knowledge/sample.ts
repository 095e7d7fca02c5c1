// Shared fixtures for the knowledge tests: the sample archive, its hand labels and the bundled
// knowledge files.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { load as parseYaml } from 'js-yaml';

// The reader module, not the ingest index: the index also loads the import pipeline and redaction,
// which these tests do not need.
import { parseArchive } from '../../src/ingest/archive-reader.js';
import type { CaseRecord } from '../../src/ingest/record.js';
import {
  loadLegacyTemplates,
  loadTaxonomy,
  type LegacyTemplates,
  type Taxonomy,
} from '../../src/knowledge/index.js';

/** One hand label of `data/eval/sample-labels.yaml`. */
export interface SampleLabel {
  rootCause: string | null;
  needsHuman: boolean;
  needsHumanReasons: string[];
  category?: string;
  legacyRootCauseWrong: boolean;
  note?: string;
}

export const SAMPLE_PATH = fileURLToPath(
  new URL('../../data/samples/support-records-part14.md', import.meta.url),
);
const LABELS_PATH = fileURLToPath(new URL('../../data/eval/sample-labels.yaml', import.meta.url));

/** Parses the sample archive with the project's archive reader. */
export function loadSampleRecords(): CaseRecord[] {
  return parseArchive(readFileSync(SAMPLE_PATH, 'utf8'), SAMPLE_PATH).records;
}

/** Reads the hand labels, keyed by record ref. */
export function loadSampleLabels(): Map<string, SampleLabel> {
  const root = parseYaml(readFileSync(LABELS_PATH, 'utf8')) as {
    labels: Record<string, SampleLabel>;
  };
  return new Map(Object.entries(root.labels));
}

/** Loads the bundled taxonomy and template map. */
export async function loadKnowledge(): Promise<{
  taxonomy: Taxonomy;
  templates: LegacyTemplates;
}> {
  const taxonomy = await loadTaxonomy();
  return { taxonomy, templates: await loadLegacyTemplates(taxonomy) };
}
