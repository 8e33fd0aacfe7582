// Claims, their append-only timeline, and the evidence documents with their bytes apart.
import {
  CLAIM_OUTCOMES,
  CLAIM_STATUSES,
  CLAIM_TYPES,
  type ClaimReasonCode,
  DOCUMENT_KINDS,
  OPEN_CLAIM_STATUSES,
  type PackageFlag,
} from '@lg/domain';
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { StoredCompensationLine, StoredRiskSignal } from '../json-columns.js';
import { storefronts } from './accounts.js';
import { at, bytea, money, recordedAt } from './columns.js';
import { guarantees, packages } from './orders.js';

export const claims = pgTable(
  'claims',
  {
    id: uuid().primaryKey(),
    storefrontId: uuid()
      .notNull()
      .references(() => storefronts.id),
    guaranteeId: uuid()
      .notNull()
      .references(() => guarantees.id),
    packageId: uuid()
      .notNull()
      .references(() => packages.id),
    memberId: text().notNull(),
    type: text({ enum: CLAIM_TYPES }).notNull(),
    status: text({ enum: CLAIM_STATUSES }).notNull(),
    description: text().notNull(),
    // sha256 (hex) of the description's fingerprint (@lg/domain descriptionFingerprint); null
    // for a stock phrase too short to compare. A hash, so long descriptions fit an index entry.
    descriptionKey: text(),
    reference: text().notNull(),
    flags: text().array().$type<PackageFlag[]>().notNull().default(sql`'{}'::text[]`),
    filedAt: recordedAt('filed_at'),
    documentsCompleteAt: at('documents_complete_at'),
    dueAt: at('due_at'),
    outcome: text({ enum: CLAIM_OUTCOMES }),
    currency: text().notNull(),
    payableMinor: money('payable_minor'),
    auditedMinor: money('audited_minor'),
    reasonCodes: text().array().$type<ClaimReasonCode[]>(),
    breakdown: jsonb().$type<StoredCompensationLine[]>(),
    decidedAt: at('decided_at'),
    decidedBy: text(),
    decisionNote: text(),
    payoutReference: text(),
    paidAt: at('paid_at'),
    // Computed with the filing and with each addition of documents, in the same transaction
    // (apps/api services/claims/assess-risk.ts), so reading them costs nothing.
    riskSignals: jsonb().$type<StoredRiskSignal[]>().notNull().default(sql`'[]'::jsonb`),
    updatedAt: recordedAt('updated_at'),
  },
  (t) => [
    // POLICY R21: one open claim per package, whatever the timing of two filings.
    // The open statuses are the domain's (OPEN_CLAIM_STATUSES): the rule and its index agree.
    uniqueIndex('claims_one_open_per_package')
      .on(t.packageId)
      .where(sql`${t.status} in (${sql.raw(OPEN_CLAIM_STATUSES.map((s) => `'${s}'`).join(', '))})`),
    // The claims listing's order (apps/api services/claims/list-claims.ts): due date, nulls last as
    // infinity, then id. A cursor page is one range scan on these, at any depth.
    index('claims_storefront_listing_idx').on(
      t.storefrontId,
      sql`coalesce(${t.dueAt}, 'infinity'::timestamptz)`,
      t.id,
    ),
    index('claims_listing_idx').on(sql`coalesce(${t.dueAt}, 'infinity'::timestamptz)`, t.id),
    index('claims_member_idx').on(t.storefrontId, t.memberId),
    // DESCRIPTION_REUSED: the other claims with the same description, one index lookup.
    index('claims_description_key_idx')
      .on(t.storefrontId, t.descriptionKey)
      .where(sql`${t.descriptionKey} is not null`),
    // The loss report (apps/api services/reports/loss-report.ts) reads each event's month from
    // these: per storefront a time range, then every column it sums, so each part is one
    // index-only range scan per storefront, for one storefront or all of them.
    index('claims_filed_report_idx').on(t.storefrontId, t.filedAt, t.currency),
    index('claims_decided_report_idx')
      .on(t.storefrontId, t.decidedAt, t.currency, t.outcome, t.filedAt, t.dueAt)
      .where(sql`${t.decidedAt} is not null`),
    index('claims_paid_report_idx')
      .on(t.storefrontId, t.paidAt, t.currency, t.payableMinor)
      .where(sql`${t.paidAt} is not null`),
    index('claims_guarantee_idx').on(t.guaranteeId),
    check(
      'claims_decision_consistent',
      sql`(${t.status} in ('APPROVED', 'PAID') and ${t.outcome} = 'APPROVE' and ${t.payableMinor} is not null)
        or (${t.status} = 'REJECTED' and ${t.outcome} = 'REJECT')
        or (${t.status} in ('NEEDS_DOCUMENTS', 'UNDER_REVIEW') and ${t.outcome} is null)`,
    ),
    check(
      'claims_paid_has_reference',
      sql`(${t.status} = 'PAID') = (${t.payoutReference} is not null)`,
    ),
  ],
);

/** The claim's timeline. Append-only: a trigger refuses UPDATE and DELETE. */
export const claimEvents = pgTable(
  'claim_events',
  {
    id: uuid().primaryKey(),
    claimId: uuid()
      .notNull()
      .references(() => claims.id),
    seq: integer().notNull(),
    at: recordedAt('at'),
    fromStatus: text({ enum: CLAIM_STATUSES }),
    toStatus: text({ enum: CLAIM_STATUSES }).notNull(),
    actor: text().notNull(),
    note: text(),
  },
  (t) => [uniqueIndex('claim_events_claim_seq').on(t.claimId, t.seq)],
);

/** Evidence files. Bytes sit in `document_blobs` so listings never drag them along. */
export const documents = pgTable(
  'documents',
  {
    id: uuid().primaryKey(),
    storefrontId: uuid()
      .notNull()
      .references(() => storefronts.id),
    // The member who uploaded it; null when a storefront's server uploaded it for a member.
    memberId: text(),
    claimId: uuid().references(() => claims.id),
    kind: text({ enum: DOCUMENT_KINDS }).notNull(),
    fileName: text().notNull(),
    contentType: text().notNull(),
    byteSize: integer().notNull(),
    uploadTokenHash: text().notNull(),
    uploadExpiresAt: at('upload_expires_at').notNull(),
    uploadedAt: at('uploaded_at'),
    sha256: text(),
    createdAt: recordedAt(),
  },
  (t) => [
    uniqueIndex('documents_upload_token_unique').on(t.uploadTokenHash),
    index('documents_claim_idx').on(t.claimId),
  ],
);

export const documentBlobs = pgTable('document_blobs', {
  documentId: uuid()
    .primaryKey()
    .references(() => documents.id),
  content: bytea().notNull(),
});

export type ClaimRow = typeof claims.$inferSelect;
export type NewClaim = typeof claims.$inferInsert;
export type ClaimEventRow = typeof claimEvents.$inferSelect;
export type NewClaimEvent = typeof claimEvents.$inferInsert;
export type DocumentRow = typeof documents.$inferSelect;
export type NewDocument = typeof documents.$inferInsert;
