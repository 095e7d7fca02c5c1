import { API_ERRORS } from '../errors.js';

/** JSON Schema of every error response body. */
export const errorResponseSchema = {
  $id: 'ErrorResponse',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(API_ERRORS) },
        message: { type: 'string' },
        details: {},
      },
    },
  },
} as const;

/** Adds the error responses to a route's success responses. */
export function withErrors<T extends Record<number, unknown>>(responses: T) {
  return {
    ...responses,
    '4xx': { $ref: 'ErrorResponse#' },
    '5xx': { $ref: 'ErrorResponse#' },
  };
}

/** Path parameters of routes addressed by a numeric id. */
export const idParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'integer', minimum: 1 } },
} as const;

/** Query properties of paged lists. */
export const pageProperties = {
  page: { type: 'integer', minimum: 1, default: 1, description: '1-based page number' },
  pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
} as const;

/** A string or null. */
export const nullableString = { type: ['string', 'null'] } as const;

/**
 * Returns the schema of a text field of at most `max` characters with at least one character
 * that is not white space, so a description of spaces and line breaks is rejected.
 */
export function text(max: number, description?: string) {
  return {
    type: 'string',
    minLength: 1,
    maxLength: max,
    pattern: '\\S',
    ...(description ? { description } : {}),
  };
}

/** A 204 response without a body. */
export const noContent = { type: 'null', description: 'No content' } as const;

/** Query of a paged list as the handlers receive it. */
export interface PageQuery {
  page: number;
  pageSize: number;
}

/** Converts a page request into SQL offset and limit. */
export function pageWindow(query: PageQuery): { offset: number; limit: number } {
  return { offset: (query.page - 1) * query.pageSize, limit: query.pageSize };
}
