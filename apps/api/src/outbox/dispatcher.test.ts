import { outboxEvents } from '@lg/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idOf } from '../graphql/global-id.js';
import { startTestApi, type TestApi, type TestStorefront } from '../test-support/harness.js';
import { CANCEL, purchase } from '../test-support/operations.js';
import { MAX_ATTEMPTS } from './backoff.js';
import { Dispatcher } from './dispatcher.js';
import {
  approveAndPay,
  fileLossClaim,
  type Receiver,
  rejectClaim,
  type SmtpSink,
  signedWith,
  startReceiver,
  startSmtpServer,
  webhookLog,
} from './test-flows.js';

let api: TestApi;
let smtp: SmtpSink;
let dispatcher: Dispatcher;
const receivers: Receiver[] = [];

/** A storefront with a webhook receiver of its own. */
async function shopWithReceiver(): Promise<{ shop: TestStorefront; receiver: Receiver }> {
  const receiver = await startReceiver();
  receivers.push(receiver);
  const shop = await api.createStorefront({ webhookUrl: receiver.url });
  return { shop, receiver };
}

function advance(ms: number): void {
  api.clock.now = new Date(api.clock.now.getTime() + ms);
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  api = await startTestApi({ env: { SMTP_URL: smtp.url } });
  // The middle of the jitter range: retries fall due exactly on the documented schedule.
  dispatcher = new Dispatcher(api.server.app, { random: () => 0.5, listen: false });
});
afterAll(async () => {
  await dispatcher.stop();
  await api.close();
  await Promise.all(receivers.map((receiver) => receiver.close()));
  await smtp.close();
});

describe('webhooks and member emails for a claim (R19)', () => {
  it('delivers every event signed and in order, and emails the member at each step over SMTP', async () => {
    const { shop, receiver } = await shopWithReceiver();
    const memberEmail = 'member.r19@example.com';
    api.secret(memberEmail);
    const rejected = await fileLossClaim(api, shop, { memberId: 'M2001' });
    await rejectClaim(api, rejected.claimId, ['NATURAL_DISASTER', 'NO_SIGNATURE']);
    const paid = await fileLossClaim(api, shop, { memberId: 'M2002', withDocuments: true });
    expect(paid.status).toBe('UNDER_REVIEW');
    await approveAndPay(api, paid.claimId, 'PAY-2002');
    const smtpBefore = smtp.messages.length;

    const summary = await dispatcher.runUntilIdle();
    expect(summary.failed + summary.dead).toBe(0);

    // Webhooks: each signed with the storefront's secret, the event id in a header and the body.
    expect(receiver.received.every((hook) => signedWith(hook, shop.webhookSecret))).toBe(true);
    expect(receiver.received.every((hook) => hook.headers['lg-event-id'] === hook.event.id)).toBe(
      true,
    );
    const typesFor = (claimId: string) =>
      receiver.received
        .filter((hook) => hook.event.data.id === claimId)
        .map((hook) => hook.event.type);
    expect(typesFor(rejected.claimId)).toEqual([
      'claim.filed',
      'claim.status_changed',
      'claim.completed',
    ]);
    expect(typesFor(paid.claimId)).toEqual([
      'claim.filed',
      'claim.status_changed',
      'claim.status_changed',
      'claim.completed',
    ]);
    const completed = receiver.received.find(
      (hook) => hook.event.type === 'claim.completed' && hook.event.data.id === rejected.claimId,
    );
    expect(completed?.event).toMatchObject({
      type: 'claim.completed',
      data: {
        reference: rejected.reference,
        status: 'REJECTED',
        decision: { outcome: 'REJECT', reasonCodes: ['NATURAL_DISASTER', 'NO_SIGNATURE'] },
      },
    });
    expect(Object.keys(completed?.event ?? {})).toEqual(['id', 'type', 'createdAt', 'data']);
    expect(
      receiver.received.filter((hook) => hook.event.type === 'guarantee.purchased'),
    ).toHaveLength(2);

    // Emails: a receipt, "claim received" and the outcome for each member, through real SMTP.
    const mails = smtp.messages.slice(smtpBefore);
    const about = (reference: string) =>
      mails.filter((mail) => mail.message.subject.startsWith(reference));
    const [filedMail, rejectedMail] = about(rejected.reference);
    expect(filedMail?.message.subject).toBe(`${rejected.reference} — claim received`);
    expect(filedMail?.message.text).toContain('Proof of purchase');
    expect(filedMail?.message.text).toContain('Please keep all packaging and contents');
    expect(filedMail?.message.html).toContain('Please keep all packaging and contents');
    expect(filedMail?.to).toEqual(['member1042@example.com']);
    expect(rejectedMail?.message.subject).toBe(`${rejected.reference} — claim not approved`);
    expect(rejectedMail?.message.text).toContain(
      'Natural disaster: Damage or loss caused during transport',
    );
    expect(rejectedMail?.message.text).toContain(
      'No signature: The package was delivered without a signature.',
    );

    const [paidFiled, paidMail] = about(paid.reference);
    expect(paidFiled?.message.text).toContain(
      'All documents are in. You will have our decision by',
    );
    expect(paidMail?.message.subject).toBe(`${paid.reference} — claim paid`);
    expect(paidMail?.message.text).toContain('We have paid $130.00');
    expect(paidMail?.message.text).toContain('PAY-2002');

    const receipts = mails.filter((mail) =>
      mail.message.subject.startsWith('Your Logistics Guarantee'),
    );
    expect(receipts.map((mail) => mail.message.subject).sort()).toEqual(
      [rejected.orderNumber, paid.orderNumber]
        .map((order) => `Your Logistics Guarantee for order ${order}`)
        .sort(),
    );
    expect(receipts[0]?.message.text).toContain('$30.00');
    expect(receipts[0]?.message.text).toContain('2026-11');
    // No member email for status changes: only purchase, filing and completion (R19).
    expect(mails).toHaveLength(6);
  });

  it('R2: sends guarantee.cancelled with the refund to the storefront and emails the member', async () => {
    const { shop, receiver } = await shopWithReceiver();
    const { guarantee } = await purchase(api, shop);
    await dispatcher.runUntilIdle();
    const before = smtp.messages.length;
    await api.gql(CANCEL, { input: { guaranteeId: guarantee?.id } }, shop.secretKey);
    await dispatcher.runUntilIdle();
    expect(receiver.received.map((hook) => hook.event.type)).toEqual([
      'guarantee.purchased',
      'guarantee.cancelled',
    ]);
    expect(
      (receiver.received[1]?.event as { data?: { refund?: unknown } } | undefined)?.data?.refund,
    ).toEqual({ amount: '30.00', currencyCode: 'USD' });
    const sent = smtp.messages.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.message.subject).toBe(
      `Guarantee cancelled for order ${guarantee?.orderNumber}: fee refunded`,
    );
    expect(sent[0]?.message.text).toContain('$30.00');
  });

  it('writes no event when the change is refused (the outbox commits with the change or not at all)', async () => {
    const { shop } = await shopWithReceiver();
    const { input } = await purchase(api, shop);
    const count = async () =>
      (
        await api.server.app.db
          .select()
          .from(outboxEvents)
          .where(eq(outboxEvents.storefrontId, idOf('Storefront', shop.id) as string))
      ).length;
    const before = await count();
    const again = await purchase(api, shop, { orderNumber: input.orderNumber });
    expect(again.result.body.data?.purchaseGuarantee.userErrors[0]?.code).toBe(
      'ORDER_ALREADY_GUARANTEED',
    );
    expect(await count()).toBe(before);
    await dispatcher.runUntilIdle();
  });
});

