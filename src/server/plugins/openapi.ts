import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { errorResponseSchema } from '../schemas/common.js';
import { modelSchemas } from '../schemas/models.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../auth/authenticate.js';

/** Path of the OpenAPI document. */
export const OPENAPI_PATH = '/api/v1/openapi.json';

/**
 * Registers the shared schemas and the OpenAPI generator. It must run before any route is
 * added, because the generator collects routes as they are registered.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  app.addSchema(errorResponseSchema);
  for (const schema of modelSchemas) app.addSchema(schema);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'casebook helpdesk API',
        version: '1.0.0',
        description:
          'Cases, triage, search, FAQ, statistics, accounts and archive import/export. ' +
          `Cookie sessions must send the ${CSRF_HEADER} header on state-changing requests.`,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer', description: 'API token cbk_…' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) =>
        typeof json.$id === 'string' ? json.$id : `def-${index}`,
    },
  });
}

/** Serves the OpenAPI document and its browsable UI at /api/docs; run after the routes. */
export async function registerOpenApiUi(app: FastifyInstance): Promise<void> {
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false });
}
