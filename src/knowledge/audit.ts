import { categoryLabel, type CaseRecord } from '../ingest/record.js';

import { matchCase } from './case-match.js';
import { inferRootCause } from './combine.js';
import { findLegacyTemplate, type LegacyTemplates } from './legacy.js';
import type { RootCauseMatch } from './matcher.js';
import type { RootCause, Taxonomy } from './taxonomy.js';

/** A stored field of an archive record that the dialogue contradicts. */
export interface AuditFinding {
  ref: string;
  source: string;
  field: 'rootCause' | 'category';
  /** The stored `根本原因分析` sentence, or the stored `product｜type` label. */
  stored: string;
  /** The suggested taxonomy code, or the suggested `product｜type` label. */
  suggested: string;
  /** Phrases of the dialogue that support the suggestion. */
  evidence: string[];
  /** Confidence of the inferred root cause behind the suggestion, from 0 to 1. */
  confidence: number;
}

/** Options of `auditRecord`. */
export interface AuditOptions {
  /** Smallest root-cause confidence that can produce a finding. Defaults to 0.5. */
  minConfidence?: number;
  /**
   * A stored sentence is accepted when one of the causes it claims scores at least this share of
   * the top cause's score, because many cases have two real causes. Defaults to 0.5.
   */
  claimSupportRatio?: number;
  /** Smallest confidence for a finding on the type half of a category alone. Defaults to 0.6. */
  minTypeConfidence?: number;
  /** Also report records whose sentence is generic (claims no cause). Defaults to false. */
  includeGenericTemplates?: boolean;
}

/** Counts of findings, by field and by stored → suggested pair (most frequent first). */
export interface AuditSummary {
  total: number;
  byField: Record<AuditFinding['field'], number>;
  byPair: Array<{ field: AuditFinding['field']; stored: string; suggested: string; count: number }>;
}

const AUDIT_DEFAULTS = {
  minConfidence: 0.5,
  claimSupportRatio: 0.5,
  minTypeConfidence: 0.6,
  includeGenericTemplates: false,
} as const;

/**
 * Compares a record's stored root-cause sentence (through the template map) and stored category
 * with the causes its dialogue supports, and returns a finding for each field they contradict.
 * Records without a confident inferred cause, and sentences missing from the template map, give
 * no finding.
 */
export function auditRecord(
  record: CaseRecord,
  taxonomy: Taxonomy,
  legacyTemplates: LegacyTemplates,
  options: AuditOptions = {},
): AuditFinding[] {
  const settings = { ...AUDIT_DEFAULTS, ...options };
  const matches = matchCase(record, taxonomy);
  const inference = inferRootCause(matches, [], { taxonomy });
  if (inference === null || inference.confidence < settings.minConfidence) return [];

  const cause = taxonomy.byCode.get(inference.code);
  if (cause === undefined) return [];
  const base = {
    ref: record.ref,
    source: record.source,
    evidence: inference.evidence,
    confidence: inference.confidence,
  };

  const findings: AuditFinding[] = [];
  if (contradictsSentence(record, matches, cause, legacyTemplates, settings)) {
    findings.push({ ...base, field: 'rootCause', stored: record.rootCause, suggested: cause.code });
  }
  const category = suggestCategory(record, cause, inference.confidence, settings);
  if (category !== null) {
    findings.push({
      ...base,
      field: 'category',
      stored: categoryLabel(record),
      suggested: category,
    });
  }
  return findings;
}

/** Counts findings by field and by stored → suggested pair. */
export function summarizeAudit(findings: readonly AuditFinding[]): AuditSummary {
  const byField = { rootCause: 0, category: 0 };
  const pairs = new Map<string, AuditSummary['byPair'][number]>();

  for (const finding of findings) {
    byField[finding.field]++;
    const key = JSON.stringify([finding.field, finding.stored, finding.suggested]);
    const pair = pairs.get(key) ?? { ...pick(finding), count: 0 };
    pair.count++;
    pairs.set(key, pair);
  }

  const byPair = [...pairs.values()].sort(
    (a, b) =>
      b.count - a.count ||
      a.stored.localeCompare(b.stored) ||
      a.suggested.localeCompare(b.suggested),
  );
  return { total: findings.length, byField, byPair };
}

function contradictsSentence(
  record: CaseRecord,
  matches: readonly RootCauseMatch[],
  cause: RootCause,
  legacyTemplates: LegacyTemplates,
  settings: Required<AuditOptions>,
): boolean {
  // NOTE: a sentence missing from the template map cannot be judged, so it is never flagged.
  const template = findLegacyTemplate(legacyTemplates, record.rootCause);
  if (template === undefined) return false;
  if (template.codes === null) return settings.includeGenericTemplates;
  if (template.codes.includes(cause.code)) return false;

  // The sentence is accepted when a cause it claims also has real support in the dialogue.
  const claimed = new Set(template.codes);
  const topScore = matches[0]?.score ?? 0;
  const claimedScore = matches.find((match) => claimed.has(match.code))?.score ?? 0;
  return claimedScore < settings.claimSupportRatio * topScore;
}

function suggestCategory(
  record: CaseRecord,
  cause: RootCause,
  confidence: number,
  settings: Required<AuditOptions>,
): string | null {
  if (!cause.products.includes(record.product)) {
    return categoryLabel({ product: cause.products[0], type: cause.types[0] });
  }
  if (!cause.types.includes(record.type) && confidence >= settings.minTypeConfidence) {
    return categoryLabel({ product: record.product, type: cause.types[0] });
  }
  return null;
}

function pick(finding: AuditFinding): Omit<AuditSummary['byPair'][number], 'count'> {
  return { field: finding.field, stored: finding.stored, suggested: finding.suggested };
}
