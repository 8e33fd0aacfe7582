// The bounds of claims by email: messages per sender per hour, counted in the database so two
// instances agree; attachments per message; and the listener's place in the server's shutdown.
import { connect } from 'node:net';
import { claims, documents, inboundEmails, outboxEvents } from '@lg/db';
import { count } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DnsResolver } from '../services/email-claims/check-sender.js';
import { MAX_ATTACHMENTS_PER_EMAIL } from '../services/email-claims/limits.js';
import { startTestApi, type TestApi } from '../test-support/harness.js';
import { startTwoInstances, type TestInstances } from '../test-support/instances.js';
import { guaranteedPackage, recordEvent, sampleFile } from '../test-support/operations.js';

/** A DNS that knows nothing: every sender is unverifiable (neither pass nor fail). */
const emptyDns: DnsResolver = async (name) => {
  throw Object.assign(new Error(`no record for ${name}`), { code: 'ENOTFOUND' });
};

const SENDER = 'busy@unlisted.example';

function send(
  port: number,
  message: {
    from: string;
    subject: string;
    text: string;
    attachments?: Mail.Options['attachments'];
  },
) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, ignoreTLS: true });
  return transport
    .sendMail({ ...message, to: 'claims@logistics-guarantee.local' })
    .finally(() => transport.close());
}

async function raw(message: { from: string; subject: string; text: string }): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return (await transport.sendMail({ ...message, to: 'claims@logistics-guarantee.local' }))
    .message as Buffer;
}

describe('messages per sender per hour (LG_INBOUND_EMAILS_PER_HOUR)', () => {
  let fleet: TestInstances;
  beforeAll(async () => {
    fleet = await startTwoInstances(
      { LG_INBOUND_SMTP_PORT: '0', LG_INBOUND_EMAILS_PER_HOUR: '2' },
      { dnsResolver: emptyDns },
    );
    fleet.a.secret(SENDER);
  });
  afterAll(() => fleet.close());

  it('is one count on every instance: over it, SMTP answers 452 and HTTP 429, and nothing is written', async () => {
    const { a, b } = fleet;
    const portA = a.server.smtp?.port ?? 0;
    const mail = (n: number) => ({ from: SENDER, subject: `Question ${n}`, text: 'Hello' });
    const rows = async () =>
      (await a.server.app.db.select({ n: count() }).from(inboundEmails))[0]?.n;

    await send(portA, mail(1));
    const second = await fetch(`${b.url}/inbound/email`, {
      method: 'POST',
      headers: { authorization: `Bearer ${b.operatorKey}`, 'content-type': 'message/rfc822' },
      body: await raw(mail(2)),
    });
    expect(second.status).toBe(200);
    expect(await rows()).toBe(2);

    await expect(send(portA, mail(3))).rejects.toMatchObject({ responseCode: 452 });
    const fourth = await fetch(`${b.url}/inbound/email`, {
      method: 'POST',
      headers: { authorization: `Bearer ${b.operatorKey}`, 'content-type': 'message/rfc822' },
      body: await raw(mail(4)),
    });
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await rows()).toBe(2);

    // An hour later the sender is heard again.
    for (const api of [a, b]) api.clock.now = new Date(api.clock.now.getTime() + 61 * 60_000);
    await send(portA, mail(5));
    expect(await rows()).toBe(3);
  });
});

describe('attachments per message and shutdown', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ env: { LG_INBOUND_SMTP_PORT: '0' }, dnsResolver: emptyDns });
  });
  afterAll(() => api.close());

  it(`refuses a mail with more than ${MAX_ATTACHMENTS_PER_EMAIL} attachments: nothing filed, the member told`, async () => {
    const shop = await api.createStorefront();
    const member = api.secret('many@unlisted.example');
    const pkg = await guaranteedPackage(api, shop, { memberId: 'M4001', memberEmail: member });
    const now = api.clock.now.getTime();
    await recordEvent(api, shop, pkg.trackingNumber, 'SHIPPED', new Date(now - 72 * 3600_000));
    await recordEvent(api, shop, pkg.trackingNumber, 'DELIVERED', new Date(now - 3600_000), {
      signedBy: 'M',
    });
    const tables = [claims, documents, outboxEvents] as const;
    const before = await Promise.all(
      tables.map(async (t) => (await api.server.app.db.select({ n: count() }).from(t))[0]?.n),
    );
    await send(api.server.smtp?.port ?? 0, {
      from: member,
      subject: `M4001+${pkg.orderNumber}+Claim`,
      text: 'damaged',
      attachments: Array.from({ length: MAX_ATTACHMENTS_PER_EMAIL + 1 }, (_, i) => ({
        filename: `photo-${i}.jpg`,
        content: sampleFile('image/jpeg'),
        contentType: 'image/jpeg',
      })),
    });
    const after = await Promise.all(
      tables.map(async (t) => (await api.server.app.db.select({ n: count() }).from(t))[0]?.n),
    );
    // No claim, no document; one event: the reply.
    expect(after).toEqual([before[0], before[1], (before[2] ?? 0) + 1]);
    const [inbound] = await api.server.app.db.select().from(inboundEmails);
    expect(inbound).toMatchObject({ outcome: 'REFUSED' });
    expect(inbound?.replyEventId).not.toBeNull();
  });

  it('closes the SMTP listener with the server, cutting a session left open', async () => {
    const other = await startTestApi({ env: { LG_INBOUND_SMTP_PORT: '0' }, dnsResolver: emptyDns });
    const port = other.server.smtp?.port ?? 0;
    // A client that connects and then says nothing: the shutdown must not wait for it forever.
    const idle = connect(port, '127.0.0.1');
    const closedByServer = new Promise<void>((resolve) => idle.on('close', () => resolve()));
    await new Promise<void>((resolve) => idle.once('data', () => resolve()));
    await other.close();
    await closedByServer;
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, ignoreTLS: true });
    await expect(transport.verify()).rejects.toMatchObject({ code: 'ESOCKET' });
  });
});
