import type { SearchHit } from '../../search/index.js';
import { keepQuotableClauses } from '../draft-clauses.js';
import { correctedTurns } from '../draft-corrections.js';
import { replaceIdentifiers } from '../draft-identifiers.js';

/** One chat message of the OpenAI chat-completions protocol. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

const SYSTEM_PROMPT = [
  '你是云服务商的技术支持助手，为客服起草给客户的回复。',
  '只能使用下面提供的处理步骤和历史案例中的信息，不要编造产品功能、价格或承诺。',
  '回复必须用方括号引用所依据的案例编号，例如 [Q12]；只能引用提供的编号。',
  '如果提供的材料不足以回答，直接回复"无法根据现有案例回答"。',
  '用简体中文，语气礼貌、简洁，先给出处理步骤。',
].join('\n');

// The model gets the past cases cleaned as the extractive draft quotes them, so that it cannot
// copy the earlier customer's identifiers, a corrected reply or a status report either.
const NO_QUESTION_TERMS: ReadonlySet<string> = new Set();

function caseBlock(hit: SearchHit): string {
  const corrected = correctedTurns(hit.case.turns);
  const agentTurns = hit.case.turns.flatMap((turn, index) => {
    if (turn.role !== 'agent' || corrected.has(index)) return [];
    const quotable = keepQuotableClauses(turn.text);
    if (quotable === '') return [];
    return [`- ${replaceIdentifiers(quotable, NO_QUESTION_TERMS).slice(0, 400)}`];
  });
  const description = replaceIdentifiers(hit.case.description, NO_QUESTION_TERMS);
  return [
    `[${hit.ref}] ${hit.title}（${hit.category}）`,
    `客户：${description.slice(0, 300)}`,
    '客服答复：',
    ...agentTurns,
  ].join('\n');
}

/** Builds the chat messages: the rules, then the question, the fix steps and the retrieved cases. */
export function buildReplyPrompt(
  question: string,
  hits: SearchHit[],
  fixSteps: string[],
): ChatMessage[] {
  const parts = [`客户问题：${question}`];
  if (fixSteps.length > 0)
    parts.push('标准处理步骤：', ...fixSteps.map((step, i) => `${i + 1}. ${step}`));
  parts.push('历史案例：', ...hits.map(caseBlock));
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: parts.join('\n\n') },
  ];
}
