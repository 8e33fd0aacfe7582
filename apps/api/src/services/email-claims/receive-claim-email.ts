// Claims by email, the terms' own process: a member mails their documents with the subject
// "Member ID+Order Number+Claim" (R20). Every transport that receives mail (the SMTP listener,
// POST /inbound/email) hands the raw message to receiveClaimEmail; it files the claim or adds
// the documents through the same use cases as the GraphQL API (fileClaim, addClaimDocuments,
// the upload checks), and answers the member once, through the outbox.
import { randomUUID } from 'node:crypto';
import {
  type ClaimRow,
  claims,
  type GuaranteeRow,
  guarantees,
  type InboundEmailOutcome,
  inboundEmails,
  type PackageRow,
  packages,
} from '@lg/db';
import type { Transaction } from '@lg/db/client';
import {
  attachmentDocumentKind,
  type ClaimStatus,
  claimTypeInText,
  type DocumentKind,
  messageLanguage,
  missingDocuments,
  OPEN_CLAIM_STATUSES,
  parseClaimSubject,
} from '@lg/domain';
import { and, asc, count, desc, eq, gt, inArray, min, sql } from 'drizzle-orm';
import type { App } from '../../app.js';
import { enqueueEvent } from '../../outbox/enqueue.js';
import type { AttachmentRefusal, EmailReplyJson } from '../../outbox/templates/types.js';
import { addClaimDocumentsWithin } from '../claims/add-claim-documents.js';
import { fileClaimWithin } from '../claims/file-claim.js';
import { type Claimant, documentKindsOf } from '../claims/store.js';
import {
  checkReceivedDocument,
  type ReceivedDocument,
  storeReceivedDocument,
} from '../documents/store-document.js';
import { Refused, type UserErrorShape } from '../outcome.js';
import { automaticReason } from './automatic-email.js';
import {
  checkSender,
  type DnsResolver,
  type SenderCheck,
  type SmtpEnvelope,
} from './check-sender.js';
import { MAX_ATTACHMENTS_PER_EMAIL, SENDER_WINDOW_MS } from './limits.js';
import { type InboundEmail, readInboundEmail } from './read-inbound-email.js';

export interface ClaimEmailSource {
  transport: 'smtp' | 'http';
  /** The SMTP session (client address, HELO, MAIL FROM); null for a forwarded message. */
  smtp: SmtpEnvelope | null;
  /** A storefront's own forwarding (its secret key): only its orders are looked at. */
  storefrontId: string | null;
}

export interface ClaimEmailOptions {
  /** DNS for SPF, DKIM and DMARC; Node's resolver when left out (tests pass a fake one). */
  resolver?: DnsResolver | undefined;
  /** This host's name, for SPF. */
  mta: string;
}

export type ClaimEmailReceipt =
  /** Over LG_INBOUND_EMAILS_PER_HOUR for its sender: nothing written; try again later. */
  | { status: 'RATE_LIMITED'; retryAfterSeconds: number }
  /** The same message (Message-ID and sender) was received before: nothing new written. */
  | { status: 'DUPLICATE'; outcome: InboundEmailOutcome }
  | {
      status: 'RECEIVED';
      outcome: InboundEmailOutcome;
      claim: { reference: string; status: ClaimStatus } | null;
      replied: boolean;
    };

interface Decision {
  outcome: InboundEmailOutcome;
  storefrontId: string | null;
  policyVersion: string | null;
  claim: ClaimRow | null;
  reply: EmailReplyJson | null;
}

const IMAGE_ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
};

