// Claims by email end to end: real messages, DKIM-signed with test keys and checked against a
// fake DNS, sent over SMTP (nodemailer to the listener) and over HTTP (POST /inbound/email).
// Each case asserts what was written (row counts) and the one reply queued, if any.
import { generateKeyPairSync } from 'node:crypto';
import { request } from 'node:http';
import {
  type ClaimRow,
  claims,
  deliveries,
  documentBlobs,
  documents,
  guarantees,
  inboundEmails,
  outboxEvents,
  packages,
} from '@lg/db';
import { count, eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttemptResult } from '../outbox/attempt-result.js';
import { createDispatcher } from '../outbox/dispatcher.js';
import type { MailMessage } from '../outbox/mailer.js';
import type { DnsResolver } from '../services/email-claims/check-sender.js';
import { MAX_EMAIL_BYTES } from '../services/email-claims/limits.js';
import { startTestApi, type TestApi, type TestStorefront } from '../test-support/harness.js';
import {
  guaranteedPackage,
  REGISTER_PACKAGE,
  recordEvent,
  sampleFile,
} from '../test-support/operations.js';

// ---- keys and DNS ----

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
}
const memberKey = keyPair();
const strangerKey = keyPair();
const forgerKey = keyPair();

const DNS: Record<string, string[][]> = {
  // The members' domain signs with DKIM and publishes DMARC p=reject; its SPF does not list
  // loopback, so its mail passes DMARC by its DKIM signature alone.
  's1._domainkey.member.example:TXT': [[`v=DKIM1; k=rsa; p=${memberKey.publicKey}`]],
  '_dmarc.member.example:TXT': [['v=DMARC1; p=reject']],
  'member.example:TXT': [['v=spf1 ip4:192.0.2.10 -all']],
  's1._domainkey.stranger.example:TXT': [[`v=DKIM1; k=rsa; p=${strangerKey.publicKey}`]],
  '_dmarc.stranger.example:TXT': [['v=DMARC1; p=reject']],
  'stranger.example:TXT': [['v=spf1 -all']],
};
const fakeDns: DnsResolver = async (name, type) => {
  const records = DNS[`${name.toLowerCase()}:${type}`];
  if (records) return records;
  throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' });
};

const ANN = 'ann@member.example';
const BOB = 'bob@member.example';
const STRANGER = 'eve@stranger.example';
/** A domain with no SPF, DKIM or DMARC records: its mail can be neither trusted nor refuted. */
const NOBODY = 'mallory@unlisted.example';

function dkimOf(
  address: string,
  key = address.endsWith('@stranger.example') ? strangerKey : memberKey,
) {
  return {
    domainName: address.split('@')[1] as string,
    keySelector: 's1',
    privateKey: key.privateKey,
  };
}

// ---- the mail ----

const PDF = sampleFile('application/pdf');
const JPEG = sampleFile('image/jpeg');
const ORDER_EMAIL = sampleFile('message/rfc822');
/** A Windows executable's first bytes, under a photo's name. */
const EXECUTABLE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0x90)]);

type Attachments = NonNullable<Mail.Options['attachments']>;
const invoice = { filename: 'invoice.pdf', content: PDF, contentType: 'application/pdf' };
const orderEmail = { filename: 'order.eml', content: ORDER_EMAIL, contentType: 'message/rfc822' };
const boxPhoto = { filename: 'box.jpg', content: JPEG, contentType: 'image/jpeg' };
const contentsPhoto = { filename: 'contents.jpg', content: JPEG, contentType: 'image/jpeg' };

interface Letter {
  from: string;
  subject: string;
  text: string;
  attachments?: Attachments;
  headers?: Record<string, string>;
  /** Sign with this key instead of the sender domain's own (a forgery). */
  dkimKey?: { privateKey: string };
  unsigned?: boolean;
}

