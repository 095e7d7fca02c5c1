import type { Category } from '../api/types';

/** Lists the distinct products of the categories, keeping `current` even when it is unknown. */
export function uniqueProducts(categories: Category[], current?: string): string[] {
  const products = new Set(categories.map((category) => category.product));
  if (current) products.add(current);
  return [...products];
}

/** Lists the types of one product (of every product when none is chosen), keeping `current`. */
export function typesOf(categories: Category[], product?: string, current?: string): string[] {
  const types = new Set(
    categories
      .filter((category) => !product || category.product === product)
      .map((category) => category.type),
  );
  if (current) types.add(current);
  return [...types];
}

/** Joins product and type the way the archive writes a category, with a full-width bar. */
export function categoryLabel(product: string, type: string): string {
  return `${product}｜${type}`;
}
