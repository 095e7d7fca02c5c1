import type { FastifyInstance } from 'fastify';
import { authenticate } from '../auth/authenticate.js';
import { archiveRoutes } from './archive.js';
import { auditRoutes } from './audit.js';
import { jobRoutes } from './jobs.js';
import { authRoutes } from './auth.js';
import { caseReadRoutes } from './cases-read.js';
import { caseWriteRoutes } from './cases-write.js';
import { categoryRoutes } from './categories.js';
import { faqRoutes } from './faq.js';
import { healthRoutes } from './health.js';
import { intakeRoutes } from './intake.js';
import { revealRoutes } from './reveal.js';
import { statsRoutes } from './stats.js';
import { tokenRoutes } from './tokens.js';
import { triageRoutes } from './triage.js';
import { userRoutes } from './users.js';

/** Registers every route of the versioned API; mount it under the `/api/v1` prefix. */
export async function apiRoutes(api: FastifyInstance): Promise<void> {
  api.addHook('onRequest', authenticate);

  await api.register(healthRoutes);
  await api.register(authRoutes);
  await api.register(caseReadRoutes);
  await api.register(caseWriteRoutes);
  await api.register(revealRoutes);
  await api.register(categoryRoutes);
  await api.register(triageRoutes);
  await api.register(faqRoutes);
  await api.register(statsRoutes);
  await api.register(archiveRoutes);
  await api.register(userRoutes);
  await api.register(tokenRoutes);
  await api.register(intakeRoutes);
  await api.register(auditRoutes);
  await api.register(jobRoutes);
}
