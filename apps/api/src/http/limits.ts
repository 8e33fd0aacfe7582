import { MAX_PAGE_SIZE } from '../services/keyset-cursor.js';

// Query limits. Exported so tests probe each one at and just over its bound.
export const QUERY_LIMITS = {
  maxDepth: 12,
  maxAliases: 30,
  // query-cost.ts: a connection counts `first` times (literal or variable, 20 when left out),
  // so this allows a page of 100 claims of ~500 cost each.
  maxCost: 50_000,
  maxTokens: 2000,
  maxDirectives: 20,
  /** Largest request body accepted on /graphql. */
  maxBodyBytes: 256 * 1024,
  /** Connections take `first` 1..100. */
  maxPageSize: MAX_PAGE_SIZE,
} as const;
