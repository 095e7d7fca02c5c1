import type { CaseRecord } from '../ingest/record.js';
import { matchCase } from './case-match.js';
import { inferRootCause } from './combine.js';
import type { Knowledge } from './bundled.js';
import { detectNeedsHuman } from './needs-human.js';

/** Facts the knowledge layer derives from a stored case's own dialogue. */
export interface CaseKnowledge {
  rootCauseCode: string | null;
  rootCauseConfidence: number | null;
  needsHuman: boolean;
  /** Reason codes such as `refund` or `backend-intervention`. */
  needsHumanReasons: string[];
}

/**
 * Infers a case's root cause from its whole dialogue, and whether it needs a person: the
 * needs-human rules applied to the customer's side (title, description and customer turns),
 * plus the inferred cause's own needs-human flag. Agent turns are left out of the rules, so an
 * agent's reply ("计费任务卡住了，我们已经处理") does not flag its own case.
 */
export function deriveCaseKnowledge(record: CaseRecord, knowledge: Knowledge): CaseKnowledge {
  const matches = matchCase(record, knowledge.taxonomy);
  const cause = inferRootCause(matches, [], { taxonomy: knowledge.taxonomy });

  // The description usually repeats the first customer turn; each text is read once.
  const customerSide = [
    ...new Set([
      record.title,
      record.description,
      ...record.turns.filter((turn) => turn.role === 'customer').map((turn) => turn.text),
    ]),
  ].join('\n');
  const reasons = new Set(
    detectNeedsHuman(customerSide, knowledge.needsHumanRules).reasons.map((r) => r.reason),
  );
  const causeEntry = cause ? knowledge.taxonomy.byCode.get(cause.code) : undefined;
  if (causeEntry?.needsHuman && causeEntry.humanReason) reasons.add(causeEntry.humanReason);

  return {
    rootCauseCode: cause?.code ?? null,
    rootCauseConfidence: cause ? Math.round(cause.confidence * 1000) / 1000 : null,
    needsHuman: reasons.size > 0,
    needsHumanReasons: [...reasons],
  };
}
