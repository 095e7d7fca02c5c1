/** The kinds of long work the server runs as jobs. */
export const JOB_KINDS = {
  import: 'archive-import',
  faqMine: 'faq-mine',
  reindex: 'search-reindex',
} as const;

export type JobKind = (typeof JOB_KINDS)[keyof typeof JOB_KINDS];

/** The account that requested a job, for its audit entry. */
export interface JobActor {
  actorId: number;
  tokenId: number | null;
}
