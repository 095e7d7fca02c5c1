import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { loadDomainDictionary } from './dictionaries.js';

let jieba: Jieba | undefined;

/** Returns the shared jieba instance with the default and the domain dictionaries loaded. */
export function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(loadDomainDictionary(), 'utf8'));
  }
  return jieba;
}

/**
 * Segments Chinese text in search mode: long words are also split into their dictionary
 * sub-words (所有权验证 gives 所有权, 验证 and 所有权验证), which raises recall of partial queries.
 */
export function segment(text: string): string[] {
  return segmenter().cutForSearch(text, true);
}
