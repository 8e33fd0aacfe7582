export type {
  StoredCompensationLine,
  StoredEvent,
  StoredQuote,
  StoredRiskSignal,
} from './json-columns.js';
export * from './schema.js';
