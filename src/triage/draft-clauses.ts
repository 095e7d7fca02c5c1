import { isFiller, PLACEHOLDER_PATTERN, placeholderToken } from '../text/index.js';
import { withoutCorrectionMarker } from './draft-corrections.js';
import { draftRules } from './draft-data.js';
import { requestClauses } from './draft-requests.js';
import { splitClauses, splitSentences } from './split-clauses.js';

const CLOSING_PUNCTUATION = /[，,。！？!?\s]+$/;
// A greeting as a clause of its own. The draft opens with a greeting of its own.
const GREETING_ONLY = /^\s*(?:您好|你好)[，,!！。\s]*$/;
// A greeting right after the end of an earlier answer in the same turn, where two messages were
// joined without punctuation ("…及时完成验证即可的您好，手动申请…"). It becomes a full stop.
const JOINED_GREETING = /(?<=[的了哈呢吧啊哦呀])(?:您好|你好)[，,！!]/g;

/**
 * Tells whether a clause contains a placeholder of the earlier customer's contact data or
 * credentials ("administrator [SECRET_1]这个是主机的登录密码"), or one of a type the rules do not
 * list, which is treated the same way.
 */
function carriesPrivatePlaceholder(clause: string): boolean {
  const labels = draftRules().placeholderLabels;
  for (const [placeholder] of clause.matchAll(PLACEHOLDER_PATTERN)) {
    if (!labels.get(placeholderToken(placeholder))) return true;
  }
  return false;
}

/** Tells whether a clause, without its placeholders and closing punctuation, matches a pattern. */
function matchesAny(clause: string, patterns: readonly RegExp[]): boolean {
  const content = clause.replace(PLACEHOLDER_PATTERN, '').replace(CLOSING_PUNCTUATION, '').trim();
  return patterns.some((pattern) => pattern.test(content));
}

/** Tells whether a clause reports the state of the earlier customer's request ("当前签名审核已通过。"). */
function reportsCaseStatus(clause: string): boolean {
  return matchesAny(clause, draftRules().caseStatusPatterns);
}

/** Tells whether a clause points into a document the earlier customer was shown ("如下图所示"). */
function pointsIntoDocument(clause: string): boolean {
  return matchesAny(clause, draftRules().documentReferencePatterns);
}

// A question to the earlier customer ends with a question mark or a question particle, or is
// the second half of an either-or question ("还是重启vps服务才可以连接上"). 呢 ends a question only
// after a question word ("邮箱是否可以验证呢"), since it also ends statements ("还在审核中呢").
const QUESTION_END =
  /(?:[？?]|[吗么嘛]|(?:是否|能否|可否|有没有|是不是|什么|怎么|哪|多少|几).{0,24}呢)[\s。！？!?]*$/;
const EITHER_OR = /^\s*还是/;
// Inside a sentence, a clause such as "还是重启vps服务才可以连接上吗，" is a question too. 么 is
// left out here, since a clause may end in 什么 or 怎么.
const QUESTION_CLAUSE = /[吗嘛][，,\s]*$/;

// Words that start the rest of a question after its question mark: what the details asked for
// include ("包括出口 ip", "比如报错截图").
const QUESTION_CONTINUATION = /^\s*(?:包括|包含|比如|例如|以及|还有)/;

// Words of advice that a clause before a question can carry ("建议开启IP黑名单，您这边…吗？").
const ADVICE = /建议|请|可以|需要|推荐/;

/**
 * Drops the sentences that ask the earlier customer something ("是重启这个实例才可以连接上吗？",
 * "哪个空间呢，文件是什么时候上传的？"): their replies belong to that conversation, and a new
 * customer was not asked. Leading clauses of such a sentence that give advice stay.
 */
function withoutQuestions(text: string): string {
  let afterQuestion = false;
  return splitSentences(text)
    .map((sentence) => {
      if (EITHER_OR.test(sentence)) return '';
      // The rest of a question after its question mark ("有报错信息吗？包括出口 ip") goes with it.
      if (afterQuestion && QUESTION_CONTINUATION.test(sentence)) return '';
      // A screenshot may follow the question: "您看符合预期吗[图片]".
      afterQuestion = QUESTION_END.test(sentence.replace(PLACEHOLDER_PATTERN, '').trim());
      if (!afterQuestion) return sentence;
      const clauses = splitClauses(sentence);
      // Keep the advice clauses before the first other one, never the question itself.
      const other = clauses.findIndex((clause) => !ADVICE.test(clause));
      const end = other === -1 ? clauses.length - 1 : Math.min(other, clauses.length - 1);
      return clauses.slice(0, end).join('');
    })
    .join('');
}

/**
 * Tells whether the clause after `index` is the second half of an either-or question
 * ("还是重启vps服务才可以连接上吗，"), which makes the clause at `index` its first half
 * ("您可以再确认下要重启实例才可以连接上，"), advice words or not.
 */
function opensEitherOrQuestion(clauses: readonly string[], index: number): boolean {
  const next = clauses[index + 1];
  return next !== undefined && EITHER_OR.test(next) && QUESTION_CLAUSE.test(next);
}

/**
 * Tells whether a turn's last sentence is a question to the earlier customer, by the rules that
 * {@link keepQuotableClauses} applies.
 */
export function endsWithQuestion(text: string): boolean {
  const last = splitSentences(text.replace(PLACEHOLDER_PATTERN, '')).at(-1)?.trim() ?? '';
  if (EITHER_OR.test(last) || QUESTION_END.test(last)) return true;
  return QUESTION_CLAUSE.test(splitClauses(last).at(-1) ?? '');
}

/**
 * Keeps the clauses of an agent turn that can be quoted to a new customer, verbatim. Drops
 * questions to the earlier customer, requests for that customer's data or access ("任务id提供一下"),
 * filler ("麻烦稍等。"), correction markers ("刚刚表述有误，"), clauses about the earlier
 * customer's private data, and clauses reporting that customer's case status ("配置完成了您看下").
 * Returns '' when no clause is left.
 */
export function keepQuotableClauses(text: string): string {
  const clauses = splitClauses(withoutQuestions(text.replace(JOINED_GREETING, '。')));
  const requests = requestClauses(clauses, text);
  const quoted: string[] = [];
  clauses.forEach((clause, index) => {
    if (requests[index] || opensEitherOrQuestion(clauses, index)) return;
    const body = withoutCorrectionMarker(clause) ?? clause;
    if (body.trim() === '' || isFiller(body) || QUESTION_CLAUSE.test(body)) return;
    if (GREETING_ONLY.test(body)) return;
    if (carriesPrivatePlaceholder(body) || reportsCaseStatus(body) || pointsIntoDocument(body)) {
      return;
    }
    quoted.push(body);
  });
  return quoted.join('').trim();
}
