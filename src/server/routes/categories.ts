import type { FastifyInstance } from 'fastify';
import { categoryLabel } from '../../ingest/record.js';
import type { Store } from '../../store/open.js';
import { requireUser } from '../auth/guards.js';
import { ApiError } from '../errors.js';
import { withErrors } from '../schemas/common.js';

/** A category in use, with the number of stored cases in it. */
export interface CategoryInUse {
  label: string;
  product: string;
  type: string;
  cases: number;
}

/** Lists the categories of the stored cases, most cases first. */
export async function listCategories(store: Store): Promise<CategoryInUse[]> {
  const rows = await store.db
    .selectFrom('cases')
    .select(['product', 'type', (eb) => eb.fn.countAll<number>().as('cases')])
    .groupBy(['product', 'type'])
    .orderBy('cases', 'desc')
    .orderBy('product')
    .orderBy('type')
    .execute();
  return rows.map((row) => ({
    label: categoryLabel(row),
    product: row.product,
    type: row.type,
    cases: Number(row.cases),
  }));
}

/**
 * Checks that a customer's chosen category is one the archive uses, so the portal cannot add
 * categories to the model. Any category passes while no case is stored.
 */
export async function checkKnownCategory(
  store: Store,
  category: { product: string; type: string },
): Promise<void> {
  const anyCase = await store.db.selectFrom('cases').select('id').limit(1).executeTakeFirst();
  if (!anyCase) return;
  const match = await store.db
    .selectFrom('cases')
    .select('id')
    .where('product', '=', category.product)
    .where('type', '=', category.type)
    .limit(1)
    .executeTakeFirst();
  if (!match) {
    const label = categoryLabel(category);
    throw new ApiError(
      'invalid-category',
      `Unknown category "${label}": pick one from GET /api/v1/categories.`,
    );
  }
}

/** Registers the list of categories, for the portal's product and type choice. */
export async function categoryRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/categories',
    {
      onRequest: requireUser,
      schema: {
        tags: ['cases'],
        summary: 'Categories (product｜type) in use, with case counts',
        response: withErrors({
          200: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                label: { type: 'string' },
                product: { type: 'string' },
                type: { type: 'string' },
                cases: { type: 'integer' },
              },
            },
          },
        }),
      },
    },
    async () => listCategories(app.casebook.store),
  );
}
