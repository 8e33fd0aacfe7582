import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { POLICY_2026_11 } from '@lg/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { EventStream } from '../test-support/event-stream.js';
import {
  type Answer,
  acknowledged,
  errorCodes,
  gql,
  PURCHASE,
  quotedPurchase,
} from './api-client.js';
import {
  buy,
  cancel,
  createFleetShop,
  deliveredBy,
  Fleet,
  type FleetShop,
  pollUntil,
} from './fleet.js';
import { WebhookReceiver } from './webhook-receiver.js';

// Two built API processes (production mode) on one PostgreSQL database, each with its own
// dispatcher, as a deployment of N instances runs them: what one of them (or the operator's
// CLI beside them) changes, the other must act on at once, and work they share is done once.
const baseUrl = process.env.DATABASE_URL;

const POLICY = '{ policy { version } }';
const QUOTE = `mutation($input: QuoteGuaranteeInput!) { quoteGuarantee(input: $input) {
  quote { token policyVersion fee { amount } productValue { amount currencyCode } }
  userErrors { code } } }`;
const CLAIMS = '{ claims(first: 1) { edges { node { id } } } }';
const HOUR = 3_600_000;

interface QuoteView {
  token: string;
  policyVersion: string;
  fee: { amount: string };
  productValue: { amount: string; currencyCode: string };
}

async function quote(url: string, shop: FleetShop, unitPrice: string): Promise<QuoteView> {
  const answer = await gql(
    url,
    QUOTE,
    { input: { currencyCode: 'USD', lines: [{ unitPrice, quantity: 1 }] } },
    shop.publishableKey,
  );
  const quoted = (answer.body.data?.quoteGuarantee as { quote: QuoteView | null } | undefined)
    ?.quote;
  if (!quoted) throw new Error(`quoteGuarantee: ${JSON.stringify(answer.body)}`);
  return quoted;
}

function refusedAsUnauthenticated(answer: Answer): boolean {
  return answer.status === 401 && errorCodes(answer).includes('UNAUTHENTICATED');
}

