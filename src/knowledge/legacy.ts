import { fileURLToPath } from 'node:url';

import { KnowledgeError } from './errors.js';
import { FieldReader, show } from './fields.js';
import { parseKnowledgeYaml, readKnowledgeFile, type Taxonomy } from './taxonomy.js';

/** One fixed `根本原因分析` sentence of the archive and the root causes it claims. */
export interface LegacyTemplate {
  sentence: string;
  /** Taxonomy codes the sentence claims, or null for a generic sentence that claims none. */
  codes: string[] | null;
}

/** The archive's template sentences, looked up by their normalized text. */
export interface LegacyTemplates {
  file: string;
  templates: readonly LegacyTemplate[];
  bySentence: ReadonlyMap<string, LegacyTemplate>;
}

/** Location of the bundled template map, `data/knowledge/legacy-templates.yaml`. */
export const DEFAULT_LEGACY_TEMPLATES_PATH = fileURLToPath(
  new URL('../../data/knowledge/legacy-templates.yaml', import.meta.url),
);

/** Reads and validates a template map against `taxonomy`; see `parseLegacyTemplates`. */
export async function loadLegacyTemplates(
  taxonomy: Taxonomy,
  path: string = DEFAULT_LEGACY_TEMPLATES_PATH,
): Promise<LegacyTemplates> {
  return parseLegacyTemplates(await readKnowledgeFile(path), path, taxonomy);
}

/**
 * Parses template-map YAML text. Raises a `KnowledgeError` for a missing field, a sentence listed
 * twice, or a code that `taxonomy` does not define.
 */
export function parseLegacyTemplates(
  text: string,
  file: string,
  taxonomy: Taxonomy,
): LegacyTemplates {
  const root = parseKnowledgeYaml(text, file);
  const list = root.templates;
  if (!Array.isArray(list) || list.length === 0) {
    const problem = `expected a non-empty list of templates, got ${show(list)}`;
    throw new KnowledgeError('KNOWLEDGE_FIELD_INVALID', { file, field: 'templates' }, problem);
  }

  const bySentence = new Map<string, LegacyTemplate>();
  const templates = list.map((item, index) => {
    const template = readTemplate(item, new FieldReader(file, `#${index + 1}`), taxonomy);
    const key = normalizeSentence(template.sentence);
    if (bySentence.has(key)) {
      const location = { file, entry: `#${index + 1}`, field: 'sentence' };
      throw new KnowledgeError('KNOWLEDGE_DUPLICATE', location, 'the sentence is listed twice');
    }
    bySentence.set(key, template);
    return template;
  });
  return { file, templates, bySentence };
}

/** Finds the template for a stored `根本原因分析` sentence, or undefined when it is not listed. */
export function findLegacyTemplate(
  templates: LegacyTemplates,
  sentence: string,
): LegacyTemplate | undefined {
  return templates.bySentence.get(normalizeSentence(sentence));
}

function readTemplate(item: unknown, reader: FieldReader, taxonomy: Taxonomy): LegacyTemplate {
  const entry = reader.object(item, 'entry');
  const sentence = reader.string(entry, 'sentence');
  if (!('codes' in entry)) {
    throw reader.invalid('codes', 'is missing; use null for a sentence that claims no cause');
  }
  if (entry.codes === null) return { sentence, codes: null };

  const codes = reader.stringList(entry, 'codes');
  codes.forEach((code, index) => {
    if (!taxonomy.byCode.has(code)) {
      const location = reader.at(`codes[${index}]`);
      const problem = `"${code}" is not defined in ${taxonomy.file}`;
      throw new KnowledgeError('KNOWLEDGE_UNKNOWN_CODE', location, problem);
    }
  });
  return { sentence, codes };
}

/** Trims and folds whitespace and full-width punctuation so copies of a sentence compare equal. */
function normalizeSentence(sentence: string): string {
  return sentence.normalize('NFKC').replace(/\s+/gu, '');
}
