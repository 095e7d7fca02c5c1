import { readFileSync } from 'node:fs';
import {
  DEFAULT_LEGACY_TEMPLATES_PATH,
  parseLegacyTemplates,
  type LegacyTemplates,
} from './legacy.js';
import { loadNeedsHumanRules, type NeedsHumanRule } from './needs-human.js';
import { DEFAULT_TAXONOMY_PATH, parseTaxonomy, type Taxonomy } from './taxonomy.js';

/** The knowledge files that ship in `data/`, loaded together. */
export interface Knowledge {
  taxonomy: Taxonomy;
  legacyTemplates: LegacyTemplates;
  needsHumanRules: NeedsHumanRule[];
}

let bundled: Knowledge | undefined;

/**
 * Loads the bundled taxonomy, legacy-template map and needs-human rules once per thread.
 * Synchronous, so import workers can call it from their per-record code.
 */
export function bundledKnowledge(): Knowledge {
  if (!bundled) {
    const taxonomy = parseTaxonomy(
      readFileSync(DEFAULT_TAXONOMY_PATH, 'utf8'),
      DEFAULT_TAXONOMY_PATH,
    );
    const legacyTemplates = parseLegacyTemplates(
      readFileSync(DEFAULT_LEGACY_TEMPLATES_PATH, 'utf8'),
      DEFAULT_LEGACY_TEMPLATES_PATH,
      taxonomy,
    );
    bundled = { taxonomy, legacyTemplates, needsHumanRules: loadNeedsHumanRules() };
  }
  return bundled;
}
