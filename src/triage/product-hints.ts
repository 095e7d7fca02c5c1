import { readFileSync } from 'node:fs';
import { load as parseYaml } from 'js-yaml';
import { dataPath } from '../shared/paths.js';

/** Words that point to a product, and how much each adds to that product's categories. */
export interface ProductHints {
  /** Added to a category's per-term score for each distinct hint of its product. */
  boost: number;
  /** Hints counted per product at most. */
  maxHits: number;
  /** Hint terms by product. */
  products: ReadonlyMap<string, ReadonlySet<string>>;
}

function invalid(file: string, detail: string): Error {
  return new Error(`${file}: ${detail}. Fix the file; its format is described at its top.`);
}

/** Reads and checks a product hints file (by default data/triage/product-hints.yaml). */
export function loadProductHints(file = dataPath('triage', 'product-hints.yaml')): ProductHints {
  const raw = parseYaml(readFileSync(file, 'utf8'), { filename: file }) as Record<string, unknown>;
  const { boost, maxHits, products } = raw ?? {};
  if (typeof boost !== 'number' || !(boost >= 0)) {
    throw invalid(file, '"boost" must be a number of 0 or more');
  }
  if (!Number.isInteger(maxHits) || (maxHits as number) < 1) {
    throw invalid(file, '"maxHits" must be a whole number of 1 or more');
  }
  if (typeof products !== 'object' || products === null) {
    throw invalid(file, '"products" must map each product to a list of hint terms');
  }
  const byProduct = new Map<string, ReadonlySet<string>>();
  for (const [product, hints] of Object.entries(products)) {
    if (!Array.isArray(hints) || hints.some((hint) => typeof hint !== 'string')) {
      throw invalid(file, `the hints of product "${product}" must be a list of strings`);
    }
    byProduct.set(product, new Set(hints.map((hint: string) => hint.toLowerCase())));
  }
  return { boost, maxHits: maxHits as number, products: byProduct };
}

let bundled: ProductHints | undefined;

/** Returns the hints of data/triage/product-hints.yaml, read on first use. */
export function bundledProductHints(): ProductHints {
  bundled ??= loadProductHints();
  return bundled;
}

/** Returns the score each product's categories gain from the hints among `terms`. */
export function productBoosts(hints: ProductHints, terms: Iterable<string>): Map<string, number> {
  const distinct = new Set(terms);
  const boosts = new Map<string, number>();
  for (const [product, words] of hints.products) {
    let hits = 0;
    for (const word of words) {
      if (distinct.has(word)) hits++;
      if (hits === hints.maxHits) break;
    }
    if (hits > 0) boosts.set(product, hits * hints.boost);
  }
  return boosts;
}
