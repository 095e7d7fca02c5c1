import type { Generated } from 'kysely';

/** An archive file or other origin of cases, with the file-level text needed to export it. */
export interface SourceTable {
  id: Generated<number>;
  name: string;
  title: string;
  part: string | null;
  preamble: string;
  imported_at: string;
}

/** One support case. Every text column holds redacted text only. */
export interface CaseTable {
  id: Generated<number>;
  source_id: number;
  ref: string;
  /** Numeric part of `ref`, kept for ordering (`Q2` before `Q10`). */
  number: number;
  title: string;
  product: string;
  type: string;
  description: string;
  answer: string;
  root_cause_text: string;
  /** `answered` when an agent turn exists, else `unanswered`. */
  status: string;
  /** SHA-1 of the record's fields, so re-imports can tell unchanged records from changed ones. */
  content_hash: string;
  created_at: string;
  updated_at: string;
  /** Code of the inferred root cause, or null when the evidence was too weak. */
  root_cause_code: string | null;
  root_cause_confidence: number | null;
  /** 1 when a person must act (refund, backend intervention, ...), else 0. */
  needs_human: Generated<number>;
  /** JSON list of needs-human reason codes. */
  needs_human_reasons: string | null;
  /** When the conversation started, for transcripts that carry timestamps. */
  opened_at: string | null;
  first_response_seconds: number | null;
  duration_seconds: number | null;
  /** Where the category came from: `archive`, `transcript` or `predicted`. */
  category_source: string | null;
  /** JSON note when the source's category disagrees with the prediction, with the evidence. */
  category_note: string | null;
}

/** One turn of a case's dialogue. */
export interface MessageTable {
  id: Generated<number>;
  case_id: number;
  seq: number;
  role: 'customer' | 'agent';
  text: string;
}

/** Term counts per category, the sufficient statistics of the naive Bayes category model. */
export interface CategoryTermTable {
  label: string;
  term: string;
  count: number;
}

/** Document and token totals per category for the naive Bayes model. */
export interface CategoryTable {
  label: string;
  product: string;
  type: string;
  documents: number;
  tokens: number;
}

/** One run of `casebook import`, kept for the data owner's history. */
export interface ImportRunTable {
  id: Generated<number>;
  started_at: string;
  finished_at: string;
  files: string;
  summary: string;
}

/** A recurring issue mined from the archive, proposed as an FAQ entry. */
export interface FaqEntryTable {
  id: Generated<number>;
  /** Stable key of the group of cases behind the entry, so re-mining updates rather than duplicates. */
  fingerprint: string;
  root_cause_code: string | null;
  question: string;
  answer: string;
  /** JSON list of answer steps. */
  steps: string;
  /** JSON list of `{ source, ref }` of the cases behind the entry. */
  refs: string;
  case_count: number;
  first_seen: string;
  last_seen: string;
  status: 'pending' | 'approved' | 'rejected';
  reviewed_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Small named values such as the category model's calibrated temperature. */
export interface SettingTable {
  key: string;
  value: string;
}

/** The typed shape of the whole database for Kysely. */
export interface Database {
  sources: SourceTable;
  cases: CaseTable;
  messages: MessageTable;
  category_terms: CategoryTermTable;
  categories: CategoryTable;
  import_runs: ImportRunTable;
  settings: SettingTable;
  faq_entries: FaqEntryTable;
}
