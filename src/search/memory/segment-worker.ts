import { parentPort } from 'node:worker_threads';
import type { WeighedTerms } from './weigh-terms.js';
import { segmentCase, type CaseText } from './segment-case.js';

/** A batch of cases sent to a segment worker. */
export interface SegmentRequest {
  id: number;
  cases: CaseText[];
}

/** A worker's reply: the weighed terms of each case of the batch, in order. */
export interface SegmentResponse {
  id: number;
  terms: WeighedTerms[];
}

parentPort?.on('message', (request: SegmentRequest) => {
  const response: SegmentResponse = { id: request.id, terms: request.cases.map(segmentCase) };
  parentPort?.postMessage(response);
});
