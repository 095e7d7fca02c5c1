// Public face of the redaction engine: detection and replacement of personal data and secrets,
// the per-case placeholder session, the optional vault for contact values, and evaluation.
export { ENTITY_TYPES } from './types.js';
export type { EntityType, RedactedEntity, RedactionResult } from './types.js';
export { Redactor, redact } from './redactor.js';
export type { AllowlistOptions, RedactOptions } from './redactor.js';
export { RedactionSession, findPlaceholders } from './placeholders.js';
export type { PlaceholderSpan, RedactionSessionOptions, ValueHook } from './placeholders.js';
export { loadRedactData } from './data.js';
export type { RedactData } from './data.js';
export { RedactError } from './errors.js';
export type { RedactErrorCode } from './errors.js';
export { createVault, parseVaultKey, sealingHook, vaultKeyFromEnv, VAULT_TYPES } from './vault.js';
export type { Vault, VaultEntry } from './vault.js';
export { evaluateRedaction, formatEvaluation, parseCorpus } from './evaluate.js';
export type {
  CorpusEntity,
  CorpusItem,
  EvaluationError,
  EvaluationReport,
  TypeScore,
} from './evaluate.js';