function mailOptions(letter: Letter): Mail.Options {
  return {
    from: letter.from,
    to: 'claims@logistics-guarantee.local',
    subject: letter.subject,
    text: letter.text,
    attachments: letter.attachments ?? [],
    headers: letter.headers ?? {},
    ...(letter.unsigned
      ? {}
      : {
          dkim: letter.dkimKey
            ? { ...dkimOf(letter.from), privateKey: letter.dkimKey.privateKey }
            : dkimOf(letter.from),
        }),
  };
}

/** The raw RFC 822 bytes, signed as the letter says. */
async function rawMessage(letter: Letter): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const info = await transport.sendMail(mailOptions(letter));
  return info.message as Buffer;
}

// ---- the API ----

let api: TestApi;
let shop: TestStorefront;
let smtpPort: number;

beforeAll(async () => {
  api = await startTestApi({ env: { LG_INBOUND_SMTP_PORT: '0' }, dnsResolver: fakeDns });
  smtpPort = api.server.smtp?.port ?? 0;
  shop = await api.createStorefront();
  for (const address of [ANN, BOB, STRANGER, NOBODY]) api.secret(address);
});
afterAll(() => api.close());

/** Each message is received a second after the one before, so "the newest" is well defined. */
function tick() {
  api.clock.now = new Date(api.clock.now.getTime() + 1000);
}

/** Sends over SMTP to the listener; resolves with the server's answer. */
async function sendSmtp(letter: Letter, envelopeFrom = letter.from) {
  tick();
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  try {
    return await transport.sendMail({
      ...mailOptions(letter),
      envelope: { from: envelopeFrom, to: ['claims@logistics-guarantee.local'] },
    });
  } finally {
    transport.close();
  }
}

async function postEmail(
  raw: Buffer,
  credential: string | null = api.operatorKey,
  contentType = 'message/rfc822',
) {
  const response = await fetch(`${api.url}/inbound/email`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      ...(credential ? { authorization: `Bearer ${credential}` } : {}),
    },
    body: raw,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const TABLES = { claims, documents, documentBlobs, outboxEvents, deliveries, inboundEmails };
type Counts = Record<keyof typeof TABLES, number>;

async function counts(): Promise<Counts> {
  const result = {} as Counts;
  for (const [name, table] of Object.entries(TABLES)) {
    const [row] = await api.server.app.db.select({ n: count() }).from(table);
    result[name as keyof Counts] = row?.n ?? 0;
  }
  return result;
}

function grew(before: Counts, after: Counts): Partial<Counts> {
  const changed: Partial<Counts> = {};
  for (const name of Object.keys(before) as (keyof Counts)[]) {
    if (after[name] !== before[name]) changed[name] = after[name] - before[name];
  }
  return changed;
}

/** The claim on a package, found by its tracking number. */
async function claimOn(trackingNumber: string): Promise<ClaimRow | undefined> {
  const [row] = await api.server.app.db
    .select({ claim: claims })
    .from(claims)
    .innerJoin(packages, eq(packages.id, claims.packageId))
    .where(eq(packages.trackingNumber, trackingNumber));
  return row?.claim;
}

/** The newest inbound record. */
async function lastInbound() {
  const rows = await api.server.app.db.select().from(inboundEmails);
  return rows.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime()).at(-1);
}

/** Delivers the queued replies through the real email channel; returns what was sent. */
async function sentReplies(): Promise<MailMessage[]> {
  const sent: MailMessage[] = [];
  const mailer = {
    kind: 'file' as const,
    async send(message: MailMessage): Promise<AttemptResult> {
      sent.push(message);
      return { ok: true, statusCode: null, error: null, durationMs: 0 };
    },
    close() {},
  };
  const dispatcher = createDispatcher(api.server.app, { mailer, listen: false });
  await dispatcher.runUntilIdle();
  return sent;
}

