export { searchCases, countIndexed, type SearchHit, type SearchOptions } from './search.js';
export { rankCases, type RankedCase, type RankOptions } from './rank.js';
export {
  buildSearchDocument,
  categoryTerms,
  questionText,
  type SearchDocument,
} from './document.js';
export {
  findCandidates,
  planSearch,
  rankCandidates,
  FIELD_WEIGHTS,
  type Candidate,
} from './candidates.js';
export { MemorySearch, type MemorySearchOptions } from './memory/memory-search.js';
export { attachMemorySearch, memorySearchOf } from './memory/registry.js';
export { snapshotPath } from './memory/snapshot.js';
export { planQuery, matchExpression, type QueryPlan, type QueryTerm } from './query.js';
export { topicTerms } from './contact-labels.js';
export { buildSnippet, type Snippet } from './snippet.js';
export {
  evaluateRetrieval,
  loadQuestions,
  type LabelledQuestion,
  type RetrievalEvaluation,
} from './evaluate-retrieval.js';
