export { normalizeText, PLACEHOLDER_PATTERN } from './normalize.js';
export { correctMisspellings, normalizeForTerms, tokenize, placeholderToken } from './tokenize.js';
export { segment, segmenter } from './segmenter.js';
export { loadStopWords, readWordList } from './dictionaries.js';
export { isFiller } from './filler.js';
