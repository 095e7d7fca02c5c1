import type { Store } from '../store/open.js';
import { iterateCases } from '../store/case-reader.js';
import { saveFaqCandidates, type FaqSaveSummary } from '../store/faq.js';
import { questionText } from '../search/document.js';
import { tokenize } from '../text/index.js';
import type { Knowledge } from './bundled.js';
import { mineFaqCandidates, type MiningCase, type MiningOptions } from './faq-mining.js';

/** Mines FAQ candidates from every stored case and stores them for review. */
export async function mineFaq(
  store: Store,
  knowledge: Knowledge,
  options: MiningOptions = {},
): Promise<FaqSaveSummary & { candidates: number }> {
  const cases: MiningCase[] = [];
  for await (const found of iterateCases(store)) {
    cases.push({ case: found, terms: new Set(tokenize(questionText(found))) });
  }

  const candidates = mineFaqCandidates(cases, knowledge.taxonomy, options);
  const summary = await saveFaqCandidates(store, candidates);
  return { ...summary, candidates: candidates.length };
}
