import { quoteText } from '../errors.js';
import { isBlank, joinBlock, splitFileLines } from '../syntax.js';
import type {
  Conversation,
  MessageRole,
  ParsedConversations,
  TranscriptNotice,
} from './conversation.js';
import { TranscriptError } from './errors.js';
import {
  readCategory,
  readMessageText,
  readTimestamp,
  readTitle,
  type ReportError,
} from './fields.js';
import { anchorTimesOfDay } from './timestamps.js';

/**
 * Plain-text chat logs. The rules:
 *
 * - A message starts with a line `<role>：<text>` or `<role>: <text>`, where the role is 客户,
 *   用户, 顾客 or customer (customer), 客服, 坐席, 人工客服 or agent (agent), or 系统 (system). A
 *   timestamp may come first, bare or in `[]` or `【】`: `2024-10-07 11:21:36 客户：…`,
 *   `[11:21] 客服: …`.
 * - Every other line up to the next message belongs to the previous message.
 * - A separator line of three or more `=` or `-`, with an optional label, starts a conversation:
 *   `=== 会话 123 ===`, `--- conversation: abc ---`. The label after 会话, 对话, conversation,
 *   session or chat (and an optional `id`/`编号` and colon) is the conversation id, and any other
 *   label is used as the id unchanged.
 * - In a file without separator lines, two or more blank lines end a conversation. In a file with
 *   them, blank lines never end a conversation, so a message may contain blank lines.
 * - Before its first message a conversation may have header lines `标题：…`, `分类：…` and
 *   `创建时间：…` (or `title:`, `category:`, `created_at:`).
 * - A conversation without an id from its separator gets its 1-based position in the file.
 */

const TIMESTAMP =
  String.raw`\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?` +
  String.raw`|\d{1,2}:\d{2}(?::\d{2})?`;
