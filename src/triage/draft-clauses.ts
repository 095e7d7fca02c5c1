import { isFiller, PLACEHOLDER_PATTERN, placeholderToken } from '../text/index.js';
import { withoutCorrectionMarker } from './draft-corrections.js';
import { draftRules } from './draft-data.js';
import { splitClauses } from './split-clauses.js';

const CLOSING_PUNCTUATION = /[，,。！？!?\s]+$/;

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

/** Tells whether a clause reports the state of the earlier customer's request ("当前签名审核已通过。"). */
function reportsCaseStatus(clause: string): boolean {
  const content = clause.replace(PLACEHOLDER_PATTERN, '').replace(CLOSING_PUNCTUATION, '').trim();
  return draftRules().caseStatusPatterns.some((pattern) => pattern.test(content));
}

/**
 * Keeps the clauses of an agent turn that can be quoted to a new customer, verbatim. Drops filler
 * ("麻烦稍等。"), correction markers ("刚刚表述有误，"), clauses about the earlier customer's
 * private data, and clauses reporting that customer's case status ("配置完成了您看下").
 * Returns '' when no clause is left.
 */
export function keepQuotableClauses(text: string): string {
  const quoted: string[] = [];
  for (const clause of splitClauses(text)) {
    const body = withoutCorrectionMarker(clause) ?? clause;
    if (body.trim() === '' || isFiller(body)) continue;
    if (carriesPrivatePlaceholder(body) || reportsCaseStatus(body)) continue;
    quoted.push(body);
  }
  return quoted.join('').trim();
}
