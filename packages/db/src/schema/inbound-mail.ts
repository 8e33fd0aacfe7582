// Claims by email: every inbound message the API took in, once. The row is written in the
// transaction that files or refuses the claim and queues the reply, so a message delivered
// twice (an SMTP retry, the same mail forwarded again) is recognised and never answered twice,
// and the per-sender hourly limit is counted here, where every instance sees the same count.
import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { storefronts } from './accounts.js';
import { claims } from './claims.js';
import { recordedAt } from './columns.js';

/** How the API answered a message (apps/api services/email-claims). */
export const INBOUND_EMAIL_OUTCOMES = [
  'FILED',
  'DOCUMENTS_ADDED',
  'STATUS_SENT',
  'NEEDS_INFORMATION',
  'REFUSED',
  'NOT_THE_MEMBER',
  'NOT_AUTHENTICATED',
  'UNREADABLE_SUBJECT',
  'AUTOMATIC_IGNORED',
] as const;

export const inboundEmails = pgTable(
  'inbound_emails',
  {
    id: uuid().primaryKey(),
    // The Message-ID header, or `sha256:<hex>` of the raw message when it has none.
    messageKey: text().notNull(),
    // The From address, lower-cased ('' when there is none): the rate limit's key.
    sender: text().notNull(),
    transport: text({ enum: ['smtp', 'http'] }).notNull(),
    outcome: text({ enum: INBOUND_EMAIL_OUTCOMES }).notNull(),
    storefrontId: uuid().references(() => storefronts.id),
    claimId: uuid().references(() => claims.id),
    // The outbox event carrying the reply; null when the message was not answered.
    replyEventId: uuid(),
    receivedAt: recordedAt('received_at'),
  },
  (t) => [
    uniqueIndex('inbound_emails_message_unique').on(t.sender, t.messageKey),
    index('inbound_emails_sender_idx').on(t.sender, t.receivedAt),
  ],
);

export type InboundEmailRow = typeof inboundEmails.$inferSelect;
export type InboundEmailOutcome = (typeof INBOUND_EMAIL_OUTCOMES)[number];