// The roles that CSV and JSON Lines accept in Chinese, and customer and agent. The other English
// words of those formats (user, support, system …) start lines of pasted configs and logs too.
const MESSAGE_LINE = new RegExp(
  String.raw`^\s*(?:[\[【]?(${TIMESTAMP})[\]】]?\s*)?(客户|用户|顾客|人工客服|客服|坐席|系统|customer|agent)\s*[:：](.*)$`,
  'i',
);
// A line that starts like a message of a person with a job title (经理：…, 技术支持：…, 值班工程师：…),
// which the log format does not take as a role. It is read as text of the message before it, and
// the import warns about it.
const SPEAKER_LIKE_LINE = new RegExp(
  String.raw`^\s*(?:[\[【]?(?:${TIMESTAMP})[\]】]?\s*)?` +
    String.raw`([\u4e00-\u9fa5]{0,4}(?:经理|工程师|主管|专员|助理|技术支持|售后|运维|销售|商务|顾问|值班))\s*[:：]`,
);
const SEPARATOR_LINE = /^\s*(?:={3,}|-{3,})\s*(.*?)\s*(?:={3,}|-{3,})?\s*$/;
// The armor line of a pasted PEM or PGP block (`-----BEGIN RSA PRIVATE KEY-----`), which is text of
// the message, not a separator.
const ARMOR_LINE = /^\s*-{5}(?:BEGIN|END) [A-Z0-9 ]{1,40}-{5}\s*$/;
const ID_LABEL = /^(?:会话|对话|conversation|session|chat)\s*(?:id|编号)?\s*[:：#]?\s*(.*)$/i;
const HEADER_LINE = /^\s*(标题|分类|创建时间|title|category|created_at)\s*[:：](.*)$/i;

const ROLE_LABELS: Readonly<Record<string, MessageRole>> = {
  客户: 'customer',
  用户: 'customer',
  顾客: 'customer',
  customer: 'customer',
  客服: 'agent',
  坐席: 'agent',
  人工客服: 'agent',
  agent: 'agent',
  系统: 'system',
};

type HeaderKey = 'title' | 'category' | 'createdAt';

const HEADER_KEYS: Readonly<Record<string, HeaderKey>> = {
  标题: 'title',
  title: 'title',
  分类: 'category',
  category: 'category',
  创建时间: 'createdAt',
  created_at: 'createdAt',
};

interface SourceLine {
  text: string;
  /** 1-based line number. */
  line: number;
}

interface Block {
  /** Id from the separator line, or null. */
  id: string | null;
  /** Line of the separator, or null for a block that starts at the top or after blank lines. */
  separatorLine: number | null;
  lines: SourceLine[];
}

interface MessageDraft {
  role: MessageRole;
  stamp: string | undefined;
  lines: string[];
  line: number;
}

/**
 * Matches a message line and returns its role, timestamp text and the text after the colon.
 * NOTE: a customer's own line such as `系统：CentOS 7` inside a message also matches, and becomes a
 * system message, because the log format has no way to tell the two apart.
 */
export function matchMessageLine(
  line: string,
): { role: MessageRole; stamp: string | undefined; text: string } | null {
  const match = MESSAGE_LINE.exec(line);
  if (match === null) return null;

  return { role: ROLE_LABELS[match[2].toLowerCase()]!, stamp: match[1], text: match[3] };
}

/** Tells whether a line separates conversations, such as `=== 会话 123 ===`. */
export function isSeparatorLine(line: string): boolean {
  return separatorLabel(line) !== null;
}

/** Returns the label of a separator line (empty when it has none), or null for another line. */
function separatorLabel(line: string): string | null {
  if (ARMOR_LINE.test(line)) return null;
  return SEPARATOR_LINE.exec(line)?.[1] ?? null;
}

/** Parses a plain-text chat log by the rules above. */
export function parseTextLog(text: string, file: string): ParsedConversations {
  const result: ParsedConversations = { conversations: [], errors: [], invalid: [] };
  const blocks = splitBlocks(splitFileLines(text)).filter((block) =>
    block.lines.some((line) => !isBlank(line.text)),
  );

  const notices: TranscriptNotice[] = [];
  blocks.forEach((block, index) => {
    const id = block.id ?? String(index + 1);
    const errors: TranscriptError[] = [];
    const blockNotices: TranscriptNotice[] = [];
    const conversation = readBlock(
      block,
      id,
      (line) => (code, detail) => {
        errors.push(new TranscriptError(code, { file, line }, detail));
      },
      blockNotices,
    );

    if (errors.length === 0) {
      result.conversations.push(conversation);
      notices.push(...blockNotices);
    } else {
      result.errors.push(...errors);
      result.invalid.push({ id, line: firstLine(block) });
    }
  });
  return { ...result, notices };
}

function splitBlocks(lines: readonly string[]): Block[] {
  const source = lines.map((text, index) => ({ text, line: index + 1 }));
  return source.some((line) => isSeparatorLine(line.text))
    ? splitAtSeparators(source)
    : splitAtBlankRuns(source);
}

function splitAtSeparators(lines: readonly SourceLine[]): Block[] {
  const blocks: Block[] = [{ id: null, separatorLine: null, lines: [] }];
  for (const line of lines) {
    const label = separatorLabel(line.text);
    if (label === null) {
      blocks[blocks.length - 1].lines.push(line);
      continue;
    }

    const id = ID_LABEL.exec(label)?.[1].trim() ?? label;
    blocks.push({ id: id === '' ? null : id, separatorLine: line.line, lines: [] });
  }
  return blocks;
}

function splitAtBlankRuns(lines: readonly SourceLine[]): Block[] {
  const blocks: Block[] = [{ id: null, separatorLine: null, lines: [] }];
  let blankRun = 0;
  for (const line of lines) {
    if (isBlank(line.text)) {
      blankRun += 1;
      if (blankRun === 2) blocks.push({ id: null, separatorLine: null, lines: [] });
      continue;
    }

    // A single blank line stays inside the conversation, between or within messages.
    const current = blocks[blocks.length - 1];
    if (blankRun === 1) current.lines.push({ text: '', line: line.line - 1 });
    blankRun = 0;
    current.lines.push(line);
  }
  return blocks;
}

function readBlock(
  block: Block,
  id: string,
  reportAt: (line: number) => ReportError,
  notices: TranscriptNotice[],
): Conversation {
  const headers: Partial<Record<HeaderKey, SourceLine>> = {};
  const drafts: MessageDraft[] = [];
  let strayLine: SourceLine | null = null;

  for (const line of block.lines) {
    const message = matchMessageLine(line.text);
    if (message !== null) {
      drafts.push({
        role: message.role,
        stamp: message.stamp,
        lines: [message.text],
        line: line.line,
      });
      continue;
    }

    const current = drafts.at(-1);
    if (current !== undefined) {
      current.lines.push(line.text);
      const speaker = SPEAKER_LIKE_LINE.exec(line.text)?.[1];
      if (speaker !== undefined) notices.push({ line: line.line, detail: speakerDetail(speaker) });
    } else if (isBlank(line.text)) continue;
    else if (!readHeader(line, headers)) strayLine ??= line;
  }

  if (strayLine !== null) reportStrayLine(strayLine, reportAt(strayLine.line));
  else if (drafts.length === 0) {
    const detail =
      'the conversation has header lines but no messages; add "客户：…" lines or remove it';
    reportAt(firstLine(block))('missing-messages', detail);
  }
  return buildConversation(block, id, { headers, drafts, reportAt });
}

function speakerDetail(speaker: string): string {
  return (
    `"${speaker}：" is no role of a chat log, so the line was read as part of the message ` +
    'before it; write 客服：… (or 客户：…) if it is a message of its own'
  );
}

function firstLine(block: Block): number {
  return block.separatorLine ?? block.lines.find((line) => !isBlank(line.text))?.line ?? 1;
}

function readHeader(line: SourceLine, headers: Partial<Record<HeaderKey, SourceLine>>): boolean {
  const match = HEADER_LINE.exec(line.text);
  if (match === null) return false;

  const key = HEADER_KEYS[match[1].toLowerCase()];
  headers[key] = { text: match[2].trim(), line: line.line };
  return true;
}

function reportStrayLine(line: SourceLine, report: ReportError): void {
  const detail =
    `found ${quoteText(line.text.trim())} before the first message, expected a line such as ` +
    '"客户：…" or "2024-10-07 11:21:36 客服：…"; add the role prefix, make the line a header ' +
    '("标题：…", "分类：…") or remove it';
  report('text-before-role', detail);
}

interface BlockContent {
  headers: Partial<Record<HeaderKey, SourceLine>>;
  drafts: MessageDraft[];
  reportAt: (line: number) => ReportError;
}

function buildConversation(block: Block, id: string, content: BlockContent): Conversation {
  const { headers, drafts, reportAt } = content;
  const { title, category, createdAt: created } = headers;

  const messages = drafts.flatMap((draft) => {
    const report = reportAt(draft.line);
    const text = readMessageText(joinBlock(draft.lines), 'the message text', report);
    const at = readTimestamp(draft.stamp, 'the timestamp', report);
    return text === null ? [] : [{ role: draft.role, text, at, line: draft.line }];
  });
  const createdAt =
    created === undefined
      ? null
      : readTimestamp(created.text, 'the 创建时间 header', reportAt(created.line));
  const times = anchorTimesOfDay(
    messages.map((message) => message.at),
    createdAt,
  );
  messages.forEach((message, index) => (message.at = times[index]));

  return {
    id,
    title:
      title === undefined ? null : readTitle(title.text, 'the 标题 header', reportAt(title.line)),
    category:
      category === undefined
        ? null
        : readCategory(category.text, 'the 分类 header', reportAt(category.line)),
    createdAt,
    messages,
    line: firstLine(block),
  };
}
