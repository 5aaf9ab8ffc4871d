import { problemSchema } from '../../contracts/common.ts';

/** Adds the problem responses every route can answer with, so the OpenAPI document shows them. */
export function withProblems<T extends Record<number, unknown>>(responses: T) {
  return { ...responses, '4xx': problemSchema, '5xx': problemSchema };
}
