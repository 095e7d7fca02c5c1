import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { ApiError } from '../errors.js';

function wantsWebApp(request: FastifyRequest): boolean {
  const pathname = request.url.split('?')[0]!;
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    !pathname.startsWith('/api/') &&
    pathname !== '/api'
  );
}

/**
 * Serves the built web app from `root` at `/` when the folder has an index.html, and returns
 * that index.html for every other unknown GET outside /api, so the app's client-side routes
 * load on a page refresh. Unknown API paths get the `not-found` error.
 */
export async function registerWebApp(app: FastifyInstance, root: string | null): Promise<void> {
  const enabled = root !== null && existsSync(path.join(root, 'index.html'));
  if (enabled) {
    await app.register(fastifyStatic, { root, wildcard: false, index: 'index.html' });
  }

  app.setNotFoundHandler(async (request, reply) => {
    if (enabled && wantsWebApp(request)) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    throw new ApiError(
      'not-found',
      `No route ${request.method} ${request.url.split('?')[0]}; the API is under /api/v1.`,
    );
  });
}
