import type { FastifyInstance, FastifyServerOptions } from 'fastify';

/** Log level and destination of the server; `false` in their place turns logging off. */
export interface LogSettings {
  /** pino level: fatal, error, warn, info, debug or trace. */
  level?: string;
  /** Destination of the JSON lines; stdout by default. */
  stream?: { write(line: string): unknown };
}

// Credentials that could reach a log line if a request or response object were logged whole.
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

function pathOnly(url: string | undefined): string | undefined {
  // Query strings carry search text, which can be personal data.
  return url?.split('?')[0];
}

/** Builds the pino options of the server: redaction of credentials and URL paths without queries. */
export function loggerOptions(settings: LogSettings | false = {}): FastifyServerOptions['logger'] {
  if (settings === false) return false;
  return {
    level: settings.level ?? 'info',
    ...(settings.stream ? { stream: settings.stream } : {}),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (request) => ({ method: request.method, url: pathOnly(request.url) }),
      res: (reply) => ({ statusCode: reply.statusCode }),
    },
  };
}

/**
 * Logs each completed request with its route pattern (not its URL, which may hold search text),
 * status, duration and user id, at warn level when it took `slowMs` or longer, and returns the
 * request id in the `x-request-id` header.
 */
export function registerRequestLogging(app: FastifyInstance, slowMs: number): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.addHook('onResponse', async (request, reply) => {
    const fields = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      statusCode: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
      userId: request.principal?.user.id,
    };
    if (fields.ms >= slowMs) request.log.warn(fields, 'slow request');
    else request.log.info(fields, 'request completed');
  });
}