describe.skipIf(!baseUrl)(
  `two API processes and two dispatchers on one database (${baseUrl ? 'PostgreSQL' : 'skipped: PostgreSQL fault tests run when DATABASE_URL is set'})`,
  () => {
    let fleet: Fleet | undefined;
    let receiver: WebhookReceiver | undefined;

    afterEach(async () => {
      await receiver?.close();
      await fleet?.close();
      receiver = undefined;
      fleet = undefined;
    }, 60_000);

    async function startBoth() {
      fleet = await Fleet.create(baseUrl as string);
      const [a, b] = await Promise.all([fleet.start('a'), fleet.start('b')]);
      return { fleet, a, b };
    }

    it('makes one guarantee from 20 concurrent purchases with one idempotency key, split across both', async () => {
      const { fleet, a, b } = await startBoth();
      const shop = await createFleetShop(a.url, fleet.operatorKey);
      const input = await quotedPurchase(a.url, shop, 'SO-ONCE', randomUUID());

      // All at once: ten to each process, the same request under the same key.
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          gql(n % 2 === 0 ? a.url : b.url, PURCHASE, { input }, shop.secretKey),
        ),
      );
      const named = answers.map(
        (answer) => acknowledged(answer)?.id ?? `refused: ${JSON.stringify(answer.body)}`,
      );
      const [counts] = await fleet.query<{ guarantees: number; keys: number; events: number }>(
        `select (select count(*)::int from guarantees) as guarantees,
                (select count(*)::int from idempotency_keys) as keys,
                (select count(*)::int from outbox_events where type = 'guarantee.purchased') as events`,
      );
      console.info(
        `20 same-key purchases on 2 processes named ${new Set(named).size} guarantee(s)`,
      );
      expect(named[0]).toMatch(/^[A-Za-z0-9+/=_-]+$/);
      expect(named).toEqual(Array.from({ length: 20 }, () => named[0]));
      expect(counts).toEqual({ guarantees: 1, keys: 1, events: 1 });
    }, 120_000);

    it('uses, on both processes, a policy version published beside them with `pnpm lg policy publish`', async () => {
      const { fleet, a, b } = await startBoth();
      const shop = await createFleetShop(a.url, fleet.operatorKey);
      // Both have quoted under the built-in version: their current version is loaded.
      for (const server of [a, b])
        expect((await quote(server.url, shop, '500.00')).policyVersion).toBe('2026-11');

      // 12% instead of 10%, and a cap of $100 per package instead of $5,000.
      const dir = mkdtempSync(path.join(tmpdir(), 'lg-fault-policy-'));
      const file = path.join(dir, 'policy.json');
      writeFileSync(
        file,
        JSON.stringify({
          ...POLICY_2026_11,
          version: '2031-07',
          feeRateBps: 1200,
          maxCompensationPerPackageMinor: 10_000,
        }),
      );
      try {
        expect(await fleet.cli(['policy', 'publish', file])).toBe('published policy 2031-07\n');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }

      const seen: string[] = [];
      for (const server of [b, a]) {
        const current = async () => {
          const policy = await gql(server.url, POLICY, {}, shop.publishableKey);
          const version = (policy.body.data?.policy as { version: string } | undefined)?.version;
          return version === '2031-07' && (await quote(server.url, shop, '500.00'));
        };
        let polls = 0;
        const published = await pollUntil(
          async () => {
            polls += 1;
            return (await current()) !== false;
          },
          150,
          20,
        );
        seen.push(`${server === a ? 'a' : 'b'} after ${polls} poll(s)`);
        expect(published).toBe(true);
        const fresh = await current();
        expect(fresh && { policyVersion: fresh.policyVersion, fee: fresh.fee.amount }).toEqual({
          policyVersion: '2031-07',
          fee: '60.00',
        });
      }
      console.info(`policy 2031-07 seen by ${seen.join(', ')}`);

      // A quote of the new version from one process buys a guarantee through the other, whose
      // package is covered under that version's cap.
      for (const [quoting, buying] of [
        [a, b],
        [b, a],
      ] as const) {
        const orderNumber = `SO-POLICY-${quoting === a ? 'A' : 'B'}`;
        const offered = await quote(quoting.url, shop, '500.00');
        const bought = await gql(
          buying.url,
          `mutation($input: PurchaseGuaranteeInput!) { purchaseGuarantee(input: $input) {
            guarantee { policyVersion fee { amount } } userErrors { code message } } }`,
          {
            input: {
              quoteToken: offered.token,
              orderNumber,
              memberId: 'M-POLICY',
              memberEmail: 'member@example.com',
              productValue: offered.productValue,
            },
          },
          shop.secretKey,
        );
        expect(bought.body.data?.purchaseGuarantee).toEqual({
          guarantee: { policyVersion: '2031-07', fee: { amount: '60.00' } },
          userErrors: [],
        });
        const registered = await gql(
          buying.url,
          `mutation($input: RegisterPackageInput!) { registerPackage(input: $input) {
            package { id } userErrors { code message } } }`,
          {
            input: {
              orderNumber,
              trackingNumber: `TRK-${orderNumber}`,
              declaredValue: { amount: '500.00', currencyCode: 'USD' },
              salePrice: { amount: '500.00', currencyCode: 'USD' },
              shippingFee: { amount: '20.00', currencyCode: 'USD' },
            },
          },
          shop.secretKey,
        );
        expect(registered.body.data?.registerPackage).toMatchObject({ userErrors: [] });
        const covered = await gql(
          quoting.url,
          `query($orderNumber: String!) { guaranteeByOrderNumber(orderNumber: $orderNumber) {
            packages { maxCompensation { amount } } } }`,
          { orderNumber },
          shop.secretKey,
        );
        expect(covered.body).toEqual({
          data: {
            guaranteeByOrderNumber: { packages: [{ maxCompensation: { amount: '100.00' } }] },
          },
        });
      }
    }, 120_000);

    it('refuses on one process, right away, a key revoked or rolled through the other', async () => {
      const { fleet, a, b } = await startBoth();
      const shop = await createFleetShop(a.url, fleet.operatorKey);
      // Each process has looked both keys up, so each holds them in its key cache.
      for (const server of [a, b]) {
        expect((await gql(server.url, CLAIMS, {}, shop.secretKey)).status).toBe(200);
        expect((await quote(server.url, shop, '120.00')).policyVersion).toBe('2026-11');
      }

      // The storefront's publishable key rolled through a with no overlap: b refuses it.
      const keys = await gql(
        a.url,
        `query($id: ID!) { node(id: $id) { ... on Storefront { apiKeys { id kind } } } }`,
        { id: shop.storefrontId },
        fleet.operatorKey,
      );
      const publishable = (
        keys.body.data?.node as { apiKeys: { id: string; kind: string }[] } | undefined
      )?.apiKeys.find((key) => key.kind === 'PUBLISHABLE');
      const rolled = await gql(
        a.url,
        `mutation($input: RollApiKeyInput!) { rollApiKey(input: $input) {
          key userErrors { code message } } }`,
        { input: { apiKeyId: publishable?.id, expiresInHours: 0 } },
        fleet.operatorKey,
      );
      const replacement = (rolled.body.data?.rollApiKey as { key: string | null } | undefined)?.key;
      expect(replacement).toMatch(/^pk_test_/);
      const quoteWith = (key: string) =>
        gql(
          b.url,
          QUOTE,
          { input: { currencyCode: 'USD', lines: [{ unitPrice: '120.00', quantity: 1 }] } },
          key,
        );
      let rolledPolls = 0;
      const rolledRefused = await pollUntil(
        async () => {
          rolledPolls += 1;
          return refusedAsUnauthenticated(await quoteWith(shop.publishableKey));
        },
        100,
        20,
      );
      expect(rolledRefused).toBe(true);
      expect((await quoteWith(replacement as string)).body.data?.quoteGuarantee).toMatchObject({
        quote: { policyVersion: '2026-11' },
      });

      // The secret key revoked with `pnpm lg key revoke`: both refuse it.
      expect(await fleet.cli(['key', 'revoke', shop.secretKey])).toMatch(/^revoked sk_test_/);
      const revokedPolls: number[] = [];
      for (const server of [b, a]) {
        let polls = 0;
        const refused = await pollUntil(
          async () => {
            polls += 1;
            return refusedAsUnauthenticated(await gql(server.url, CLAIMS, {}, shop.secretKey));
          },
          100,
          20,
        );
        revokedPolls.push(polls);
        expect(refused).toBe(true);
      }
      console.info(
        `rolled pk refused by b after ${rolledPolls} poll(s); revoked sk refused by b, a after ${revokedPolls.join(', ')}`,
      );
    }, 120_000);

    it('quotes, on both processes, in a currency whose rate was imported beside them with `pnpm lg fx import`', async () => {
      const { fleet, a, b } = await startBoth();
      const shop = await createFleetShop(a.url, fleet.operatorKey);
      const quoteIn = (url: string, currencyCode: string, unitPrice: string) =>
        gql(
          url,
          `mutation($input: QuoteGuaranteeInput!) { quoteGuarantee(input: $input) {
            quote { token fee { amount currencyCode } exchangeRate { perUsd } } userErrors { code } } }`,
          { input: { currencyCode, lines: [{ unitPrice, quantity: 1 }] } },
          shop.publishableKey,
        );
      const codeOf = (answer: Answer) =>
        (answer.body.data?.quoteGuarantee as { userErrors: { code: string }[] } | undefined)
          ?.userErrors[0]?.code;
      // Both have answered a EUR quote already (no rate: refused), so each holds its own view.
      for (const server of [a, b])
        expect(codeOf(await quoteIn(server.url, 'EUR', '100.00'))).toBe('UNSUPPORTED_CURRENCY');

      const dir = mkdtempSync(path.join(tmpdir(), 'lg-fault-fx-'));
      const file = path.join(dir, 'rates.json');
      writeFileSync(
        file,
        JSON.stringify({
          source: 'Fleet desk',
          asOf: new Date(Date.now() - HOUR).toISOString(),
          rates: { EUR: '0.92' },
        }),
      );
      try {
        expect(await fleet.cli(['fx', 'import', file])).toMatch(
          /^published 1 rate\(s\) from Fleet desk/,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const fees: string[] = [];
      for (const server of [b, a]) {
        const answer = await quoteIn(server.url, 'EUR', '100.00');
        const quoted = (
          answer.body.data?.quoteGuarantee as
            | { quote: { fee: { amount: string } } | null }
            | undefined
        )?.quote;
        fees.push(quoted?.fee.amount ?? `refused: ${codeOf(answer)}`);
      }
      // The worked example of the contract, on both processes, with no wait.
      expect(fees).toEqual(['27.60', '27.60']);
    }, 120_000);

    it('a subscription on one process sees a change made through the other: a filing, and evidence added', async () => {
      const { fleet, a, b } = await startBoth();
      const shop = await createFleetShop(a.url, fleet.operatorKey);
      const orderNumber = 'SO-LIVE';
      await buy(b.url, shop, orderNumber);
      const trackingNumber = 'TRK-SO-LIVE';
      const registered = await gql(
        b.url,
        `mutation($input: RegisterPackageInput!) { registerPackage(input: $input) {
          package { id } userErrors { code message } } }`,
        {
          input: {
            orderNumber,
            trackingNumber,
            declaredValue: { amount: '120.00', currencyCode: 'USD' },
            salePrice: { amount: '120.00', currencyCode: 'USD' },
            shippingFee: { amount: '20.00', currencyCode: 'USD' },
          },
        },
        shop.secretKey,
      );
      expect(registered.body.data?.registerPackage).toMatchObject({ userErrors: [] });
      for (const [type, ago] of [
        ['SHIPPED', 2 * HOUR],
        ['DELIVERED', HOUR],
      ] as const) {
        const recorded = await gql(
          b.url,
          `mutation($input: RecordPackageEventInput!) { recordPackageEvent(input: $input) {
            package { status } userErrors { code message } } }`,
          {
            input: { trackingNumber, type, occurredAt: new Date(Date.now() - ago).toISOString() },
          },
          shop.secretKey,
        );
        expect(recorded.body.data?.recordPackageEvent).toMatchObject({ userErrors: [] });
      }

      // The storefront's server follows its claims on a; the claim is filed through b.
      const stream = await EventStream.open(
        a.url,
        'subscription { claimUpdated { id status memberId } }',
        {},
        shop.secretKey,
      );
      expect(stream.status).toBe(200);
      const filed = await gql(
        b.url,
        `mutation($input: FileClaimInput!) { fileClaim(input: $input) {
          claim { id status } userErrors { code message } } }`,
        {
          input: {
            trackingNumber,
            type: 'DAMAGE',
            description: 'Crushed box',
            memberId: 'M-FAULT',
          },
        },
        shop.secretKey,
      );
      const claim = (filed.body.data?.fileClaim as { claim: { id: string } | null } | undefined)
        ?.claim;
      expect(claim).not.toBeNull();
      expect(await stream.result()).toEqual({
        data: {
          claimUpdated: { id: claim?.id, status: 'NEEDS_DOCUMENTS', memberId: 'M-FAULT' },
        },
      });

      // And the other way round: followed on b by id, its evidence added through a.
      const byId = await EventStream.open(
        b.url,
        'subscription($claimId: ID) { claimUpdated(claimId: $claimId) { id documents { kind } } }',
        { claimId: claim?.id },
        fleet.operatorKey,
      );
      expect(byId.status).toBe(200);
      const pdf = Buffer.from('%PDF-1.7\n% receipt\n');
      const created = await gql(
        a.url,
        `mutation($input: CreateDocumentUploadInput!) { createDocumentUpload(input: $input) {
          upload { documentId url } userErrors { code message } } }`,
        {
          input: {
            kind: 'PROOF_OF_PURCHASE',
            fileName: 'receipt.pdf',
            contentType: 'application/pdf',
            byteSize: pdf.length,
          },
        },
        shop.secretKey,
      );
      const upload = (
        created.body.data?.createDocumentUpload as
          | { upload: { documentId: string; url: string } }
          | undefined
      )?.upload;
      if (!upload) throw new Error(`createDocumentUpload: ${JSON.stringify(created.body)}`);
      const put = await fetch(`${a.url}${upload.url}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/pdf' },
        body: pdf,
      });
      expect(put.status).toBe(201);
      const added = await gql(
        a.url,
        `mutation($input: AddClaimDocumentsInput!) { addClaimDocuments(input: $input) {
          userErrors { code message } } }`,
        { input: { claimId: claim?.id, documentIds: [upload.documentId] } },
        shop.secretKey,
      );
      expect(added.body.data?.addClaimDocuments).toEqual({ userErrors: [] });
      expect(await byId.result()).toEqual({
        data: { claimUpdated: { id: claim?.id, documents: [{ kind: 'PROOF_OF_PURCHASE' }] } },
      });
      stream.close();
      byId.close();
    }, 120_000);

    it('sends each webhook event once and never twice at once, with both dispatchers delivering', async () => {
      receiver = await WebhookReceiver.start();
      const { fleet, a, b } = await startBoth();
      const shop = await createFleetShop(a.url, fleet.operatorKey, receiver.url);

      // 24 purchases, half through each process, then 6 of them cancelled through the other.
      const ids = await Promise.all(
        Array.from({ length: 24 }, (_, n) => buy((n % 2 === 0 ? a : b).url, shop, `SO-${n}`)),
      );
      await Promise.all(
        ids.slice(0, 6).map((id, n) => cancel((n % 2 === 0 ? b : a).url, shop, id)),
      );
      const events = await fleet.query<{ id: string; aggregate_id: string; seq: number }>(
        'select id, aggregate_id, seq::int as seq from outbox_events order by seq',
      );
      expect(events).toHaveLength(30);

      const pending = async () =>
        (
          await fleet.query<{ n: number }>(
            `select count(*)::int as n from deliveries where channel = 'webhook' and status <> 'DELIVERED'`,
          )
        )[0]?.n;
      expect(await pollUntil(async () => (await pending()) === 0, 600, 50)).toBe(true);

      const counts = receiver.counts();
      expect([...counts.keys()].sort()).toEqual(events.map((event) => event.id).sort());
      expect([...counts].filter(([, count]) => count !== 1)).toEqual([]);
      expect([...receiver.mostAtOnce].filter(([, most]) => most !== 1)).toEqual([]);
      for (const webhook of receiver.received)
        expect(webhook.headers['lg-event-id']).toBe(webhook.eventId);
      // In order per guarantee: its purchase before its cancellation.
      const seqOf = new Map(events.map((event) => [event.id, event]));
      const arrivals = new Map<string, number[]>();
      for (const webhook of receiver.received) {
        const event = seqOf.get(webhook.eventId);
        if (!event) continue;
        arrivals.set(event.aggregate_id, [...(arrivals.get(event.aggregate_id) ?? []), event.seq]);
      }
      const unordered = [...arrivals.values()].filter(
        (seqs) => seqs.join() !== [...seqs].sort((x, y) => x - y).join(),
      );
      expect(unordered).toEqual([]);
      const attempts = await fleet.query<{ attempts: number }>(
        `select attempts from deliveries where channel = 'webhook' and attempts <> 1`,
      );
      expect(attempts).toEqual([]);
      console.info(
        `30 events, each received once; delivered by a: ${deliveredBy(a).size}, by b: ${deliveredBy(b).size}`,
      );
    }, 120_000);
  },
);
