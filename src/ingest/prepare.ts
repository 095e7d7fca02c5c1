import type { CaseRecord } from './record.js';
import { buildSearchDocument, categoryTerms, type SearchDocument } from '../search/document.js';
import { hashRecord } from '../store/case-hash.js';
import { redactRecord, type RedactionCounts } from '../redact/record.js';
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
}

/**
 * Redacts a record, hashes the result, and segments it for the index and the category model and
 * infers its root cause, unless `storedHash` shows the stored copy is already identical. This is the CPU-heavy part of
 * an import, and it depends on nothing but its input, so worker threads can run it.
 */
export function prepareRecord(record: CaseRecord, storedHash?: string): PreparedRecord {
  const { record: redacted, counts } = redactRecord(record);
  const hash = hashRecord(redacted);
  if (hash === storedHash) return { record: redacted, hash, counts };

  const document = buildSearchDocument(redacted);
  const knowledge = deriveCaseKnowledge(redacted, bundledKnowledge());
  return {
    record: redacted,
    hash,
    counts,
    document,
    categoryTerms: categoryTerms(document),
    knowledge,
  };
}
