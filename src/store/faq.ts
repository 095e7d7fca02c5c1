import { redact } from '../redact/index.js';
import type { FaqCandidate } from '../knowledge/faq-mining.js';
import type { Store } from './open.js';

/** Review states of an FAQ entry. */
export const FAQ_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type FaqStatus = (typeof FAQ_STATUSES)[number];

/** A stored FAQ entry. */
export interface FaqEntry {
  id: number;
  fingerprint: string;
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

/** Counts of one mining run. */
export interface FaqSaveSummary {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Stores mined candidates: a new fingerprint creates a pending entry. A known pending entry is
 * refreshed whole; a reviewed one (approved, rejected or edited) keeps its question and steps and
 * only gets its refs, counts and dates refreshed, so re-mining never undoes a review. Runs in one
 * transaction.
 */
export async function saveFaqCandidates(
  store: Store,
  candidates: FaqCandidate[],
): Promise<FaqSaveSummary> {
  const summary: FaqSaveSummary = { created: 0, updated: 0, unchanged: 0 };
  const now = new Date().toISOString();

  await store.db.transaction().execute(async (trx) => {
    for (const candidate of candidates) {
      const values = {
        root_cause_code: candidate.rootCauseCode,
        question: candidate.question,
        answer: candidate.answer,
        steps: JSON.stringify(candidate.steps),
        refs: JSON.stringify(candidate.refs),
        case_count: candidate.caseCount,
        first_seen: candidate.firstSeen,
        last_seen: candidate.lastSeen,
      };
      const existing = await trx
        .selectFrom('faq_entries')
        .selectAll()
        .where('fingerprint', '=', candidate.fingerprint)
        .executeTakeFirst();

      if (!existing) {
        await trx
          .insertInto('faq_entries')
          .values({
            fingerprint: candidate.fingerprint,
            ...values,
            status: 'pending',
            created_at: now,
            updated_at: now,
          })
          .execute();
        summary.created += 1;
      } else {
        // A reviewed entry (approved, rejected or edited) keeps its wording; mining only
        // refreshes which cases stand behind it.
        const reviewed = existing.reviewed_at !== null || existing.status !== 'pending';
        const update = reviewed
          ? {
              refs: values.refs,
              case_count: values.case_count,
              first_seen: values.first_seen,
              last_seen: values.last_seen,
            }
          : values;
        const changed = Object.entries(update).some(
          ([column, value]) => existing[column as keyof typeof existing] !== value,
        );
        if (changed) {
          await trx
            .updateTable('faq_entries')
            .set({ ...update, updated_at: now })
            .where('id', '=', existing.id)
            .execute();
          summary.updated += 1;
        } else summary.unchanged += 1;
      }
    }
  });
  return summary;
}

function toEntry(row: {
  id: number;
  fingerprint: string;
  root_cause_code: string | null;
  question: string;
  answer: string;
  steps: string;
  refs: string;
  case_count: number;
  first_seen: string;
  last_seen: string;
  status: FaqStatus;
  reviewed_at: string | null;
}): FaqEntry {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    rootCauseCode: row.root_cause_code,
    question: row.question,
    answer: row.answer,
    steps: JSON.parse(row.steps) as string[],
    refs: JSON.parse(row.refs) as FaqEntry['refs'],
    caseCount: row.case_count,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    status: row.status,
    reviewedAt: row.reviewed_at,
  };
}

/** Lists FAQ entries, most cases first, optionally of one status. */
export async function listFaqEntries(store: Store, status?: FaqStatus): Promise<FaqEntry[]> {
  let query = store.db
    .selectFrom('faq_entries')
    .selectAll()
    .orderBy('case_count', 'desc')
    .orderBy('id');
  if (status) query = query.where('status', '=', status);
  return (await query.execute()).map(toEntry);
}

/** Sets the review status of an entry, and returns the entry or undefined when the id is unknown. */
export async function reviewFaqEntry(
  store: Store,
  id: number,
  status: FaqStatus,
): Promise<FaqEntry | undefined> {
  await store.db
    .updateTable('faq_entries')
    .set({ status, reviewed_at: new Date().toISOString(), updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
  const row = await store.db
    .selectFrom('faq_entries')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toEntry(row) : undefined;
}

/** Edits an entry's question and steps, as a reviewer does before approving it. */
export async function editFaqEntry(
  store: Store,
  id: number,
  changes: { question?: string; steps?: string[] },
): Promise<FaqEntry | undefined> {
  // An edit counts as a review, so later mining keeps the edited wording.
  const set: { question?: string; steps?: string; updated_at: string; reviewed_at?: string } = {
    reviewed_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
  };
  // Edited text comes from a person, from the command line as from the API, so it is redacted
  // here, where every caller passes.
  if (changes.question !== undefined) set.question = redact(changes.question).text;
  if (changes.steps !== undefined) {
    set.steps = JSON.stringify(changes.steps.map((step) => redact(step).text));
  }
  await store.db.updateTable('faq_entries').set(set).where('id', '=', id).execute();
  const row = await store.db
    .selectFrom('faq_entries')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toEntry(row) : undefined;
}
