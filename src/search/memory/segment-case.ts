import { buildSearchDocument } from '../document.js';
import { weighTerms, type WeighedTerms } from './weigh-terms.js';
import type { Turn } from '../../ingest/record.js';

/** The stored text of one case that its search document is built from. */
export interface CaseText {
  id: number;
  title: string;
  description: string;
  answer: string;
  turns: Turn[];
}

/** Segments a case's stored text into the terms the search index holds for it. */
export function segmentCase(text: CaseText): WeighedTerms {
  return weighTerms(
    buildSearchDocument({
      source: '',
      ref: '',
      product: '',
      type: '',
      rootCause: '',
      title: text.title,
      description: text.description,
      answer: text.answer,
      turns: text.turns,
    }),
  );
}