/** A delivered package of an order guaranteed for `memberEmail`, delivered `hoursAgo`. */
async function deliveredPackage(memberId: string, memberEmail: string, hoursAgo = 2) {
  const pkg = await guaranteedPackage(api, shop, { memberId, memberEmail });
  const now = api.clock.now.getTime();
  await recordEvent(api, shop, pkg.trackingNumber, 'SHIPPED', new Date(now - 72 * 3600_000));
  await recordEvent(
    api,
    shop,
    pkg.trackingNumber,
    'DELIVERED',
    new Date(now - hoursAgo * 3600_000),
    {
      signedBy: 'Ann',
    },
  );
  return pkg;
}

describe('claims by email over SMTP', () => {
  it('files a damage claim with its invoice, order email and photos, and answers once (R13, R20)', async () => {
    const pkg = await deliveredPackage('M2001', ANN);
    // Drain the purchase's own emails, so only this mail's reply is looked at below.
    await sentReplies();
    const before = await counts();
    const answer = await sendSmtp({
      from: ANN,
      subject: `M2001 ＋ ${pkg.orderNumber} ＋ claim`,
      text: 'The vase arrived damaged: the neck is broken off.',
      attachments: [invoice, orderEmail, boxPhoto, contentsPhoto],
    });
    expect(answer.response).toMatch(/^250/);
    const after = await counts();
    expect(grew(before, after)).toEqual({
      claims: 1,
      documents: 4,
      documentBlobs: 4,
      outboxEvents: 2, // claim.filed (webhooks) and the reply
      deliveries: 1, // the reply: no webhook is configured, and no second "claim received" mail
      inboundEmails: 1,
    });
    const claim = await claimOn(pkg.trackingNumber);
    expect(claim).toMatchObject({
      type: 'DAMAGE',
      status: 'UNDER_REVIEW',
      reference: `M2001+${pkg.orderNumber}+Claim`,
      description: 'The vase arrived damaged: the neck is broken off.',
    });
    const docs = await api.server.app.db
      .select()
      .from(documents)
      .where(eq(documents.claimId, claim?.id ?? ''));
    expect(docs.map((d) => [d.fileName, d.kind]).sort()).toEqual([
      ['box.jpg', 'PACKAGING_PHOTO'],
      ['contents.jpg', 'CONTENTS_PHOTO'],
      ['invoice.pdf', 'PROOF_OF_PURCHASE'],
      ['order.eml', 'ORDER_NOTIFICATION_EMAIL'],
    ]);
    expect((await lastInbound())?.outcome).toBe('FILED');
    const replies = await sentReplies();
    expect(replies).toHaveLength(1);
    expect(replies[0]?.to).toBe(ANN);
    expect(replies[0]?.subject).toBe(`Re: M2001 ＋ ${pkg.orderNumber} ＋ claim`);
    expect(replies[0]?.inReplyTo).toMatch(/^<.+>$/);
    expect(replies[0]?.text).toContain(`M2001+${pkg.orderNumber}+Claim`);
    expect(replies[0]?.text).toContain('under review');
    expect(replies[0]?.text).toContain('keep all packaging');
  });

  it('completes a NEEDS_DOCUMENTS claim with a second mail of the same subject, answered in Chinese', async () => {
    const pkg = await deliveredPackage('M2002', ANN);
    const subject = `M2002+${pkg.orderNumber}+Claim`;
    await sentReplies();
    await sendSmtp({
      from: ANN,
      subject,
      text: '包裹到货时破损了，花瓶碎了。',
      attachments: [invoice],
    });
    const first = await claimOn(pkg.trackingNumber);
    expect(first?.status).toBe('NEEDS_DOCUMENTS');
    const firstReply = (await sentReplies())[0];
    expect(firstReply?.text).toContain('待补充材料');
    expect(firstReply?.text).toContain('订单通知邮件');

    const before = await counts();
    await sendSmtp({
      from: ANN,
      subject: `回复：${subject}`,
      text: '补充材料见附件。',
      attachments: [orderEmail, boxPhoto, contentsPhoto],
    });
    expect(grew(before, await counts())).toEqual({
      documents: 3,
      documentBlobs: 3,
      outboxEvents: 2, // claim.status_changed and the reply
      deliveries: 1,
      inboundEmails: 1,
    });
    const [completed] = await api.server.app.db
      .select()
      .from(claims)
      .where(eq(claims.id, first?.id ?? ''));
    expect(completed?.status).toBe('UNDER_REVIEW');
    expect(completed?.dueAt).not.toBeNull();
    expect((await lastInbound())?.outcome).toBe('DOCUMENTS_ADDED');
    const reply = (await sentReplies())[0];
    expect(reply?.text).toContain('审核中');
    expect(reply?.text).toContain('材料已齐全');
  });

  it("refuses a forged DKIM signature from the member's domain: nothing filed, no reply", async () => {
    const pkg = await deliveredPackage('M2003', ANN);
    const before = await counts();
    await sendSmtp({
      from: ANN,
      subject: `M2003+${pkg.orderNumber}+Claim`,
      text: 'damaged',
      attachments: [invoice],
      dkimKey: forgerKey,
    });
    expect(grew(before, await counts())).toEqual({ inboundEmails: 1 });
    expect((await lastInbound())?.outcome).toBe('NOT_AUTHENTICATED');
  });

  it('files nothing for a sender who is not the member, and answers only an authenticated one', async () => {
    const pkg = await deliveredPackage('M2004', ANN);
    const subject = `M2004+${pkg.orderNumber}+Claim`;
    let before = await counts();
    // Unsigned mail from a domain that publishes nothing: unauthenticated, so no reply.
    await sendSmtp({
      from: NOBODY,
      subject,
      text: 'damaged',
      attachments: [invoice],
      unsigned: true,
    });
    expect(grew(before, await counts())).toEqual({ inboundEmails: 1 });
    expect((await lastInbound())?.outcome).toBe('NOT_THE_MEMBER');

    // Unsigned mail from a domain whose DMARC policy refuses it: a forgery, never answered.
    before = await counts();
    await sendSmtp({
      from: STRANGER,
      subject,
      text: 'damaged',
      attachments: [invoice],
      unsigned: true,
    });
    expect(grew(before, await counts())).toEqual({ inboundEmails: 1 });
    expect((await lastInbound())?.outcome).toBe('NOT_AUTHENTICATED');

    await sentReplies();
    before = await counts();
    await sendSmtp({ from: STRANGER, subject, text: 'damaged', attachments: [invoice] });
    expect(grew(before, await counts())).toEqual({
      outboxEvents: 1,
      deliveries: 1,
      inboundEmails: 1,
    });
    const reply = (await sentReplies())[0];
    expect(reply?.to).toBe(STRANGER);
    expect(reply?.text).toContain('only from the email address the member gave');
  });

  it("refuses a subject naming another member's order, and tells the (authenticated) sender", async () => {
    const bobs = await deliveredPackage('M2005', BOB);
    await deliveredPackage('M2006', ANN);
    await sentReplies();
    const before = await counts();
    await sendSmtp({
      from: ANN,
      subject: `M2005+${bobs.orderNumber}+Claim`,
      text: 'damaged',
      attachments: [invoice],
    });
    expect(grew(before, await counts())).toEqual({
      outboxEvents: 1,
      deliveries: 1,
      inboundEmails: 1,
    });
    expect((await lastInbound())?.outcome).toBe('NOT_THE_MEMBER');
    const reply = (await sentReplies())[0];
    expect(reply?.to).toBe(ANN);
    expect(reply?.text).not.toContain(bobs.trackingNumber);
  });

  it('asks which package when the order has two and the mail names no tracking number', async () => {
    const pkg = await deliveredPackage('M2007', ANN);
    const [guarantee] = await api.server.app.db
      .select()
      .from(guarantees)
      .where(eq(guarantees.orderNumber, pkg.orderNumber));
    const second = `2ND${pkg.trackingNumber}`;
    const registered = await api.gql(
      REGISTER_PACKAGE,
      {
        input: {
          orderNumber: guarantee?.orderNumber,
          trackingNumber: second,
          declaredValue: { amount: '10.00', currencyCode: 'USD' },
          salePrice: { amount: '10.00', currencyCode: 'USD' },
          shippingFee: { amount: '5.00', currencyCode: 'USD' },
          estimatedWeightGrams: 500,
        },
      },
      shop.secretKey,
    );
    expect(JSON.stringify(registered.body)).not.toContain('"code"');
    await sentReplies();
    const before = await counts();
    await sendSmtp({
      from: ANN,
      subject: `M2007+${pkg.orderNumber}+Claim`,
      text: 'One parcel arrived damaged.',
      attachments: [invoice, boxPhoto],
    });
    expect(grew(before, await counts())).toEqual({
      outboxEvents: 1,
      deliveries: 1,
      inboundEmails: 1,
    });
    expect((await lastInbound())?.outcome).toBe('NEEDS_INFORMATION');
    const reply = (await sentReplies())[0];
    expect(reply?.text).toContain(pkg.trackingNumber);
    expect(reply?.text).toContain(second);
  });

  it('refuses a damage claim mailed more than 24 hours after delivery, in words (R14)', async () => {
    const pkg = await deliveredPackage('M2008', ANN, 30);
    await sentReplies();
    const before = await counts();
    await sendSmtp({
      from: ANN,
      subject: `M2008+${pkg.orderNumber}+Claim`,
      text: 'The lamp is damaged.',
      attachments: [invoice, boxPhoto],
    });
    expect(grew(before, await counts())).toEqual({
      outboxEvents: 1,
      deliveries: 1,
      inboundEmails: 1,
    });
    expect((await lastInbound())?.outcome).toBe('REFUSED');
    const reply = (await sentReplies())[0];
    expect(reply?.text).toContain('claims must be filed within 24 hours of delivery');
    expect(reply?.text).toContain('CLAIM_WINDOW_EXPIRED');
  });

  it('keeps the good attachments and names an executable renamed .jpg in the reply', async () => {
    const pkg = await deliveredPackage('M2009', ANN);
    await sentReplies();
    const before = await counts();
    await sendSmtp({
      from: ANN,
      subject: `M2009+${pkg.orderNumber}+Claim`,
      text: 'Items are damaged, photos attached.',
      attachments: [
        invoice,
        { filename: 'photo.jpg', content: EXECUTABLE, contentType: 'image/jpeg' },
        boxPhoto,
      ],
    });
    expect(grew(before, await counts())).toEqual({
      claims: 1,
      documents: 2,
      documentBlobs: 2,
      outboxEvents: 2,
      deliveries: 1,
      inboundEmails: 1,
    });
    const reply = (await sentReplies())[0];
    expect(reply?.text).toMatch(/photo\.jpg: its contents are not the kind of file/);
    expect(reply?.text).toContain('waiting for documents');
  });

  it('never answers an auto-reply, and writes nothing but its record', async () => {
    const pkg = await deliveredPackage('M2010', ANN);
    const before = await counts();
    await sendSmtp({
      from: ANN,
      subject: `M2010+${pkg.orderNumber}+Claim`,
      text: 'I am out of the office (damaged lines).',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(grew(before, await counts())).toEqual({ inboundEmails: 1 });
    expect((await lastInbound())?.outcome).toBe('AUTOMATIC_IGNORED');
  });

  it('never answers a bounce (null sender)', async () => {
    const before = await counts();
    await sendSmtp(
      { from: ANN, subject: 'Undelivered Mail Returned to Sender', text: 'bounce' },
      '',
    );
    expect(grew(before, await counts())).toEqual({ inboundEmails: 1 });
    expect((await lastInbound())?.outcome).toBe('AUTOMATIC_IGNORED');
  });

  it('refuses a message over 25 MB through SMTP SIZE', async () => {
    const before = await counts();
    await expect(
      sendSmtp({
        from: ANN,
        subject: 'M1+SO-1+Claim',
        text: 'big',
        attachments: [{ filename: 'big.pdf', content: Buffer.alloc(MAX_EMAIL_BYTES, 0x25) }],
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(grew(before, await counts())).toEqual({});
  });
});

describe('claims by email over HTTP (POST /inbound/email)', () => {
  it('files a claim from a forwarded raw message and answers a repeat as a duplicate', async () => {
    const pkg = await deliveredPackage('M3001', ANN);
    const raw = await rawMessage({
      from: ANN,
      subject: `M3001+${pkg.orderNumber}+Claim`,
      text: `Two items are missing from parcel ${pkg.trackingNumber}.`,
      attachments: [invoice, orderEmail],
    });
    const before = await counts();
    const first = await postEmail(raw, shop.secretKey);
    expect(first).toMatchObject({
      status: 200,
      body: {
        duplicate: false,
        outcome: 'FILED',
        claim: { reference: `M3001+${pkg.orderNumber}+Claim`, status: 'NEEDS_DOCUMENTS' },
        replied: true,
      },
    });
    const afterFirst = await counts();
    expect(grew(before, afterFirst)).toMatchObject({ claims: 1, documents: 2, inboundEmails: 1 });
    const claim = await claimOn(pkg.trackingNumber);
    expect(claim?.type).toBe('PARTIAL_LOSS');

    // The same message again (a retry, a second forward): recognised, nothing written, no reply.
    const again = await postEmail(raw, api.operatorKey);
    expect(again).toMatchObject({ status: 200, body: { duplicate: true, outcome: 'FILED' } });
    expect(grew(afterFirst, await counts())).toEqual({});
  });

  it("keeps a storefront's forwarding to its own orders", async () => {
    const other = await api.createStorefront();
    const pkg = await deliveredPackage('M3002', ANN);
    const before = await counts();
    const answer = await postEmail(
      await rawMessage({ from: ANN, subject: `M3002+${pkg.orderNumber}+Claim`, text: 'damaged' }),
      other.secretKey,
    );
    expect(answer.body).toMatchObject({ outcome: 'NOT_THE_MEMBER', claim: null });
    expect(grew(before, await counts())).toEqual({
      inboundEmails: 1,
      outboxEvents: 1,
      deliveries: 1,
    });
  });

  it('refuses a missing or wrong credential, another content type and a body over 25 MB', async () => {
    const raw = await rawMessage({ from: ANN, subject: 'M1+SO-1+Claim', text: 'damaged' });
    const before = await counts();
    expect((await postEmail(raw, null)).status).toBe(401);
    expect((await postEmail(raw, 'sk_test_not_a_key_at_all_0000000000')).status).toBe(401);
    expect((await postEmail(raw, shop.publishableKey)).status).toBe(403);
    const wrongType = await postEmail(raw, api.operatorKey, 'text/plain');
    expect(wrongType).toMatchObject({
      status: 415,
      body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE' } },
    });
    const tooLarge = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${api.url}/inbound/email`);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            authorization: `Bearer ${api.operatorKey}`,
            'content-type': 'message/rfc822',
            'content-length': String(MAX_EMAIL_BYTES + 1),
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('From: x@y\r\n');
    });
    expect(tooLarge).toBe(413);
    expect(grew(before, await counts())).toEqual({});
  });
});

describe('the SMTP listener', () => {
  it('is closed with the server', async () => {
    const other = await startTestApi({ env: { LG_INBOUND_SMTP_PORT: '0' }, dnsResolver: fakeDns });
    const port = other.server.smtp?.port;
    expect(port).toBeGreaterThan(0);
    await other.close();
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, ignoreTLS: true });
    await expect(transport.verify()).rejects.toMatchObject({ code: 'ESOCKET' });
  });
});
