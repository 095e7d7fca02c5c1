import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyInstance } from 'fastify';

/** Returns the API error code, status and message for a request Node's parser rejected. */
function describe(error: ConnectionError): { status: number; code: string; message: string } {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return {
      status: 408,
      code: 'request-timeout',
      message: 'The request was not received in time. Send it again.',
    };
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return {
      status: 431,
      code: 'headers-too-large',
      message: 'The request headers are too large. Send fewer or shorter headers.',
    };
  }
  return {
    status: 400,
    code: 'invalid-request',
    message:
      'The request is not valid HTTP. Percent-encode non-ASCII characters in the URL ' +
      '(encodeURIComponent, or curl --data-urlencode with -G) and check the headers.',
  };
}

/**
 * Responds to a request that Node's HTTP parser rejected before it reached a route, such as a
 * URL with raw Chinese characters, with the API's error body, and logs it. Fastify's default
 * response has another shape and is logged at trace level only.
 */
export function answerClientError(
  this: FastifyInstance,
  error: ConnectionError,
  socket: Socket,
): void {
  // A reset connection has no client left to respond to.
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;

  const { status, code, message } = describe(error);
  // The error's rawPacket contains the raw request, headers with tokens and cookies included, so
  // only its code and message are logged.
  this.log.warn(
    { code: error.code, reason: error.message, status },
    'request rejected by the HTTP parser',
  );
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
