import { serveRequests } from '../../shared/worker-pool.js';
import type { WeighedTerms } from './weigh-terms.js';
import { segmentCase, type CaseText } from './segment-case.js';

serveRequests<CaseText[], WeighedTerms[]>((cases) => cases.map(segmentCase));
