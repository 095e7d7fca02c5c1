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

/** One support case. Every text column contains redacted text only. */
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
  /** Origin of the category: `archive`, `transcript`, `predicted`, `customer` or `agent`. */
  category_source: string | null;
  /** JSON note when the source's category disagrees with the prediction, with the evidence. */
  category_note: string | null;
  /** The customer account that opened the case in the portal, or null. */
  customer_id: number | null;
  /** Channel the case arrived through: `archive` (imported), `portal` or `intake`. */
  channel: Generated<string>;
  /** Time of the latest message, customer or agent, internal notes excluded. */
  last_message_at: string | null;
  /** Time of the first agent reply that the customer can see. */
  first_response_at: string | null;
  /** Time the case was last set to `resolved` or `closed`; null while it is open. */
  resolved_at: string | null;
}

/** One turn of a case's dialogue. */
export interface MessageTable {
  id: Generated<number>;
  case_id: number;
  seq: number;
  role: 'customer' | 'agent';
  text: string;
  /** The user who wrote the message; null for imported messages and intake systems. */
  author_id: number | null;
  /** When the message was written; null for imported messages. */
  created_at: string | null;
  /** 1 for an agent's internal note, which customers never see, else 0. */
  internal: Generated<number>;
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

/** A contact value sealed by the vault, for one placeholder of one case. */
export interface VaultEntryTable {
  case_id: number;
  placeholder: string;
  type: string;
  /** `v1.<iv>.<ciphertext>.<tag>` from the vault; never the value itself. */
  sealed: string;
  created_at: string;
}

/** One reveal of a sealed value: who, which value, why and when. */
export interface VaultRevealTable {
  id: Generated<number>;
  case_id: number;
  placeholder: string;
  actor: string;
  reason: string;
  revealed_at: string;
}

/** Number of indexed cases that contain a term, for the idf of query terms. */
export interface TermStatTable {
  term: string;
  documents: number;
}

/** Small named values such as the category model's calibrated temperature. */
export interface SettingTable {
  key: string;
  value: string;
}

/** An account of the helpdesk. */
export interface UserTable {
  id: Generated<number>;
  /** Login name, stored trimmed and in lowercase. */
  email: string;
  name: string;
  role: 'admin' | 'agent' | 'customer';
  /** Versioned scrypt hash string; see src/server/auth/passwords.ts. */
  password_hash: string;
  disabled: Generated<number>;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

/** A login session. Only the SHA-256 of the session id is stored. */
export interface SessionTable {
  id_hash: string;
  user_id: number;
  /** Per-session token that state-changing requests must echo in `x-csrf-token`. */
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

/** A bearer token for integrations. Only the SHA-256 of the token is stored. */
export interface ApiTokenTable {
  id: Generated<number>;
  /** The user the token acts for. */
  user_id: number;
  name: string;
  /** `api` (everything the owner may do) or `intake` (only `POST /intake`). */
  scope: 'api' | 'intake';
  token_hash: string;
  /** First characters of the token, shown in listings so a person can tell tokens apart. */
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** One accepted intake request, kept so a retry with the same key returns the same case. */
export interface IntakeRequestTable {
  id: Generated<number>;
  owner_id: number;
  idempotency_key: string;
  /** SHA-256 of the request body, to tell a retry from a different request reusing the key. */
  request_hash: string;
  case_id: number;
  created_at: string;
}

/** One action of an agent or admin, kept for accountability. `details` never has message text. */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  token_id: number | null;
  action: string;
  target_type: string;
  target_id: string | null;
  /** JSON object with ids and old and new values of status or category. */
  details: string;
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
  term_stats: TermStatTable;
  faq_entries: FaqEntryTable;
  vault_entries: VaultEntryTable;
  vault_reveals: VaultRevealTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  intake_requests: IntakeRequestTable;
  audit_log: AuditLogTable;
}
