import type { CaseRecord } from './record.js';
import { buildSearchDocument, categoryTerms, type SearchDocument } from '../search/document.js';
import { hashRecord } from '../store/case-hash.js';
import { redactRecord, type RedactionCounts } from '../redact/record.js';
import { VAULT_TYPES, type Vault } from '../redact/vault.js';
import { bundledKnowledge, deriveCaseKnowledge, type CaseKnowledge } from '../knowledge/index.js';

/** A record after redaction, with its hash and, unless it was unchanged, its index terms. */
export interface PreparedRecord {
  record: CaseRecord;
  hash: string;
  counts: RedactionCounts;
  /** Absent when the hash equals the stored one, because an unchanged case is not re-indexed. */
  document?: SearchDocument;
  categoryTerms?: string[];
  knowledge?: CaseKnowledge;
  /** Contact values sealed by the vault, when one is configured. */
  sealed: SealedValue[];
}

/** A contact value encrypted by the vault, keyed by its placeholder within the case. */
export interface SealedValue {
  placeholder: string;
  type: string;
  sealed: string;
}

/**
 * Redacts a record, hashes the result, and segments it for the index and the category model and
 * infers its root cause, unless `storedHash` shows the stored copy is already identical. This is the CPU-heavy part of
 * an import, and it depends on nothing but its input, so worker threads can run it.
 */
export function prepareRecord(
  record: CaseRecord,
  storedHash?: string,
  vault?: Vault,
): PreparedRecord {
  const sealed: SealedValue[] = [];
  const onValue = vault
    ? (type: string, placeholder: string, value: string) => {
        if (VAULT_TYPES.has(type as never))
          sealed.push({ placeholder, type, sealed: vault.seal(value) });
      }
    : undefined;
  const { record: redacted, counts } = redactRecord(record, { onValue });
  const hash = hashRecord(redacted);
  if (hash === storedHash) return { record: redacted, hash, counts, sealed: [] };

  const document = buildSearchDocument(redacted);
  const knowledge = deriveCaseKnowledge(redacted, bundledKnowledge());
  return {
    record: redacted,
    hash,
    counts,
    document,
    categoryTerms: categoryTerms(document),
    knowledge,
    sealed,
  };
}
