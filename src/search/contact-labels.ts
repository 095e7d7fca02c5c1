import { dataPath } from '../shared/paths.js';
import { wordAlternation } from '../shared/regexp.js';
import { readWordList, tokenize } from '../text/index.js';

let labelsBeforePlaceholder: RegExp | undefined;

// Blanks, a colon, 是 or 为 between a label and the placeholder of its value.
const LABEL_GAP = '[ \\t:：是为]{0,3}';
// A placeholder of the redactor ([PHONE_1]) or of an older tool ([REDACTED_PHONE]).
const PLACEHOLDER_AHEAD = '(?=\\[[A-Z][A-Z0-9_]{0,30}\\])';

/** Returns the pattern of a label of data/search/contact-labels.txt before a placeholder. */
function labelPattern(): RegExp {
  if (labelsBeforePlaceholder) return labelsBeforePlaceholder;
  const labels = readWordList(dataPath('search', 'contact-labels.txt'));
  labelsBeforePlaceholder = new RegExp(
    `(?:${wordAlternation(labels)})${LABEL_GAP}${PLACEHOLDER_AHEAD}`,
    'g',
  );
  return labelsBeforePlaceholder;
}

/**
 * Blanks out the contact labels right before a placeholder (电话 [PHONE_1] gives
 * `   [PHONE_1]`), so that a question's contact details add no terms to its search.
 */
export function withoutContactLabels(text: string): string {
  return text.replace(labelPattern(), (label) => ' '.repeat(label.length));
}

/**
 * Segments a question without its contact details: the placeholders and the contact labels
 * right before them give no terms. Search plans and the category model read these terms.
 */
export function topicTerms(text: string): string[] {
  return tokenize(withoutContactLabels(text)).filter((term) => !term.startsWith('['));
}
