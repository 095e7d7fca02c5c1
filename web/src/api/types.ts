// Response shapes of the HTTP API, as docs/api.md and /api/v1/openapi.json describe them.

/** Roles of helpdesk accounts. */
export type Role = 'admin' | 'agent' | 'customer';

/** A helpdesk account. */
export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  lastLoginAt?: string | null;
}

/** The signed-in user with the CSRF token of the session. */
export interface Me {
  user: User;
  csrfToken: string | null;
}

/** A case as lists show it. */
export interface CaseSummary {
  id: number;
  source?: string;
  ref: string;
  channel?: 'archive' | 'portal' | 'intake';
  title: string;
  product: string;
  type: string;
  category?: string;
  status: string;
  /** Present for agents and admins only. */
  needsHuman?: boolean;
  needsHumanReasons?: string[];
  rootCauseCode?: string | null;
  categorySource?: string | null;
  customerId?: number | null;
  createdAt: string;
  openedAt?: string | null;
  lastMessageAt?: string | null;
  firstResponseAt?: string | null;
  resolvedAt?: string | null;
}

/** One turn of a conversation. */
export interface Message {
  id: number;
  seq: number;
  role: 'customer' | 'agent';
  /** Redacted plain text; the UI renders it as text, never as HTML. */
  text: string;
  internal: boolean;
  authorId?: number | null;
  authorName?: string | null;
  createdAt?: string | null;
}

/** A case with its description and conversation. */
export interface CaseDetail extends CaseSummary {
  description: string;
  messages: Message[];
}

/** A page of a list. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The predicted category with its alternatives. */
export interface CategoryPrediction {
  label: string;
  product: string;
  type: string;
  confidence: number;
  alternatives: Array<{ label: string; product?: string; type?: string; confidence: number }>;
}

/** The likely root cause and the phrases that point to it. */
export interface RootCause {
  code: string;
  label: string;
  confidence: number;
  evidence: string[];
  /** The cause's fix steps from the playbook; absent from older servers. */
  fix?: string[];
}

/** A past case similar to the question. */
export interface SimilarCase {
  ref: string;
  source: string;
  title: string;
  category: string;
  score: number;
  snippet: string;
  /** Case id, when the API returns it, so the case can be opened by id. */
  id?: number;
  caseId?: number;
}

/** A reply draft built from past agent turns, with the cases it quotes. */
export interface ReplyDraft {
  text: string;
  sources: string[];
  mode: 'extractive' | 'generated';
  /** Reason the language model's text was not used, when one is configured and failed. */
  note?: string;
}

/** A reason a case needs a person to act, with the phrase that showed it. */
export interface NeedsHumanReason {
  reason: string;
  label: string;
  action: string;
  evidence: string;
}

/** An approved FAQ entry that answers a question. */
export interface FaqMatch {
  id: number;
  question: string;
  steps: string[];
  /** Refs of the cases behind the entry. */
  refs: string[];
  caseCount: number;
  reason: 'root-cause' | 'similar-question';
}

/** The triage of a question or case. */
export interface TriageResult {
  query: string;
  category: CategoryPrediction | null;
  rootCause: RootCause | null;
  similar: SimilarCase[];
  reply: ReplyDraft | null;
  needsHuman: { value: boolean; reasons: NeedsHumanReason[] };
  faq: FaqMatch[];
  redactions: Array<{ type: string; placeholder: string }>;
  /** Another cloud provider the question is about; absent from older servers. */
  otherProvider?: { name: string; evidence: string } | null;
}

/** One product｜type category of the taxonomy. */
export interface Category {
  label?: string;
  product: string;
  type: string;
  cases?: number;
}

/** Review states of an FAQ entry. */
export type FaqStatus = 'pending' | 'approved' | 'rejected';

/** A mined or reviewed FAQ entry. */
export interface FaqEntry {
  id: number;
  rootCauseCode: string | null;
  question: string;
  answer: string;
  steps: string[];
  refs: Array<{ source: string; ref: string }>;
  caseCount: number;
  firstSeen: string;
  lastSeen: string;
  status: FaqStatus;
  reviewedAt: string | null;
}
