import type { SearchHit } from '../../search/index.js';
import type { ReplyDraft } from '../reply.js';
import { completeChat, LlmError } from './client.js';
import type { LlmConfig } from './config.js';
import { buildReplyPrompt } from './prompt.js';

const CITATION = /\[(Q\d+|T-[^\]\s]{1,40})\]/g;

/** Outcome of asking the model: the draft to use, and why the model's text was not used. */
export interface GeneratedReply {
  reply: ReplyDraft;
  fallbackReason: string | null;
}

/**
 * Asks the language model to write the reply from the retrieved cases and fix steps only. The
 * model's text is used only when it cites at least one given case and no other; on any error,
 * timeout or uncited text the extractive draft is returned instead, with the reason.
 */
export async function generateReply(
  config: LlmConfig,
  question: string,
  hits: SearchHit[],
  fixSteps: string[],
  extractive: ReplyDraft,
): Promise<GeneratedReply> {
  const allowed = new Set(hits.map((hit) => hit.ref));
  let text: string;
  try {
    text = await completeChat(config, buildReplyPrompt(question, hits, fixSteps));
  } catch (error) {
    if (error instanceof LlmError) return { reply: extractive, fallbackReason: error.message };
    throw error;
  }

  const cited = [...text.matchAll(CITATION)].map((match) => match[1]!);
  const unknown = cited.filter((ref) => !allowed.has(ref));
  if (cited.length === 0)
    return { reply: extractive, fallbackReason: 'the model reply cites no case' };
  if (unknown.length > 0) {
    return {
      reply: extractive,
      fallbackReason: `the model reply cites cases it was not given: ${unknown.join(', ')}`,
    };
  }
  return { reply: { text, sources: [...new Set(cited)], mode: 'generated' }, fallbackReason: null };
}
