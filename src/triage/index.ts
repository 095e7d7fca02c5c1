export {
  Triage,
  type TriageResult,
  type SimilarCase,
  type RootCause,
  type TriageOptions,
} from './triage.js';
export { CategoryModel, type CategoryPrediction } from './category-model.js';
export { countedPart } from './leave-one-out.js';
export { calibrateCategoryModel, type Calibration } from './calibrate.js';
export {
  evaluateCategories,
  evaluateQuestionCategories,
  scorePredictions,
  type CategoryEvaluation,
  type QuestionCategoryEvaluation,
} from './evaluate-category.js';
export { draftReply, type ReplyDraft } from './reply.js';
export { llmConfigFromEnv, type LlmConfig } from './llm/config.js';
export { generateReply } from './llm/generate.js';
export { matchFaq, type FaqMatch } from './faq-match.js';
export { findOtherProvider, type OtherProvider } from './other-provider.js';
