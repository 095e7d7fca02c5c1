import { nullableString } from './common.js';
import { jobAcceptedSchema, jobSchema } from './jobs.js';
import { triageSchema } from './triage.js';

// Shared response models, registered with addSchema so the OpenAPI document lists them once
// under components.schemas and routes refer to them as `{ $ref: 'Name#' }`.

const userSchema = {
  $id: 'User',
  type: 'object',
  required: ['id', 'email', 'name', 'role', 'disabled', 'createdAt'],
  properties: {
    id: { type: 'integer' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: ['admin', 'agent', 'customer'] },
    disabled: { type: 'boolean' },
    createdAt: { type: 'string' },
    lastLoginAt: nullableString,
  },
} as const;

const summaryProperties = {
  id: { type: 'integer' },
  source: { type: 'string', description: 'Source file or channel the case belongs to' },
  ref: { type: 'string', description: "The case's number in its source, such as Q12 or W3" },
  channel: { type: 'string', enum: ['archive', 'portal', 'intake'] },
  title: { type: 'string' },
  product: { type: 'string' },
  type: { type: 'string' },
  category: { type: 'string', description: 'product｜type' },
  status: { type: 'string' },
  needsHuman: { type: 'boolean', description: 'Agents and admins only' },
  needsHumanReasons: { type: 'array', items: { type: 'string' } },
  rootCauseCode: nullableString,
  categorySource: nullableString,
  customerId: { type: ['integer', 'null'] },
  createdAt: { type: 'string' },
  openedAt: nullableString,
  lastMessageAt: nullableString,
  firstResponseAt: nullableString,
  resolvedAt: nullableString,
} as const;

const caseSummarySchema = {
  $id: 'CaseSummary',
  type: 'object',
  required: ['id', 'ref', 'title', 'product', 'type', 'status', 'createdAt'],
  properties: summaryProperties,
} as const;

const messageSchema = {
  $id: 'Message',
  type: 'object',
  required: ['id', 'seq', 'role', 'text', 'internal'],
  properties: {
    id: { type: 'integer' },
    seq: { type: 'integer' },
    role: { type: 'string', enum: ['customer', 'agent'] },
    text: { type: 'string', description: 'Redacted text; render it as text, never as HTML' },
    internal: { type: 'boolean', description: 'Internal note; never shown to customers' },
    authorId: { type: ['integer', 'null'] },
    authorName: nullableString,
    createdAt: nullableString,
  },
} as const;

const caseDetailSchema = {
  $id: 'CaseDetail',
  type: 'object',
  required: [...caseSummarySchema.required, 'description', 'messages'],
  properties: {
    ...summaryProperties,
    description: { type: 'string' },
    messages: { type: 'array', items: { $ref: 'Message#' } },
  },
} as const;

const faqEntrySchema = {
  $id: 'FaqEntry',
  type: 'object',
  required: ['id', 'question', 'steps', 'status'],
  properties: {
    id: { type: 'integer' },
    rootCauseCode: nullableString,
    question: { type: 'string' },
    answer: { type: 'string' },
    steps: { type: 'array', items: { type: 'string' } },
    refs: {
      type: 'array',
      items: {
        type: 'object',
        properties: { source: { type: 'string' }, ref: { type: 'string' } },
      },
    },
    caseCount: { type: 'integer' },
    firstSeen: { type: 'string' },
    lastSeen: { type: 'string' },
    status: { type: 'string', enum: ['pending', 'approved', 'rejected'] },
    reviewedAt: nullableString,
  },
} as const;

const apiTokenSchema = {
  $id: 'ApiToken',
  type: 'object',
  required: ['id', 'userId', 'name', 'scope', 'prefix', 'createdAt'],
  properties: {
    id: { type: 'integer' },
    userId: { type: 'integer' },
    name: { type: 'string' },
    scope: { type: 'string', enum: ['api', 'intake'] },
    prefix: { type: 'string', description: 'First characters of the token, to tell tokens apart' },
    createdAt: { type: 'string' },
    lastUsedAt: nullableString,
    revokedAt: nullableString,
  },
} as const;

const auditEntrySchema = {
  $id: 'AuditEntry',
  type: 'object',
  required: ['id', 'at', 'action', 'targetType'],
  properties: {
    id: { type: 'integer' },
    at: { type: 'string' },
    actorId: { type: ['integer', 'null'] },
    actorEmail: nullableString,
    tokenId: { type: ['integer', 'null'] },
    action: { type: 'string' },
    targetType: { type: 'string' },
    targetId: nullableString,
    details: { type: 'object', additionalProperties: true },
  },
} as const;

/** Every shared model schema, in an order where each refers only to earlier ones. */
export const modelSchemas = [
  jobSchema,
  jobAcceptedSchema,
  userSchema,
  caseSummarySchema,
  messageSchema,
  caseDetailSchema,
  triageSchema,
  faqEntrySchema,
  apiTokenSchema,
  auditEntrySchema,
];
