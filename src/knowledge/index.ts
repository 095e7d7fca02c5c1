/** Root-cause knowledge: the taxonomy, the text matcher, the combiner and the archive audit. */
export { KnowledgeError, type KnowledgeErrorCode, type KnowledgeErrorLocation } from './errors.js';
export {
  DEFAULT_TAXONOMY_PATH,
  HUMAN_REASONS,
  loadTaxonomy,
  parseTaxonomy,
  type HumanReason,
  type RootCause,
  type Signal,
  type Taxonomy,
} from './taxonomy.js';
export {
  DEFAULT_LEGACY_TEMPLATES_PATH,
  findLegacyTemplate,
  loadLegacyTemplates,
  parseLegacyTemplates,
  type LegacyTemplate,
  type LegacyTemplates,
} from './legacy.js';
export {
  compileTaxonomy,
  matchRootCauses,
  type CompiledTaxonomy,
  type MatchOptions,
  type RootCauseMatch,
} from './matcher.js';
export { caseOpening, caseText, matchCase, type CaseMatchOptions } from './case-match.js';
export {
  INFER_DEFAULTS,
  inferRootCause,
  type InferOptions,
  type NeighbourCode,
  type RootCauseInference,
} from './combine.js';
export {
  auditRecord,
  summarizeAudit,
  type AuditFinding,
  type AuditOptions,
  type AuditSummary,
} from './audit.js';
export { bundledKnowledge, type Knowledge } from './bundled.js';
export { deriveCaseKnowledge, type CaseKnowledge } from './case-knowledge.js';
export {
  detectNeedsHuman,
  loadNeedsHumanRules,
  type NeedsHuman,
  type NeedsHumanReason,
  type NeedsHumanRule,
} from './needs-human.js';
export {
  mineFaqCandidates,
  type FaqCandidate,
  type MiningCase,
  type MiningOptions,
} from './faq-mining.js';
export { mineFaq } from './mine-faq.js';
export {
  evaluateKnowledge,
  loadLabels,
  type KnowledgeEvaluation,
  type LabelSet,
} from './evaluate-knowledge.js';
