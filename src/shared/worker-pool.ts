import { availableParallelism } from 'node:os';
import { parentPort, type Worker } from 'node:worker_threads';
import { startWorker } from './start-worker.js';

/** A message to a pooled worker, numbered so that its reply can be matched to it. */
export interface PoolRequest<Payload> {
  id: number;
  payload: Payload;
}

/** A pooled worker's reply to a {@link PoolRequest}. */
export interface PoolReply<Result> {
  id: number;
  result: Result;
}

/**
 * Worker threads that each run the module `name` next to `callerUrl`, which handles requests
 * through {@link serveRequests}. Requests go to the workers in turn. A worker error rejects every
 * request still waiting.
 */
export class WorkerPool<Payload, Result> {
  private readonly workers: Worker[];
  private readonly pending = new Map<
    number,
    { resolve: (result: Result) => void; reject: (error: Error) => void }
  >();
  private nextId = 0;

  constructor(
    callerUrl: string,
    name: string,
    workerData: unknown = null,
    size = Math.max(1, availableParallelism()),
  ) {
    this.workers = Array.from({ length: size }, () => startWorker(callerUrl, name, workerData));
    for (const worker of this.workers) {
      worker.on('message', (reply: PoolReply<Result>) => {
        this.pending.get(reply.id)?.resolve(reply.result);
        this.pending.delete(reply.id);
      });
      worker.on('error', (error) => {
        for (const entry of this.pending.values()) entry.reject(error);
        this.pending.clear();
      });
    }
  }

  /** Number of worker threads. */
  get size(): number {
    return this.workers.length;
  }

  /** Sends a request to the next worker in turn and resolves with its result. */
  run(payload: Payload): Promise<Result> {
    const id = this.nextId++;
    const request: PoolRequest<Payload> = { id, payload };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.workers[id % this.workers.length]!.postMessage(request);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/** Handles the requests of a {@link WorkerPool} in a worker thread with `handle`. */
export function serveRequests<Payload, Result>(handle: (payload: Payload) => Result): void {
  parentPort?.on('message', (request: PoolRequest<Payload>) => {
    const reply: PoolReply<Result> = { id: request.id, result: handle(request.payload) };
    parentPort?.postMessage(reply);
  });
}
