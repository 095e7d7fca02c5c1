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
  onWritten?: (caseId: number) => void;
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

  const caseId = await context.writes.run(() => {
    const writer = new CaseWriter(context.store);
    writer.begin();
    try {
      const id = writeCase(context, input, { writer, prepared, predicted: !input.category });
      writer.commit();
      return id;
    } catch (error) {
      writer.rollback();
      throw error;
    }
  });
  context.invalidateTriage();
  return { caseId, triage };
}

function writeCase(
  context: ServerContext,
  input: NewCase,
  work: { writer: CaseWriter; prepared: ReturnType<typeof prepareRecord>; predicted: boolean },
): number {
  const { store } = context;
  const { prepared, predicted } = work;
  const channel = CHANNELS[input.channel];
  const sourceId = ensureSource(store, channel.source, {
    title: channel.title,
    part: null,
    preamble: '',
  });
  const ref = `${channel.prefix}${nextCaseNumber(store, sourceId)}`;

  // CaseWriter accepts the category sources of imports only: `archive` makes it count the case
  // in the category model, and setNewCaseFields then stores that the customer chose it.
  work.writer.write(sourceId, {
    ...prepared,
    record: { ...prepared.record, ref },
    document: prepared.document!,
    categoryTerms: prepared.categoryTerms!,
    knowledge: prepared.knowledge!,
    details: { status: 'unanswered', categorySource: predicted ? 'predicted' : 'archive' },
  });
  const caseId = caseIdByRef(store, sourceId, ref)!;
  setNewCaseFields(store, caseId, {
    channel: input.channel,
    customerId: input.customerId,
    categorySource: predicted ? 'predicted' : 'customer',
    authorId: input.authorId,
    at: new Date().toISOString(),
  });
  input.onWritten?.(caseId);
  return caseId;
}
