import type { ArchiveHeader, CaseRecord } from '../ingest/record.js';
import { Redactor } from './redactor.js';
import { RedactionSession, type ValueHook } from './placeholders.js';

/** Entities replaced, counted by entity type. */
export type RedactionCounts = Record<string, number>;

let defaultRedactor: Redactor | undefined;

/**
 * Redacts every text field of a case with one session, so the same value gets the same
 * placeholder in the title, the sections and the dialogue. The answer section is redacted
 * like any other field, even though it repeats the agent turns. `onValue` receives each new
 * contact value with its placeholder, for the vault.
 */
export function redactRecord(
  record: CaseRecord,
  options: { redactor?: Redactor; onValue?: ValueHook } = {},
): { record: CaseRecord; counts: RedactionCounts } {
  const redactor = options.redactor ?? (defaultRedactor ??= new Redactor());
  const session = new RedactionSession({ onValue: options.onValue });
  const apply = (text: string) => redactor.redact(text, session).text;

  const redactFields = (source: CaseRecord): CaseRecord => ({
    ...source,
    title: apply(source.title),
    description: apply(source.description),
    answer: apply(source.answer),
    rootCause: apply(source.rootCause),
    turns: source.turns.map((turn) => ({ role: turn.role, text: apply(turn.text) })),
  });

  let redacted = redactFields(record);
  // A name found in a later field (联系人：张三 in the last turn) may also stand bare in an
  // earlier one. A second pass over the redacted fields, which is idempotent, replaces it there.
  if (session.knownValues('NAME').length > 0) redacted = redactFields(redacted);
  return { record: redacted, counts: countEntities(session) };
}

/**
 * Redacts the title and preamble of an archive header, which are free text an exporting tool or
 * person wrote. The part stays as it is: it is a batch number taken from the title.
 */
export function redactHeader(header: ArchiveHeader): {
  header: ArchiveHeader;
  counts: RedactionCounts;
} {
  const redactor = (defaultRedactor ??= new Redactor());
  const session = new RedactionSession();
  const redacted = {
    title: redactor.redact(header.title, session).text,
    part: header.part,
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
