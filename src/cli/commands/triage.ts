import type { Command } from 'commander';
import { Triage, type TriageResult } from '../../triage/index.js';
import { llmConfigFromEnv, type LlmConfig } from '../../triage/llm/config.js';
import {
  CliError,
  readStdin,
  writeJson,
  writeLines,
  type CliIO,
  type GlobalOptions,
} from '../io.js';
import { parseCount } from '../counts.js';
import { withStore } from '../with-store.js';

// Below this confidence the category is marked as a guess to confirm, as the console does.
const LOW_CONFIDENCE = 0.5;

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/** Formats a triage result for a person at a terminal. */
export function formatTriage(result: TriageResult): string[] {
  const lines = [`问题: ${result.query}`];
  if (result.category) {
    const alternatives = result.category.alternatives
      .map((a) => `${a.label} ${percent(a.confidence)}`)
      .join(', ');
    const guess = result.category.confidence < LOW_CONFIDENCE ? ', 置信度低，请人工确认' : '';
    lines.push(
      `分类: ${result.category.label} (${percent(result.category.confidence)}${guess}; 其他: ${alternatives || '无'})`,
    );
  } else lines.push('分类: 无（库中还没有案例）');
  if (result.otherProvider) {
    lines.push(
      `其他云厂商: ${result.otherProvider.name}（"${result.otherProvider.evidence}"；问题可能不是本平台的产品，请确认）`,
    );
  }

  if (result.rootCause) {
    const cause = result.rootCause;
    lines.push(
      `根因: ${cause.label} [${cause.code}] ${percent(cause.confidence)}; 依据: ${cause.evidence.join('、')}`,
    );
  } else lines.push('根因: 无可靠判断');

  lines.push('相似案例:');
  if (result.similar.length === 0) lines.push('  无');
  for (const hit of result.similar) {
    lines.push(
      `  ${hit.ref}  ${hit.category}  ${hit.score.toFixed(2)}  ${hit.title}  (${hit.source})`,
    );
  }

  lines.push('回复草稿:');
  // Without a draft, which would hold them, the playbook's steps for the cause are still shown.
  const fix = result.rootCause?.fix ?? [];
  lines.push(result.reply ? result.reply.text.replace(/^/gm, '  ') : noDraftLine(result, fix));
  if (!result.reply && fix.length > 0) {
    lines.push('根因手册的处理步骤:', ...fix.map((step, i) => `  ${i + 1}. ${step}`));
  }

  const human = result.needsHuman;
  lines.push(
    human.value
      ? `需人工处理: 是 (${human.reasons.map((r) => `${r.label}: "${r.evidence}"`).join('; ')})`
      : '需人工处理: 否',
  );
  if (result.redactions.length > 0) {
    lines.push(`已脱敏: ${result.redactions.map((r) => r.placeholder).join(' ')}`);
  }
  return lines;
}

function readLlmConfig(io: CliIO): LlmConfig | null {
  try {
    return llmConfigFromEnv(io.env);
  } catch (error) {
    throw new CliError((error as Error).message, 2);
  }
}

/** Registers `casebook triage [TEXT]`. */
export function registerTriage(program: Command, io: CliIO): void {
  program
    .command('triage')
    .description('categorize a new question, find similar cases and draft a reply')
    .argument('[text...]', 'the question; read from stdin when absent')
    .option('-n, --limit <count>', 'number of similar cases to list', '5')
    .action(async (words: string[], options: GlobalOptions & { limit: string }) => {
      const global = { ...program.opts<GlobalOptions>(), ...options };
      const question = words.length > 0 ? words.join(' ') : await readStdin(io);
      if (question.trim() === '')
        throw new CliError('No question given. Pass it as an argument or on stdin.', 2);
      // Punctuation alone ("？！。") would get a guessed category and nothing else.
      if (!/[\p{L}\p{N}]/u.test(question))
        throw new CliError('The question has no letters or digits: write it out in words.', 2);
      const limit = parseCount(options.limit, '--limit');

      const result = await withStore(
        global,
        io,
        async (store) =>
          (await Triage.open(store, { llm: readLlmConfig(io) })).run(question.trim(), { limit }),
        { mustExist: true, checkIndex: true },
      );
      if (global.json) writeJson(io, result);
      else writeLines(io.stdout, formatTriage(result));
    });
}

/**
 * Returns the line shown in place of a missing draft. The question may be about another
 * provider's service, similar cases may exist whose agent turns contain nothing to quote (a case
 * with no agent reply), or no case may be close enough.
 */
function noDraftLine(result: TriageResult, fix: readonly string[]): string {
  let reason = '无可靠答案：没有足够相关的历史案例可以引用';
  if (result.otherProvider) {
    reason = `无草稿：问题涉及${result.otherProvider.name}的服务，本平台的历史答复不适用`;
  } else if (result.similar.length > 0) {
    reason = '无可引用的答复：相似案例中没有足够相关、可以引用的客服答复';
  }
  return fix.length > 0 ? `  ${reason}，请参考下面根因手册的处理步骤。` : `  ${reason}。`;
}
