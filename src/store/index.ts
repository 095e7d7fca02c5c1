export { openStore, type Store, type OpenStoreOptions } from './open.js';
export { StoreError, type StoreErrorCode } from './errors.js';
export { loadCases, findCase, iterateCases, countCases, type StoredCase } from './case-reader.js';
export { readSetting, writeSetting } from './settings.js';
export { categoryStats, type CategoryCount, type StoreStats } from './stats.js';
export type { Dialect } from './dialect.js';
export {
  FAQ_STATUSES,
  editFaqEntry,
  listFaqEntries,
  reviewFaqEntry,
  saveFaqCandidates,
  type FaqEntry,
  type FaqSaveSummary,
  type FaqStatus,
} from './faq.js';
export { revealValue, listReveals, type Reveal, type RevealRequest } from './vault.js';