/** Receives one raw message: decides, writes and queues its reply in one transaction. */
export async function receiveClaimEmail(
  app: App,
  raw: Buffer,
  source: ClaimEmailSource,
  options: ClaimEmailOptions,
): Promise<ClaimEmailReceipt> {
  const now = app.clock();
  const mail = await readInboundEmail(raw);
  const automatic = automaticReason({
    headers: mail.headers,
    from: mail.from,
    hops: mail.hops,
    envelopeSender: source.smtp ? source.smtp.mailFrom : null,
  });
  // DNS look-ups happen before the transaction: no lock is held while they wait.
  const sender: SenderCheck = automatic
    ? 'none'
    : await checkSender(raw, mail.from, source.smtp, {
        resolver: options.resolver,
        mta: options.mta,
        trustedAuthservId: app.config.inboundAuthservId,
      });

  const receipt = await app.db.transaction(async (tx): Promise<ClaimEmailReceipt> => {
    // One sender's messages are taken one at a time on every instance: the duplicate check
    // and the hourly count below can't be raced.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`lg_inbound_email:${mail.from}`}))`,
    );
    const [seen] = await tx
      .select({ outcome: inboundEmails.outcome })
      .from(inboundEmails)
      .where(
        and(eq(inboundEmails.sender, mail.from), eq(inboundEmails.messageKey, mail.messageKey)),
      );
    if (seen) return { status: 'DUPLICATE', outcome: seen.outcome };
    const since = new Date(now.getTime() - SENDER_WINDOW_MS);
    const [window] = await tx
      .select({ taken: count(), oldest: min(inboundEmails.receivedAt) })
      .from(inboundEmails)
      .where(and(eq(inboundEmails.sender, mail.from), gt(inboundEmails.receivedAt, since)));
    if ((window?.taken ?? 0) >= app.config.inboundEmailsPerHour) {
      const oldest = window?.oldest ? new Date(window.oldest).getTime() : now.getTime();
      const wait = Math.ceil((oldest + SENDER_WINDOW_MS - now.getTime()) / 1000);
      return { status: 'RATE_LIMITED', retryAfterSeconds: Math.max(1, wait) };
    }

    const decision: Decision = automatic
      ? {
          outcome: 'AUTOMATIC_IGNORED',
          storefrontId: null,
          policyVersion: null,
          claim: null,
          reply: null,
        }
      : await decide(tx, app, mail, sender, source, now);
    const id = randomUUID();
    let replyEventId: string | null = null;
    if (decision.reply && decision.storefrontId) {
      replyEventId = await enqueueEvent(
        tx,
        {
          storefrontId: decision.storefrontId,
          type: 'email.reply',
          aggregateId: id,
          data: { reply: decision.reply, policyVersion: decision.policyVersion },
          memberEmail: mail.from,
        },
        now,
      );
    }
    await tx.insert(inboundEmails).values({
      id,
      messageKey: mail.messageKey,
      sender: mail.from,
      transport: source.transport,
      outcome: decision.outcome,
      storefrontId: decision.storefrontId,
      claimId: decision.claim?.id ?? null,
      replyEventId,
      receivedAt: now,
    });
    // No address or subject in the log: they are the member's personal data.
    app.logger.info(
      {
        inboundEmail: id,
        transport: source.transport,
        outcome: decision.outcome,
        sender,
        automatic,
        replied: replyEventId !== null,
      },
      'claim email received',
    );
    return {
      status: 'RECEIVED',
      outcome: decision.outcome,
      claim: decision.claim
        ? { reference: decision.claim.reference, status: decision.claim.status }
        : null,
      replied: replyEventId !== null,
    };
  });
  if (receipt.status === 'DUPLICATE') {
    app.logger.info(
      { transport: source.transport },
      'claim email received again: already answered',
    );
  }
  return receipt;
}

async function decide(
  tx: Transaction,
  app: App,
  mail: InboundEmail,
  sender: SenderCheck,
  source: ClaimEmailSource,
  now: Date,
): Promise<Decision> {
  const reply: EmailReplyJson = {
    language: messageLanguage(`${mail.subject}\n${mail.text}`),
    answer: 'UNREADABLE_SUBJECT',
    subject: mail.subject,
    inReplyTo: mail.messageId,
    orderNumber: null,
    claim: null,
    refusal: null,
    trackingNumbers: [],
    accepted: [],
    rejected: [],
    maxAttachments: MAX_ATTACHMENTS_PER_EMAIL,
  };
  const silent = (outcome: InboundEmailOutcome): Decision => ({
    outcome,
    storefrontId: null,
    policyVersion: null,
    claim: null,
    reply: null,
  });
  // The From domain says this message is not its own: never act on it, never answer it.
  if (sender === 'fail') return silent('NOT_AUTHENTICATED');
  const inStorefront = source.storefrontId
    ? [eq(guarantees.storefrontId, source.storefrontId)]
    : [];
  const ownGuarantee = async () => {
    const [own] = await tx
      .select()
      .from(guarantees)
      .where(and(sql`lower(${guarantees.memberEmail}) = ${mail.from}`, ...inStorefront))
      .orderBy(desc(guarantees.purchasedAt))
      .limit(1);
    return own ?? null;
  };

  const subject = parseClaimSubject(mail.subject);
  if (!subject) {
    // Answered only when an authenticated member wrote: anyone else may be a forgery.
    const own = sender === 'pass' ? await ownGuarantee() : null;
    if (!own) return silent('UNREADABLE_SUBJECT');
    return {
      outcome: 'UNREADABLE_SUBJECT',
      storefrontId: own.storefrontId,
      policyVersion: null,
      claim: null,
      reply: { ...reply, answer: 'UNREADABLE_SUBJECT' },
    };
  }
  const candidates = await tx
    .select()
    .from(guarantees)
    .where(
      and(
        sql`lower(${guarantees.memberId}) = ${subject.memberId.toLowerCase()}`,
        sql`lower(${guarantees.orderNumber}) = ${subject.orderNumber.toLowerCase()}`,
        ...inStorefront,
      ),
    );
  const guarantee = candidates.find((g) => g.memberEmail.trim().toLowerCase() === mail.from);
  if (!guarantee) {
    // Someone other than the order's member: nothing is filed, and only an authenticated
    // sender hears so (no backscatter to a forged address).
    if (sender !== 'pass') return silent('NOT_THE_MEMBER');
    const storefrontId =
      source.storefrontId ??
      candidates[0]?.storefrontId ??
      (await ownGuarantee())?.storefrontId ??
      null;
    return {
      outcome: 'NOT_THE_MEMBER',
      storefrontId,
      policyVersion: null,
      claim: null,
      reply: { ...reply, answer: 'NOT_THE_MEMBER', orderNumber: subject.orderNumber },
    };
  }
  return decideForMember(
    tx,
    app,
    mail,
    guarantee,
    { ...reply, orderNumber: guarantee.orderNumber },
    now,
  );
}

