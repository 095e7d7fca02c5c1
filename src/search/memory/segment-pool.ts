import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../shared/start-worker.js';
import type { WeighedTerms } from './weigh-terms.js';
import type { CaseText } from './segment-case.js';
import type { SegmentRequest, SegmentResponse } from './segment-worker.js';

/** Worker threads that segment cases' stored text, so a long load leaves the event loop free. */
export class SegmentPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<
    number,
    { resolve: (terms: WeighedTerms[]) => void; reject: (error: Error) => void }
  >();
  private nextId = 0;

  constructor(size = Math.max(1, availableParallelism())) {
    this.workers = Array.from({ length: size }, () =>
      startWorker(import.meta.url, 'segment-worker', null),
    );
    for (const worker of this.workers) {
      worker.on('message', (message: SegmentResponse) => {
        this.pending.get(message.id)?.resolve(message.terms);
        this.pending.delete(message.id);
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

  /** Segments a batch of cases on the next worker in turn. */
  segment(cases: CaseText[]): Promise<WeighedTerms[]> {
    const id = this.nextId++;
    const request: SegmentRequest = { id, cases };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.workers[id % this.workers.length]!.postMessage(request);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
