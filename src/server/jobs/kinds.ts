/** The kinds of long work the server runs as jobs. */
export const JOB_KINDS = {
  import: 'archive-import',
  faqMine: 'faq-mine',
  reindex: 'search-reindex',
} as const;

/**
 * Longest run of FAQ mining and re-indexing before another instance takes the job over. Both
 * should take at most a few minutes at 100,000 cases (an estimate). Imports keep the queue's
 * hour, because a large archive can take many minutes.
 */
export const SHORT_JOB_EXPIRY_SECONDS = 600;

export type JobKind = (typeof JOB_KINDS)[keyof typeof JOB_KINDS];

/** The account that requested a job, for its audit entry. */
export interface JobActor {
  actorId: number;
  tokenId: number | null;
}
