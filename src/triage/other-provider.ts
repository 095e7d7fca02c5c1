import { dataPath } from '../shared/paths.js';
import { escapeRegExp } from '../shared/regexp.js';
import { readWordList } from '../text/index.js';

/** Another cloud provider that a question names. */
export interface OtherProvider {
  /** The provider's name as `data/triage/other-providers.txt` lists it first (阿里云). */
  name: string;
  /** The words of the question that name it (aliyun, 阿里云). */
  evidence: string;
}

interface ProviderPattern {
  name: string;
  pattern: RegExp;
}

interface ProviderData {
  providers: ProviderPattern[];
  ownSideWords: string[];
}

let data: ProviderData | undefined;

/** Returns a pattern of one name: a Latin name as a whole word, any name in any case. */
function namePattern(name: string): string {
  const escaped = escapeRegExp(name);
  return /^[\x20-\x7e]+$/.test(name) ? `(?<![a-z0-9])${escaped}(?![a-z0-9])` : escaped;
}

function loadData(): ProviderData {
  data ??= {
    providers: readWordList(dataPath('triage', 'other-providers.txt')).map((line) => {
      const names = line.split(/\s+/);
      return { name: names[0]!, pattern: new RegExp(names.map(namePattern).join('|'), 'i') };
    }),
    ownSideWords: readWordList(dataPath('triage', 'own-side-words.txt')).map((word) =>
      word.toLowerCase(),
    ),
  };
  return data;
}

/**
 * Returns the other cloud provider that `question` is about, or null. A question that names one
 * but also ties it to our platform (it moves data between the two, compares them, or names us)
 * is ours, and so gets null.
 */
export function findOtherProvider(question: string): OtherProvider | null {
  const { providers, ownSideWords } = loadData();
  const lower = question.toLowerCase();
  if (ownSideWords.some((word) => lower.includes(word))) return null;
  for (const provider of providers) {
    const match = provider.pattern.exec(question);
    if (match) return { name: provider.name, evidence: match[0] };
  }
  return null;
}