describe('retries', () => {
  it('a receiver failing twice then answering 2xx gets the event once as 2xx; the log shows three attempts', async () => {
    const { shop, receiver } = await shopWithReceiver();
    receiver.answer = ({ count }) => (count <= 2 ? 500 : 200);
    const { guarantee } = await purchase(api, shop);

    await dispatcher.runUntilIdle();
    let [delivery] = await webhookLog(api, shop.secretKey);
    expect(delivery).toMatchObject({ status: 'PENDING', attemptCount: 1, lastStatusCode: 500 });
    // 30 s after the first failure (jitter pinned to the middle), not before.
    advance(29_000);
    expect((await dispatcher.runUntilIdle()).claimed).toBe(0);
    advance(1_000);
    await dispatcher.runUntilIdle();
    advance(2 * 60_000);
    await dispatcher.runUntilIdle();

    expect(receiver.received.map((hook) => hook.status)).toEqual([500, 500, 200]);
    expect(receiver.accepted()).toHaveLength(1);
    expect(new Set(receiver.received.map((hook) => hook.event.id)).size).toBe(1);
    expect(receiver.received.map((hook) => hook.headers['lg-delivery-attempt'])).toEqual([
      '1',
      '2',
      '3',
    ]);
    [delivery] = await webhookLog(api, shop.secretKey);
    expect(delivery).toMatchObject({
      eventType: 'guarantee.purchased',
      status: 'DELIVERED',
      attemptCount: 3,
      lastStatusCode: 200,
      nextAttemptAt: null,
    });
    expect(delivery?.attempts.map((a) => [a.attempt, a.statusCode, a.ok])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 200, true],
    ]);
    expect(JSON.parse(delivery?.payload ?? '{}').data.id).toBe(guarantee?.id);
  });

  it(`dead-letters after ${MAX_ATTEMPTS} attempts over more than a day; the dead letter is listed and redeliverable`, async () => {
    const { shop, receiver } = await shopWithReceiver();
    receiver.answer = () => 503;
    await purchase(api, shop);
    const started = api.clock.now.getTime();
    for (let round = 0; round < MAX_ATTEMPTS + 2; round += 1) {
      await dispatcher.runUntilIdle();
      const [delivery] = await webhookLog(api, shop.secretKey);
      if (delivery?.status !== 'PENDING') break;
      api.clock.now = new Date(delivery.nextAttemptAt as string);
    }
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
    const lastAttemptAt = receiver.received.length && api.clock.now.getTime();
    expect(lastAttemptAt - started).toBeGreaterThanOrEqual(24 * 3_600_000);

    const dead = await webhookLog(api, shop.secretKey, { filter: { status: ['DEAD'] } });
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({
      status: 'DEAD',
      attemptCount: MAX_ATTEMPTS,
      nextAttemptAt: null,
      lastStatusCode: 503,
    });
    expect(await webhookLog(api, shop.secretKey, { filter: { status: ['PENDING'] } })).toEqual([]);

    receiver.answer = () => 200;
    const REDELIVER = `mutation($input: RedeliverWebhookInput!) { redeliverWebhook(input: $input) {
      webhookDelivery { id status redeliveryOf eventId } userErrors { code message field } } }`;
    const redelivered = await api.gql<{
      redeliverWebhook: {
        webhookDelivery: {
          id: string;
          status: string;
          redeliveryOf: string;
          eventId: string;
        } | null;
        userErrors: { code: string }[];
      };
    }>(REDELIVER, { input: { deliveryId: dead[0]?.id } }, shop.secretKey);
    expect(redelivered.body.data?.redeliverWebhook.webhookDelivery).toMatchObject({
      status: 'PENDING',
      redeliveryOf: dead[0]?.id,
      eventId: dead[0]?.eventId,
    });
    const twice = await api.gql<{ redeliverWebhook: { userErrors: { code: string }[] } }>(
      REDELIVER,
      { input: { deliveryId: dead[0]?.id } },
      shop.secretKey,
    );
    expect(twice.body.data?.redeliverWebhook.userErrors[0]?.code).toBe('INVALID_TRANSITION');

    await dispatcher.runUntilIdle();
    expect(receiver.accepted()).toHaveLength(1);
    expect(receiver.accepted()[0]?.event.id).toBe(dead[0]?.eventId);
    const log = await webhookLog(api, shop.secretKey);
    expect(log.map((d) => d.status)).toEqual(['DELIVERED', 'DEAD']);
  });

  it('sends pending retries to the URL as it is now, signed with the secret as it is now', async () => {
    const { shop, receiver: first } = await shopWithReceiver();
    const second = await startReceiver();
    receivers.push(second);
    first.answer = () => 500;
    await purchase(api, shop);
    await dispatcher.runUntilIdle();
    expect(first.received).toHaveLength(1);

    const UPDATE = `mutation($input: UpdateStorefrontInput!) { updateStorefront(input: $input) {
      storefront { id webhookUrl } userErrors { code field } } }`;
    const bad = await api.gql<{ updateStorefront: { userErrors: { code: string }[] } }>(
      UPDATE,
      { input: { webhookUrl: 'ftp://nope' } },
      shop.secretKey,
    );
    expect(bad.body.data?.updateStorefront.userErrors[0]?.code).toBe('INVALID_INPUT');
    const updated = await api.gql<{ updateStorefront: { storefront: { webhookUrl: string } } }>(
      UPDATE,
      { input: { webhookUrl: second.url } },
      shop.secretKey,
    );
    expect(updated.body.data?.updateStorefront.storefront.webhookUrl).toBe(second.url);

    const ROTATE = `mutation { rotateWebhookSecret { storefront { id } webhookSecret userErrors { code } } }`;
    const rotated = await api.gql<{ rotateWebhookSecret: { webhookSecret: string } }>(
      ROTATE,
      {},
      shop.secretKey,
    );
    const newSecret = api.secret(rotated.body.data?.rotateWebhookSecret.webhookSecret as string);
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(shop.webhookSecret);

    advance(30_000);
    await dispatcher.runUntilIdle();
    expect(second.accepted()).toHaveLength(1);
    const [hook] = second.accepted();
    // For a day after the rotation the previous secret signs too: a receiver still checking
    // it accepts the delivery while it is switched over.
    expect(hook && signedWith(hook, newSecret)).toBe(true);
    expect(hook && signedWith(hook, shop.webhookSecret)).toBe(true);
    expect(String(hook?.headers['lg-signature']).match(/v1=/g)).toHaveLength(2);
    const [delivery] = await webhookLog(api, shop.secretKey);
    expect(delivery?.attempts.map((a) => a.url)).toEqual([first.url, second.url]);
    expect(delivery?.url).toBe(second.url);

    // Past the grace period, the new secret alone.
    advance(24 * 60 * 60 * 1000);
    second.answer = () => 200;
    await purchase(api, shop);
    await dispatcher.runUntilIdle();
    const latest = second.accepted().at(-1);
    expect(latest && signedWith(latest, newSecret)).toBe(true);
    expect(latest && signedWith(latest, shop.webhookSecret)).toBe(false);
  });
});
