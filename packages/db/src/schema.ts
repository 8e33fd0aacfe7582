// The relational model, one file per area. Invariants that money depends on live there as
// constraints, so a concurrent duplicate is settled by PostgreSQL, not by timing
// (docs/architecture.md).
export * from './schema/accounts.js';
export * from './schema/claims.js';
export * from './schema/exchange-rates.js';
export * from './schema/inbound-mail.js';
export * from './schema/orders.js';
export * from './schema/outbox.js';
export * from './schema/reports.js';
