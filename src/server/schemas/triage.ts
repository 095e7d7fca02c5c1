import { ENTITY_TYPES } from '../../redact/index.js';

// JSON Schema of a triage result, the `TriageResult` type of src/triage/triage.ts. Every object
// keeps additionalProperties, so the serializer passes on fields added to the code later. Each
// `required` lists only fields the code always sets, because fast-json-stringify (version 7, used
// by Fastify 5) fails the whole response when a required property is missing. It writes required
// properties first, then the others in the order listed here, which follows the code.

/** Returns the schema of a number from 0 to 1 with the given description. */
function zeroToOne(description: string) {
  return { type: 'number', minimum: 0, maximum: 1, description } as const;
}

const categoryPrediction = {
  type: ['object', 'null'],
  description:
    'Category predicted by the naive Bayes model from the redacted question. Null when no ' +
    'case has been counted in the model yet.',
  additionalProperties: true,
  required: ['label', 'product', 'type', 'confidence', 'productConfidence', 'alternatives'],
  properties: {
    label: { type: 'string', description: 'product｜type' },
    product: { type: 'string' },
    type: { type: 'string' },
    confidence: zeroToOne("The model's probability of this category"),
    productConfidence: zeroToOne(
      'Summed probability of the categories of `product`, which tells how sure the model is of ' +
        'the product',
    ),
    alternatives: {
      type: 'array',
      description: 'The next most likely categories, at most three, most likely first',
      items: {
        type: 'object',
        additionalProperties: true,
        required: ['label', 'confidence'],
        properties: {
          label: { type: 'string', description: 'product｜type' },
          confidence: zeroToOne("The model's probability of this category"),
        },
      },
    },
  },
} as const;

const rootCause = {
  type: ['object', 'null'],
  description:
    'Likely root cause from the playbook, inferred from phrases of the question and the causes ' +
    'of similar cases. Null when the evidence is weak or two causes are too close to call. ' +
    'Agents and admins only.',
  additionalProperties: true,
  required: ['code', 'label', 'confidence', 'evidence', 'fix'],
  properties: {
    code: { type: 'string', description: 'Root-cause code, such as cert.ca-review-pending' },
    label: { type: 'string', description: 'Chinese name of the cause' },
    confidence: zeroToOne(
      'Combined support of the question text and the similar cases for the cause',
    ),
    evidence: {
      type: 'array',
      items: { type: 'string' },
      description:
        'Phrases of the question that point to the cause, empty when only similar cases do',
    },
    fix: {
      type: 'array',
      items: { type: 'string' },
      description: "The cause's standard fix steps from the playbook, in order",
    },
  },
} as const;

const similarCase = {
  type: 'object',
  additionalProperties: true,
  required: ['caseId', 'ref', 'source', 'title', 'category', 'score', 'snippet'],
  properties: {
    caseId: { type: 'integer', description: 'Case id, for GET /api/v1/cases/{id}' },
    ref: { type: 'string', description: "The case's number in its source, such as Q12 or W3" },
    source: { type: 'string', description: 'Source file or channel the case belongs to' },
    title: { type: 'string' },
    category: { type: 'string', description: 'product｜type' },
    score: zeroToOne(
      "Relevance: the case's search rank relative to the best case's, scaled by the share " +
        "of the question's idf weight that the best case contains",
    ),
    snippet: {
      type: 'string',
      description: 'Redacted excerpt of the case around the matched terms, as plain text',
    },
  },
} as const;

const replyDraft = {
  type: ['object', 'null'],
  description:
    'Reply draft for an agent to review. Null when no similar case is relevant enough to ' +
    'back a reply, because a draft without a source would be invented. Agents and admins only.',
  additionalProperties: true,
  required: ['text', 'sources', 'mode'],
  properties: {
    text: { type: 'string', description: 'Draft text, which cites the cases it uses by ref' },
    sources: {
      type: 'array',
      items: { type: 'string' },
      description: 'Refs of the cases the draft quotes or is based on',
    },
    mode: {
      type: 'string',
      enum: ['extractive', 'generated'],
      description:
        '`extractive`: built from the fix steps and from agent turns quoted from similar ' +
        'cases. `generated`: written by the configured language model from those cases.',
    },
    note: {
      type: 'string',
      description:
        "Reason the configured language model's text was not used: the request failed, or " +
        'the reply cited no case or a case it was not given. The draft is then extractive.',
    },
  },
} as const;

