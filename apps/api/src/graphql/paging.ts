// The Relay arguments of every connection, read once: a page request, or BAD_USER_INPUT with
// the reason (first and last together, a size out of 1..100, a cursor this API did not issue).
import { GraphQLError } from 'graphql';
import {
  BadPageRequest,
  MAX_TOTAL_COUNT,
  type PageArguments,
  type PageRequest,
  readPageArguments,
} from '../services/keyset-cursor.js';

export function pageRequestOf(args: PageArguments): PageRequest {
  try {
    return readPageArguments(args);
  } catch (error) {
    if (error instanceof BadPageRequest) {
      throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    throw error;
  }
}

/** What `totalCount` says on every connection: what it counts, and where it stops. */
export function totalCountDescription(what: string): string {
  return `How many ${what} the connection holds, whatever the page, counted up to ${MAX_TOTAL_COUNT.toLocaleString('en-US')}: ${MAX_TOTAL_COUNT} means at least that many.`;
}