async function decideForMember(
  tx: Transaction,
  app: App,
  mail: InboundEmail,
  guarantee: GuaranteeRow,
  reply: EmailReplyJson,
  now: Date,
): Promise<Decision> {
  const answer = (
    outcome: InboundEmailOutcome,
    changes: Partial<EmailReplyJson>,
    claim: ClaimRow | null = null,
  ): Decision => ({
    outcome,
    storefrontId: guarantee.storefrontId,
    policyVersion: guarantee.policyVersion,
    claim,
    reply: { ...reply, ...changes },
  });
  if (mail.attachments.length > MAX_ATTACHMENTS_PER_EMAIL) {
    return answer('REFUSED', { answer: 'TOO_MANY_ATTACHMENTS' });
  }
  const member: Claimant = {
    kind: 'member',
    storefrontId: guarantee.storefrontId,
    memberId: guarantee.memberId,
  };
  const pkgs = await tx
    .select()
    .from(packages)
    .where(eq(packages.guaranteeId, guarantee.id))
    .orderBy(asc(packages.trackingNumber));
  if (pkgs.length === 0) return answer('NEEDS_INFORMATION', { answer: 'NO_PACKAGE' });
  const open = await tx
    .select()
    .from(claims)
    .where(
      and(eq(claims.guaranteeId, guarantee.id), inArray(claims.status, [...OPEN_CLAIM_STATUSES])),
    );
  const words = `${mail.subject}\n${mail.text}`;
  const pkg = packageOf(pkgs, open, words.toLowerCase());
  if (!pkg) {
    return answer('NEEDS_INFORMATION', {
      answer: 'ASK_PACKAGE',
      trackingNumbers: pkgs.map((p) => p.trackingNumber),
    });
  }
  const openClaim = open.find((claim) => claim.packageId === pkg.id) ?? null;
  const { files, rejected } = sortAttachments(
    app,
    mail,
    openClaim ? await documentKindsOf(tx, openClaim.id) : [],
  );
  const accepted = files.map((file) => ({ fileName: file.fileName, kind: file.kind }));
  const describe = async (claim: ClaimRow) => ({
    reference: claim.reference,
    type: claim.type,
    status: claim.status,
    trackingNumber: pkg.trackingNumber,
    missingDocuments: missingDocuments(
      claim.type,
      await documentKindsOf(tx, claim.id),
      await app.policies.forGuarantee(guarantee, tx),
    ),
    dueAt: claim.dueAt?.toISOString() ?? null,
  });
  const refusal = (errors: UserErrorShape[]) => {
    const first = errors[0];
    return { code: first?.code ?? 'INVALID_INPUT', message: first?.message ?? 'refused' };
  };

  if (openClaim) {
    // A later mail with the same subject: its attachments go to the open claim.
    if (files.length === 0) {
      return answer(
        'STATUS_SENT',
        { answer: 'STATUS', rejected, claim: await describe(openClaim) },
        openClaim,
      );
    }
    const added = await inSavepoint(tx, async (sp) => {
      const ids = await storeAll(sp, guarantee, files, now);
      return addClaimDocumentsWithin(sp, app, member, openClaim.id, ids, now);
    });
    if (!added.ok) {
      return answer(
        'REFUSED',
        {
          answer: 'REFUSED',
          rejected,
          refusal: refusal(added.errors),
          claim: await describe(openClaim),
        },
        openClaim,
      );
    }
    return answer(
      'DOCUMENTS_ADDED',
      { answer: 'DOCUMENTS_ADDED', accepted, rejected, claim: await describe(added.value) },
      added.value,
    );
  }

  const type = claimTypeInText(words);
  if (!type) return answer('NEEDS_INFORMATION', { answer: 'ASK_CLAIM_TYPE', rejected });
  const filed = await inSavepoint(tx, async (sp) => {
    const ids = await storeAll(sp, guarantee, files, now);
    return fileClaimWithin(
      sp,
      app,
      member,
      {
        trackingNumber: pkg.trackingNumber,
        type,
        description: descriptionOf(mail),
        documentIds: ids,
      },
      now,
      // This mail's reply says everything the "claim received" email would.
      { notifyMember: false },
    );
  });
  if (!filed.ok)
    return answer('REFUSED', { answer: 'REFUSED', rejected, refusal: refusal(filed.errors) });
  return answer(
    'FILED',
    { answer: 'FILED', accepted, rejected, claim: await describe(filed.value) },
    filed.value,
  );
}