const needsHuman = {
  type: 'object',
  description:
    'Whether a person must act, such as an engineer changing a setting in the backend. Agents ' +
    'and admins only.',
  additionalProperties: true,
  required: ['value', 'reasons'],
  properties: {
    value: { type: 'boolean', description: 'True when `reasons` is not empty' },
    reasons: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: true,
        required: ['reason', 'label', 'action', 'evidence'],
        properties: {
          reason: {
            type: 'string',
            description:
              'Reason id, such as backend-intervention, from data/rules/needs-human.yaml or ' +
              'from the root-cause playbook',
          },
          label: { type: 'string', description: 'Chinese name of the reason' },
          action: { type: 'string', description: 'What the person should do' },
          evidence: {
            type: 'string',
            description:
              "The rule's phrase found in the question, or the root cause's label when the " +
              'cause itself needs a person',
          },
        },
      },
    },
  },
} as const;

const faqMatch = {
  type: 'object',
  additionalProperties: true,
  required: ['id', 'question', 'steps', 'refs', 'caseCount', 'reason'],
  properties: {
    id: { type: 'integer', description: 'FAQ entry id' },
    question: { type: 'string', description: "The entry's canonical question" },
    steps: { type: 'array', items: { type: 'string' } },
    refs: {
      type: 'array',
      items: { type: 'string' },
      description: 'Refs of the cases behind the entry',
    },
    caseCount: { type: 'integer', description: 'Number of cases grouped into the entry' },
    reason: {
      type: 'string',
      enum: ['root-cause', 'similar-question'],
      description:
        "`root-cause` when the entry's cause is the inferred root cause, `similar-question` " +
        'when its question shares enough terms with this one',
    },
  },
} as const;

const redaction = {
  type: 'object',
  additionalProperties: true,
  required: ['type', 'placeholder'],
  properties: {
    type: { type: 'string', enum: ENTITY_TYPES, description: 'Kind of the value replaced' },
    placeholder: {
      type: 'string',
      description: 'Placeholder that replaced the value in `query`, such as [PHONE_1]',
    },
  },
} as const;

/** The triage of a question, as POST /triage, GET /cases/{id}/triage and POST /cases return it. */
export const triageSchema = {
  $id: 'TriageResult',
  type: 'object',
  description:
    'Customers get only query, category, faq and redactions, and only for their own cases.',
  additionalProperties: true,
  required: ['query', 'category', 'faq', 'redactions'],
  properties: {
    query: {
      type: 'string',
      description:
        "The triaged text, a question or a case's title, description and customer messages, " +
        'with personal data replaced by placeholders',
    },
    category: categoryPrediction,
    rootCause,
    similar: {
      type: 'array',
      items: similarCase,
      description: 'Past cases like the question, most similar first. Agents and admins only.',
    },
    reply: replyDraft,
    needsHuman,
    faq: {
      type: 'array',
      items: faqMatch,
      description: 'Approved FAQ entries that answer the question, same-cause entries first',
    },
    redactions: {
      type: 'array',
      items: redaction,
      description: 'Personal data replaced in the question, in text order',
    },
    otherProvider: {
      type: ['object', 'null'],
      description:
        'Another cloud provider the question is about (阿里云的安全组), whose service the playbook ' +
        'and the archive do not cover, so the question gets no root cause and no draft. Null ' +
        'when the question names none, or ties it to this platform (迁移, 回源, 七牛). Agents and ' +
        'admins only.',
      additionalProperties: true,
      required: ['name', 'evidence'],
      properties: {
        name: { type: 'string', description: "The provider's name, such as 阿里云" },
        evidence: { type: 'string', description: 'The words of the question that name it' },
      },
    },
  },
} as const;
