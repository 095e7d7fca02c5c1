import { JobError } from './errors.js';

// A letter first, then letters, digits, '.', '_' or '-': safe as a pg-boss queue name and in logs.
const KIND_PATTERN = /^[A-Za-z][\w.-]{0,99}$/;

/** Throws `invalid-job-kind` unless `kind` is a usable job kind name. */
export function validateKind(kind: string): void {
  if (KIND_PATTERN.test(kind)) return;
  throw new JobError(
    'invalid-job-kind',
    `Invalid job kind ${JSON.stringify(kind)}: expected a letter followed by up to 99 letters, ` +
      'digits, ".", "_" or "-", such as "import" or "faq.mine".',
  );
}

/**
 * Returns a JSON copy of `value` (undefined stays undefined), so a handler gets the same data
 * on either queue. Throws `invalid-job-payload` or `invalid-job-result` for what JSON cannot hold.
 */
export function copyJson(value: unknown, part: 'payload' | 'result'): unknown {
  if (value === undefined) return undefined;

  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw invalidJson(part, describeError(error), error);
  }
  if (text === undefined) throw invalidJson(part, `a ${typeof value} is not JSON`);
  return JSON.parse(text) as unknown;
}

function invalidJson(part: 'payload' | 'result', reason: string, cause?: unknown): JobError {
  const code = part === 'payload' ? 'invalid-job-payload' : 'invalid-job-result';
  return new JobError(
    code,
    `Invalid job ${part}: ${reason}. Pass plain JSON data (objects, arrays, strings, numbers).`,
    { cause },
  );
}

/** Returns the message of a thrown or emitted value, for job errors and logs. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  // pg-boss emits some of its errors as plain objects with a message.
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

/** Throws `invalid-queue-options` unless `value` is an integer in [min, max]. */
export function validateInteger(name: string, value: number, min: number, max: number): void {
  if (Number.isInteger(value) && value >= min && value <= max) return;
  throw new JobError(
    'invalid-queue-options',
    `Invalid job queue option ${name}: ${value}; expected an integer from ${min} to ${max}.`,
  );
}

/** Adds the handler of a job kind, rejecting an invalid kind or a second handler for one. */
export function addHandler<Handler>(
  handlers: Map<string, Handler>,
  kind: string,
  handler: Handler,
): void {
  validateKind(kind);
  if (handlers.has(kind)) {
    throw new JobError(
      'job-kind-already-registered',
      `Job kind "${kind}" already has a handler; register each kind once per queue.`,
    );
  }
  handlers.set(kind, handler);
}
