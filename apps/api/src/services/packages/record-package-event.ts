import { randomUUID } from 'node:crypto';
import type { PackageRow } from '@lg/db';
import { guarantees, packageEvents, packages } from '@lg/db';
import type { PackageEventType } from '@lg/domain';
import { and, eq } from 'drizzle-orm';
import type { App } from '../../app.js';
import {
  type Outcome,
  Refused,
  refusalsAsOutcome,
  success,
  type UserErrorShape,
} from '../outcome.js';
import { checkIdentifier, checkIntRange, checkText } from '../validate.js';
import { MAX_WEIGHT_GRAMS, refreshTracking } from './package-state.js';

export interface RecordPackageEventInput {
  trackingNumber: string;
  type: PackageEventType;
  occurredAt: Date;
  signedBy?: string | null | undefined;
  actualWeightGrams?: number | null | undefined;
}

/**
 * Records a carrier event. Events arrive late, twice and out of order: the package's state is
 * recomputed from all its events (domain trackPackage), and an exact repeat is a no-op.
 */
export async function recordPackageEvent(
  app: App,
  storefrontId: string,
  input: RecordPackageEventInput,
  now: Date,
): Promise<Outcome<PackageRow>> {
  const errors = [
    checkIdentifier(input.trackingNumber, ['input', 'trackingNumber'], 100),
    checkText(input.signedBy, ['input', 'signedBy'], { min: 0, max: 200 }),
    checkIntRange(input.actualWeightGrams, ['input', 'actualWeightGrams'], 0, MAX_WEIGHT_GRAMS),
    input.occurredAt.getTime() > now.getTime()
      ? {
          code: 'INVALID_INPUT' as const,
          message: 'occurredAt is in the future',
          field: ['input', 'occurredAt'],
        }
      : null,
    input.type !== 'DELIVERED' &&
    (input.signedBy || (input.actualWeightGrams !== undefined && input.actualWeightGrams !== null))
      ? {
          code: 'INVALID_INPUT' as const,
          message: 'signedBy and actualWeightGrams belong to a DELIVERED event',
          field: ['input', 'type'],
        }
      : null,
  ].filter((error): error is UserErrorShape => error !== null);
  if (errors.length > 0) return { ok: false, errors };

  return refusalsAsOutcome(() =>
    app.db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(packages)
        .where(
          and(
            eq(packages.storefrontId, storefrontId),
            eq(packages.trackingNumber, input.trackingNumber),
          ),
        )
        .for('update');
      if (!row)
        throw Refused.of('NOT_FOUND', 'no package with this tracking number', [
          'input',
          'trackingNumber',
        ]);
      // R2: a cancellation (which locks the guarantee, then looks for shipped packages) and a
      // carrier event must not both commit as if the other had not happened. Holding the
      // guarantee's row while the event is recorded puts them in one order or the other.
      await tx
        .select({ id: guarantees.id })
        .from(guarantees)
        .where(eq(guarantees.id, row.guaranteeId))
        .for('share');
      await tx
        .insert(packageEvents)
        .values({
          id: randomUUID(),
          packageId: row.id,
          type: input.type,
          occurredAt: input.occurredAt,
          signedBy: input.signedBy ?? null,
          actualWeightGrams: input.actualWeightGrams ?? null,
          recordedAt: now,
        })
        .onConflictDoNothing();
      return success(await refreshTracking(tx, app, row));
    }),
  );
}
