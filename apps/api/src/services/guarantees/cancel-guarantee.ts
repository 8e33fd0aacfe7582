import type { GuaranteeRow } from '@lg/db';
import { guarantees, packages } from '@lg/db';
import { and, eq, ne } from 'drizzle-orm';
import type { App } from '../../app.js';
import { actorOf, type Viewer } from '../../auth/viewer.js';
import { enqueueEvent } from '../../outbox/enqueue.js';
import { type Outcome, Refused, refusalsAsOutcome, success } from '../outcome.js';
import { guaranteeJson } from '../serialize.js';
import { checkText, firstErrors } from '../validate.js';

/**
 * Cancels an ACTIVE guarantee while no package of its order has shipped (POLICY R2), and
 * records the refund of its fee (the whole fee: nothing was covered). The storefront hears it
 * by the `guarantee.cancelled` webhook, the member by email; the storefront's server pays the
 * refund back the way the order was paid.
 */
export async function cancelGuarantee(
  app: App,
  viewer: Viewer,
  guarantee: GuaranteeRow,
  reason: string | null | undefined,
  now: Date,
): Promise<Outcome<GuaranteeRow>> {
  const invalid = firstErrors(checkText(reason, ['input', 'reason'], { min: 0, max: 1000 }));
  if (invalid) return invalid;
  return refusalsAsOutcome(async () =>
    app.db.transaction(async (tx) => {
      // Lock the guarantee so a package registered or shipped concurrently is seen.
      const [current] = await tx
        .select()
        .from(guarantees)
        .where(eq(guarantees.id, guarantee.id))
        .for('update');
      if (!current) throw Refused.of('NOT_FOUND', 'no such guarantee', ['input', 'guaranteeId']);
      if (current.status === 'CANCELLED') {
        throw Refused.of('GUARANTEE_CANCELLED', 'the guarantee is already cancelled', [
          'input',
          'guaranteeId',
        ]);
      }
      // Any carrier event means the package left: a registered package has none.
      const shipped = await tx
        .select({ id: packages.id })
        .from(packages)
        .where(and(eq(packages.guaranteeId, guarantee.id), ne(packages.status, 'REGISTERED')))
        .limit(1);
      if (shipped.length > 0) {
        throw Refused.of(
          'PACKAGE_ALREADY_SHIPPED',
          'a package of this order has shipped: the guarantee can no longer be cancelled',
          ['input', 'guaranteeId'],
        );
      }
      const [updated] = await tx
        .update(guarantees)
        .set({
          status: 'CANCELLED',
          cancelledAt: now,
          cancelledBy: actorOf(viewer),
          cancelReason: reason ?? null,
          refundMinor: current.feeMinor,
        })
        .where(eq(guarantees.id, guarantee.id))
        .returning();
      if (!updated) throw new Error('cancelled guarantee vanished');
      await enqueueEvent(
        tx,
        {
          storefrontId: updated.storefrontId,
          type: 'guarantee.cancelled',
          aggregateId: updated.id,
          data: guaranteeJson(updated),
          memberEmail: updated.memberEmail,
        },
        now,
      );
      return success(updated);
    }),
  );
}
