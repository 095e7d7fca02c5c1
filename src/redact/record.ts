import type { ArchiveHeader, CaseRecord } from '../ingest/record.js';
import { Redactor } from './redactor.js';
import { RedactionSession, type ValueHook } from './placeholders.js';

/** Entities replaced, counted by entity type. */
export type RedactionCounts = Record<string, number>;

let defaultRedactor: Redactor | undefined;

/**
 * Redacts every text field of a case with one session, so the same value gets the same
 * placeholder in the title, the sections and the dialogue. `onValue` receives each new contact
 * value with its placeholder, for the vault.
 *
 * NOTE: an answer that is the agent turns joined by spaces is redacted turn by turn, as the
 * dialogue is. A context word at the end of one turn then no longer reaches into the next: of
 * 10,095 sample and generated records, 4 changed, where 登录密码 at the end of a turn had made
 * the next turn's instance id (i-uf6e…) or `VNC` a secret in the answer. A value whose only
 * context word ends the previous turn is missed in the answer, as it is in the turns.
 */
export function redactRecord(
  record: CaseRecord,
  options: { redactor?: Redactor; onValue?: ValueHook } = {},
): { record: CaseRecord; counts: RedactionCounts } {
  const redactor = options.redactor ?? (defaultRedactor ??= new Redactor());
  const session = new RedactionSession({ onValue: options.onValue });
  const apply = (text: string) => redactor.redact(text, session).text;

  const redactFields = (source: CaseRecord): CaseRecord => {
    // The description is usually the first customer turn, and the answer the agent turns joined
    // by spaces. A text met again in one pass reuses its output, and an answer made of the agent
    // turns is joined from theirs, which saves a quarter of the redaction work. The fields are
    // still read in this order, so values get the same numbers as with a pass per field.
    const done = new Map<string, string>();
    const applyOnce = (text: string): string => {
      let output = done.get(text);
      if (output === undefined) {
        output = apply(text);
        done.set(text, output);
      }
      return output;
    };
    const agentTexts = source.turns.filter((turn) => turn.role === 'agent').map((t) => t.text);
    const answerOfTurns = agentTexts.length > 0 && source.answer === agentTexts.join(' ');
    return {
      ...source,
      title: applyOnce(source.title),
      description: applyOnce(source.description),
      answer: answerOfTurns ? agentTexts.map(applyOnce).join(' ') : applyOnce(source.answer),
      rootCause: applyOnce(source.rootCause),
      turns: source.turns.map((turn) => ({ role: turn.role, text: applyOnce(turn.text) })),
      // The category line is free text too (对象存储｜王先生 13912345678). It is read last, so
      // values keep the numbers that the title and the dialogue give them.
      product: applyOnce(source.product),
      type: applyOnce(source.type),
    };
  };

  let redacted = redactFields(record);
  // A name found in a later field (联系人：张三 in the last turn) may also stand bare in an
  // earlier one. A second pass over the redacted fields, which is idempotent, replaces it there.
  if (session.knownValues('NAME').length > 0) redacted = redactFields(redacted);
  return { record: redacted, counts: countEntities(session) };
}

/**
 * Redacts the title and preamble of an archive header, which are free text an exporting tool or
 * person wrote. The part, a batch number taken from the title, stays unless the title lost it.
 */
export function redactHeader(header: ArchiveHeader): {
  header: ArchiveHeader;
  counts: RedactionCounts;
} {
  const redactor = (defaultRedactor ??= new Redactor());
  const session = new RedactionSession();
  const title = redactor.redact(header.title, session).text;
  const redacted = {
    title,
    // The part is the number of the title's "(Part N)". When redaction replaced that number (a
    // phone number there), the title has no part any more, and neither has the header.
    part: header.part !== null && title.includes(header.part) ? header.part : null,
    preamble: redactor.redact(header.preamble, session).text,
  };
  return { header: redacted, counts: countEntities(session) };
}

function countEntities(session: RedactionSession): RedactionCounts {
  const counts: RedactionCounts = {};
  for (const [type, count] of Object.entries(session.counts())) {
    if (count > 0) counts[type] = count;
  }
  return counts;
}
