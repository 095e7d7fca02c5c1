import type { CaseRecord } from '../../ingest/record.js';
import { prepareRecord } from '../../ingest/prepare.js';
import { CaseWriter } from '../../store/case-writer.js';
import {
  caseIdByRef,
  ensureSource,
  nextCaseNumber,
  setNewCaseFields,
} from '../../store/helpdesk-writes.js';
import type { TriageResult } from '../../triage/index.js';
import type { ServerContext } from '../context.js';
import type { SqlExecutor } from '../../store/sql-executor.js';
import { forgetCaseCount } from '../../store/case-count.js';
import { ApiError } from '../errors.js';

/** Channels through which the API opens cases, with the source and ref prefix of each. */
const CHANNELS = {
  portal: { source: 'portal', prefix: 'W', title: '客户门户提交的问题' },
  intake: { source: 'intake', prefix: 'I', title: '系统自动提交的问题' },
} as const;

/** A case to open, as the customer or the system wrote it (not yet redacted). */
export interface NewCase {
  channel: keyof typeof CHANNELS;
  title: string;
  description: string;
  /** Category chosen by the sender; the triage's prediction is used when absent. */
  category?: { product: string; type: string };
  customerId: number | null;
  authorId: number | null;
  /** Runs inside the case's transaction once its id is known; intake stores its key here. */
  onWritten?: (caseId: number, sql: SqlExecutor) => Promise<void>;
}

/**
 * Opens a case: triages the text, redacts title and description with one session, and stores,
 * indexes and counts the case with CaseWriter the way an import does. A predicted category is
 * stored but not counted in the category model, as on import.
 */
export async function openCase(
  context: ServerContext,
  input: NewCase,
): Promise<{ caseId: number; triage: TriageResult }> {
  const triage = await (await context.triage()).run(`${input.title}\n${input.description}`);
  const category = input.category ?? triage.category;
  if (!category) {
    throw new ApiError(
      'category-required',
      'No category could be predicted because no case is stored yet: send product and type.',
    );
  }

  const channel = CHANNELS[input.channel];
  const record: CaseRecord = {
    source: channel.source,
    ref: '',
    title: input.title,
    product: category.product,
    type: category.type,
    description: input.description,
    answer: '',
    rootCause: '',
    turns: [{ role: 'customer', text: input.description }],
  };
  const prepared = prepareRecord(record, undefined, context.vault ?? undefined);

  const caseId = await context.writes.run(() =>
    context.store.sql.transaction(async (sql) => {
      const writer = new CaseWriter(sql);
      const id = await writeCase(sql, input, { writer, prepared, predicted: !input.category });
      await writer.finish();
      return id;
    }),
  );
  forgetCaseCount(context.store);
  context.invalidateTriage();
  return { caseId, triage };
}

async function writeCase(
  sql: SqlExecutor,
  input: NewCase,
  work: { writer: CaseWriter; prepared: ReturnType<typeof prepareRecord>; predicted: boolean },
): Promise<number> {
  const { prepared, predicted } = work;
  const channel = CHANNELS[input.channel];
  // Locks the source row on PostgreSQL, so instances number their new cases one at a time.
  const sourceId = await ensureSource(sql, channel.source, {
    title: channel.title,
    part: null,
    preamble: '',
  });
  const ref = `${channel.prefix}${await nextCaseNumber(sql, sourceId)}`;

  // CaseWriter accepts the category sources of imports only: `archive` makes it count the case
  // in the category model, and setNewCaseFields then stores that the customer chose it.
  await work.writer.write(sourceId, {
    ...prepared,
    record: { ...prepared.record, ref },
    document: prepared.document!,
    categoryTerms: prepared.categoryTerms!,
    knowledge: prepared.knowledge!,
    details: { status: 'unanswered', categorySource: predicted ? 'predicted' : 'archive' },
  });
  const caseId = (await caseIdByRef(sql, sourceId, ref))!;
  await setNewCaseFields(sql, caseId, {
    channel: input.channel,
    customerId: input.customerId,
    categorySource: predicted ? 'predicted' : 'customer',
    authorId: input.authorId,
    at: new Date().toISOString(),
  });
  await input.onWritten?.(caseId, sql);
  return caseId;
}
