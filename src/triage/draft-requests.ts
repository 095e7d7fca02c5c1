import { PLACEHOLDER_PATTERN } from '../text/index.js';
import { draftRules } from './draft-data.js';

const CLOSING_PUNCTUATION = /[，,。！？!?\s]+$/;
// A step number before a request ("1、麻烦提供下用户的 ip"): one or two digits or one letter.
const LIST_NUMBER = /^\s*(?:\d{1,2}\s?[、.．)）]|[a-z][、)）])\s*/i;
// A clause that continues the one before it: "和cdn节点信息", "以及网站都提供一下".
const CONTINUATION = /^\s*(?:和|以及|及|还有|或者)/;
// Words of advice that keep a clause before a continued request ("建议检查回源配置，以及…").
const ADVICE = /建议|可以|需要|推荐|参考/;

/**
 * Tells whether a clause requests the earlier customer's own data or access ("任务id提供一下",
 * "辛苦给个授权"), following data/triage/request-patterns.txt.
 */
export function requestsCustomerData(clause: string): boolean {
  const content = clause
    .replace(PLACEHOLDER_PATTERN, '')
    .replace(LIST_NUMBER, '')
    .replace(CLOSING_PUNCTUATION, '')
    .trim();
  return draftRules().requestPatterns.some((pattern) => pattern.test(content));
}

/**
 * Flags the clauses of an agent turn that ask the earlier customer for their data or access,
 * one flag per clause. A clause opening with a conjunction belongs to the request before it
 * ("麻烦提供下用户的 ip、dns 信息，和cdn节点信息"), and so does a clause without advice before
 * such a request ("图片的资源链接，以及网站都提供一下"). A turn that names a submission channel of
 * data/triage/request-channels.txt ("发送邮件到") describes a procedure, so nothing is flagged.
 */
export function requestClauses(clauses: readonly string[], turn: string): boolean[] {
  const flags = clauses.map(() => false);
  if (draftRules().requestChannels.some((pattern) => pattern.test(turn))) return flags;

  clauses.forEach((clause, index) => {
    flags[index] = requestsCustomerData(clause);
  });
  for (let index = 1; index < clauses.length; index++) {
    if (!CONTINUATION.test(clauses[index]!)) continue;
    if (flags[index - 1]) flags[index] = true;
    else if (flags[index] && !ADVICE.test(clauses[index - 1]!)) flags[index - 1] = true;
  }
  return flags;
}