/**
 * The package a mail is about: the one whose tracking number it names, else the one with the
 * order's only open claim, else the order's only package; null when that leaves a choice.
 */
function packageOf(pkgs: PackageRow[], open: ClaimRow[], words: string): PackageRow | null {
  const named = pkgs.filter((p) => words.includes(p.trackingNumber.toLowerCase()));
  if (named.length > 0) return named.length === 1 ? (named[0] ?? null) : null;
  if (open.length === 1) return pkgs.find((p) => p.id === open[0]?.packageId) ?? null;
  return pkgs.length === 1 ? (pkgs[0] ?? null) : null;
}

/** The attachments as documents, each through the upload checks; the failing ones named. */
function sortAttachments(app: App, mail: InboundEmail, have: DocumentKind[]) {
  const files: ReceivedDocument[] = [];
  const rejected: { fileName: string; reason: AttachmentRefusal }[] = [];
  const kinds = [...have];
  for (const attachment of mail.attachments) {
    const contentType = IMAGE_ALIASES[attachment.contentType] ?? attachment.contentType;
    const kind = attachmentDocumentKind(attachment.fileName, contentType, kinds);
    const file: ReceivedDocument = {
      kind,
      fileName: attachment.fileName,
      contentType,
      content: new Uint8Array(
        attachment.content.buffer,
        attachment.content.byteOffset,
        attachment.content.length,
      ),
    };
    const check = checkReceivedDocument(app, file);
    if (check.ok) {
      files.push(file);
      kinds.push(kind);
    } else {
      rejected.push({
        fileName: attachment.fileName.slice(0, 255),
        reason: refusalOf(check.errors),
      });
    }
  }
  return { files, rejected };
}

function refusalOf(errors: UserErrorShape[]): AttachmentRefusal {
  const fields = errors.map((error) => error.field?.at(-1));
  if (fields.includes('contentType') || fields.includes('kind')) return 'TYPE';
  if (fields.includes('content')) return 'CONTENT';
  if (fields.includes('byteSize')) return 'SIZE';
  return 'NAME';
}

async function storeAll(
  tx: Transaction,
  guarantee: GuaranteeRow,
  files: ReceivedDocument[],
  now: Date,
): Promise<string[]> {
  const ids: string[] = [];
  for (const file of files) {
    ids.push(
      (await storeReceivedDocument(tx, guarantee.storefrontId, guarantee.memberId, file, now)).id,
    );
  }
  return ids;
}

/**
 * Runs a use case in a savepoint: a refusal (thrown or returned) undoes its writes, the
 * documents stored for it included, and the mail's own record and reply still commit.
 */
async function inSavepoint<T>(
  tx: Transaction,
  work: (
    sp: Transaction,
  ) => Promise<{ ok: true; value: T } | { ok: false; errors: UserErrorShape[] }>,
): Promise<{ ok: true; value: T } | { ok: false; errors: UserErrorShape[] }> {
  try {
    return await tx.transaction(async (sp) => {
      const outcome = await work(sp);
      if (!outcome.ok) throw new Refused(outcome.errors);
      return outcome;
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, errors: error.errors };
    throw error;
  }
}

/** The member's words as the claim's description (at most 5,000 characters, no control characters). */
function descriptionOf(mail: InboundEmail): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const text = mail.text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  return (text || mail.subject).slice(0, 5000);
}
