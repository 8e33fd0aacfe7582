import { afterEach, describe, expect, it } from 'vitest';
import { buy, cancel, createFleetShop, deliveredBy, Fleet, pollUntil } from './fleet.js';
import { WebhookReceiver } from './webhook-receiver.js';

// An API process is killed (kill -9) while its dispatcher waits on webhook requests a
// receiver has not answered. Nothing recorded them, so they stay leased to the dead process
// until the lease runs out (a minute: Dispatcher's leaseMs), then a live dispatcher sends them
// again: at least once, in order per guarantee, the same bytes each time.
const baseUrl = process.env.DATABASE_URL;
const HELD = 4;

describe.skipIf(!baseUrl)(
  `the dispatcher killed mid-delivery (${baseUrl ? 'PostgreSQL' : 'skipped: PostgreSQL fault tests run when DATABASE_URL is set'})`,
  () => {
    let fleet: Fleet | undefined;
    let receiver: WebhookReceiver | undefined;

    afterEach(async () => {
      await receiver?.close();
      await fleet?.close();
    }, 60_000);

    it('delivers every event after a restart, in order per guarantee, duplicates only of the cut requests and byte-identical', async () => {
      receiver = await WebhookReceiver.start();
      fleet = await Fleet.create(baseUrl as string);
      // a alone at first, so the requests the receiver holds are a's.
      const a = await fleet.start('a');
      const shop = await createFleetShop(a.url, fleet.operatorKey, receiver.url);
      receiver.holdNext(HELD);
      const guarantees: string[] = [];
      for (let n = 1; n <= HELD; n += 1) guarantees.push(await buy(a.url, shop, `SO-HELD-${n}`));
      const live = receiver;
      expect(await pollUntil(() => live.heldOpen === HELD, 400, 25)).toBe(true);
      // Two cancellations queue behind their guarantee's purchase, still in flight.
      await cancel(a.url, shop, guarantees[0] as string);
      await cancel(a.url, shop, guarantees[1] as string);

      // Killed with the requests open (its 10 s request limit has not cut them).
      expect(receiver.heldOpen).toBe(HELD);
      await fleet.kill('a');
      expect(await pollUntil(() => live.heldOpen === 0, 400, 25)).toBe(true);
      const cut = receiver.held.map((webhook) => webhook.eventId);

      // b delivers what no dead lease holds, at once; the held guarantees' later events wait.
      const b = await fleet.start('b');
      const g5 = await buy(b.url, shop, 'SO-LIVE-5');
      await buy(b.url, shop, 'SO-LIVE-6');
      await cancel(b.url, shop, g5);
      await cancel(b.url, shop, guarantees[2] as string);
      const events = await fleet.query<{
        id: string;
        type: string;
        aggregate_id: string;
        seq: number;
      }>('select id, type, aggregate_id, seq::int as seq from outbox_events order by seq');
      expect(events).toHaveLength(10);
      const unheld = await fleet.query<{ id: string }>(
        `select e.id from outbox_events e join guarantees g on g.id = e.aggregate_id
          where g.order_number like 'SO-LIVE-%'`,
      );
      expect(unheld).toHaveLength(3);
      expect(
        await pollUntil(() => unheld.every((event) => live.counts().has(event.id)), 400, 25),
      ).toBe(true);
      const resentBeforeRestart = cut.filter((id) => (live.counts().get(id) ?? 0) > 1).length;

      // a comes back; the receiver answers what it held (their senders are gone).
      const restarted = await fleet.start('a');
      receiver.releaseHeld();
      const undelivered = async () =>
        (
          await fleet?.query<{ n: number }>(
            `select count(*)::int as n from deliveries where channel = 'webhook' and status <> 'DELIVERED'`,
          )
        )?.[0]?.n;
      // The dead process's leases run out after a minute: polled for up to three.
      let polls = 0;
      const drained = await pollUntil(
        async () => {
          polls += 1;
          return (await undelivered()) === 0;
        },
        1800,
        100,
      );
      expect(drained).toBe(true);

      const counts = receiver.counts();
      expect([...counts.keys()].sort()).toEqual(events.map((event) => event.id).sort());
      // At least once: the cut requests again, and nothing else twice.
      expect(cut).toHaveLength(HELD);
      expect(cut.map((id) => (counts.get(id) ?? 0) >= 2)).toEqual(cut.map(() => true));
      const twice = [...counts].filter(([, count]) => count > 1).map(([id]) => id);
      expect(twice.sort()).toEqual([...cut].sort());
      // The same event is the same bytes, with the same event, type and delivery headers.
      for (const id of twice) {
        const copies = receiver.received.filter((webhook) => webhook.eventId === id);
        const first = copies[0];
        for (const copy of copies) {
          expect(copy.body).toBe(first?.body);
          expect(copy.headers).toEqual(first?.headers);
        }
      }
      expect([...receiver.mostAtOnce].filter(([, most]) => most !== 1)).toEqual([]);
      // In order per guarantee, duplicates included: nothing of a guarantee arrives after a
      // later event of it did.
      const byId = new Map(events.map((event) => [event.id, event]));
      const arrivals = new Map<string, string[]>();
      for (const webhook of receiver.received) {
        const event = byId.get(webhook.eventId);
        if (!event) continue;
        arrivals.set(event.aggregate_id, [
          ...(arrivals.get(event.aggregate_id) ?? []),
          `${event.seq}:${event.type}`,
        ]);
      }
      const unordered = [...arrivals.values()].filter((seqs) => {
        const numbers = seqs.map((seq) => Number.parseInt(seq, 10));
        return numbers.some((seq, n) => n > 0 && seq < (numbers[n - 1] as number));
      });
      expect(unordered).toEqual([]);
      expect(
        [...arrivals.values()].filter((seqs) => seqs.some((seq) => seq.endsWith('cancelled'))),
      ).toHaveLength(4);

      const resent = (server: typeof b) => cut.filter((id) => deliveredBy(server).has(id)).length;
      console.info(
        `killed with ${HELD} requests open; b delivered the 3 events of its own guarantees while a was down (cut ones re-sent by then: ${resentBeforeRestart}); drained after ${polls} polls of 100 ms; the cut ones re-sent by b: ${resent(b)}, by the restarted a: ${resent(restarted)}; ${receiver.received.length} requests for ${counts.size} events`,
      );
    }, 300_000);
  },
);
