// R2: a guarantee can be cancelled only while no package of its order has shipped. A
// cancellation locks the guarantee and then looks for shipped packages; a carrier event must
// therefore wait for that lock, or both could commit, each blind to the other.
import { guarantees } from '@lg/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idOf } from '../../graphql/global-id.js';
import { startTestApi, type TestApi, type TestStorefront } from '../../test-support/harness.js';
import { guaranteedPackage, recordEvent } from '../../test-support/operations.js';

// PGlite has one connection: two transactions never overlap there, so the race needs PostgreSQL.
describe.skipIf(!process.env.DATABASE_URL)('a cancel and a SHIPPED event (R2)', () => {
  let api: TestApi;
  let shop: TestStorefront;

  beforeAll(async () => {
    api = await startTestApi();
    shop = await api.createStorefront();
  });
  afterAll(() => api.close());

  it('records the carrier event only after a cancellation in progress has committed', async () => {
    const { guarantee, trackingNumber } = await guaranteedPackage(api, shop);
    const guaranteeId = idOf('Guarantee', guarantee.id) as string;
    let eventSettled = false;
    let event: ReturnType<typeof recordEvent> | undefined;
    // Exactly what cancelGuarantee does first: lock the guarantee, find no shipped package.
    await api.server.app.db.transaction(async (tx) => {
      await tx.select().from(guarantees).where(eq(guarantees.id, guaranteeId)).for('update');
      event = recordEvent(
        api,
        shop,
        trackingNumber,
        'SHIPPED',
        new Date(api.clock.now.getTime() - 1000),
      );
      event.then(() => {
        eventSettled = true;
      });
      // The event's transaction must come to wait on this one's lock (seen by PostgreSQL itself),
      // not commit beside it.
      const waiting = async () => {
        const rows = await api.server.app.db.execute<{ n: number }>(
          sql`select count(*)::int as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'`,
        );
        const list = Array.isArray(rows) ? rows : (rows as { rows: { n: number }[] }).rows;
        return (list[0]?.n ?? 0) > 0;
      };
      for (let i = 0; i < 200 && !eventSettled && !(await waiting()); i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(eventSettled).toBe(false);
      expect(await waiting()).toBe(true);
      await tx
        .update(guarantees)
        .set({
          status: 'CANCELLED',
          cancelledAt: api.clock.now,
          cancelledBy: 'test',
          refundMinor: 3000,
        })
        .where(eq(guarantees.id, guaranteeId));
    });
    const recorded = await event;
    // The carrier's fact is kept; it happened after the cancellation, which stands.
    expect(recorded?.package?.status).toBe('SHIPPED');
  });
});
