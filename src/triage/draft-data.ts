import { dataPath } from '../shared/paths.js';
import { readWordList } from '../text/index.js';

/** A rule of `data/triage/identifier-patterns.txt`: what to find and the placeholder to write. */
export interface IdentifierRule {
  placeholder: string;
  /** Global, case-insensitive, with match indices, so a capture group's span can be replaced. */
  pattern: RegExp;
  /** Whether the pattern has a capture group, whose span alone is the identifier. */
  captures: boolean;
}

/** Draft rules read from `data/triage`, each file loaded once. */
export interface DraftRules {
  correctionMarkers: readonly string[];
  /** Customer replies that reject the agent's previous answer ("我不是上传同一个文件"). */
  rejectionPatterns: readonly RegExp[];
  /** Customer replies that confirm the agent's advice worked ("回退后目前看是正常了"). */
  confirmationPatterns: readonly RegExp[];
  caseStatusPatterns: readonly RegExp[];
  /** Clauses that point into a document the earlier customer was shown ("如下图所示"). */
  documentReferencePatterns: readonly RegExp[];
  /** Words of a penalty imposed on the earlier customer (依法关停, 封禁过), see draft-penalty.ts. */
  penaltyNoticeWords: readonly string[];
  /** Words that make a question one about a penalty (封, 申诉). */
  penaltyQuestionWords: readonly string[];
  /** Requests for the earlier customer's data or access ("任务id提供一下"). */
  requestPatterns: readonly RegExp[];
  /** Channels that make a request part of a procedure ("发送邮件到"). */
  requestChannels: readonly RegExp[];
  identifierRules: readonly IdentifierRule[];
  /** Placeholder type token (`[url]`) to its label (`【链接】`), or null to drop the clause. */
  placeholderLabels: ReadonlyMap<string, string | null>;
  publicHosts: { hosts: string[]; suffixes: string[] };
}

let rules: DraftRules | undefined;

function compile(source: string, flags: string, file: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    throw new Error(
      `Invalid pattern "${source}" in data/triage/${file}: ${(error as Error).message}. ` +
        'Fix or remove the line.',
    );
  }
}

/** Splits a `first rest` line at its first run of whitespace. */
function splitRule(line: string, file: string): [string, string] {
  const match = /^(\S+)\s+(.+)$/.exec(line);
  if (!match) {
    throw new Error(
      `Invalid line "${line}" in data/triage/${file}: expected a placeholder, whitespace and a value.`,
    );
  }
  return [match[1]!, match[2]!];
}

function readRules(file: string): string[] {
  return readWordList(dataPath('triage', file));
}

/** Reads a file of one regular expression a line, compiled case-insensitive with Unicode. */
function readPatterns(file: string): RegExp[] {
  return readRules(file).map((source) => compile(source, 'iu', file));
}

function loadIdentifierRules(): IdentifierRule[] {
  const file = 'identifier-patterns.txt';
  return readRules(file).map((line) => {
    const [placeholder, source] = splitRule(line, file);
    const pattern = compile(source, 'gidu', file);
    // A group is capturing when its `(` is neither escaped nor followed by `?`.
    const captures = /(?<!\\)\((?!\?)/.test(source);
    return { placeholder, pattern, captures };
  });
}

function loadPlaceholderLabels(): Map<string, string | null> {
  const file = 'stored-placeholders.txt';
  const labels = new Map<string, string | null>();
  for (const line of readRules(file)) {
    const [token, label] = splitRule(line, file);
    labels.set(token.toLowerCase(), label === 'drop' ? null : label);
  }
  return labels;
}

function loadPublicHosts(): DraftRules['publicHosts'] {
  const lines = readRules('public-hosts.txt').map((line) => line.toLowerCase());
  return {
    hosts: lines.filter((line) => !line.startsWith('.')),
    suffixes: lines.filter((line) => line.startsWith('.')).map((line) => line.slice(1)),
  };
}

/** Returns the reply-draft rules from the files under `data/triage`, loaded on first use. */
export function draftRules(): DraftRules {
  rules ??= {
    correctionMarkers: readRules('correction-markers.txt'),
    rejectionPatterns: readPatterns('rejection-patterns.txt'),
    confirmationPatterns: readPatterns('confirmation-patterns.txt'),
    caseStatusPatterns: readPatterns('case-status-patterns.txt'),
    documentReferencePatterns: readPatterns('document-reference-patterns.txt'),
    penaltyNoticeWords: readRules('penalty-notice-words.txt'),
    penaltyQuestionWords: readRules('penalty-question-words.txt'),
    requestPatterns: readPatterns('request-patterns.txt'),
    requestChannels: readPatterns('request-channels.txt'),
    identifierRules: loadIdentifierRules(),
    placeholderLabels: loadPlaceholderLabels(),
    publicHosts: loadPublicHosts(),
  };
  return rules;
}
