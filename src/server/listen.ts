import type { FastifyInstance } from 'fastify';

/** Address and port the server listens on. */
export interface ListenOptions {
  port: number;
  /** Address to bind; 127.0.0.1 keeps the server reachable from this machine only. */
  host: string;
}

/** Starts listening, logs the start, and returns the URL; `app.close()` stops it again. */
export async function listen(app: FastifyInstance, options: ListenOptions): Promise<string> {
  const address = await app.listen({ port: options.port, host: options.host });
  app.log.info({ address }, 'server started');
  return address;
}
