export type { StoredCompensationLine, StoredEvent, StoredQuote } from './json-columns.js';
export * from './schema.js';
