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

/** One carrier event of a package whose tracking number is given apart. */
export type PackageEventInput = Omit<RecordPackageEventInput, 'trackingNumber'>;

/** What a batch of events did to their package. */
export interface RecordedPackageEvents {
  package: PackageRow;
  /** Events that were new; the others repeated one already recorded (a no-op). */
  recorded: number;
}

/** Why one event can't be recorded, whatever the package; empty when it can. */
export function checkPackageEvent(
  event: PackageEventInput,
  now: Date,
  field: readonly string[] = ['input'],
): UserErrorShape[] {
  return [
    checkText(event.signedBy, [...field, 'signedBy'], { min: 0, max: 200 }),
    checkIntRange(event.actualWeightGrams, [...field, 'actualWeightGrams'], 0, MAX_WEIGHT_GRAMS),
    event.occurredAt.getTime() > now.getTime()
      ? {
          code: 'INVALID_INPUT' as const,
          message: 'occurredAt is in the future',
          field: [...field, 'occurredAt'],
        }
      : null,
    event.type !== 'DELIVERED' &&
    (event.signedBy || (event.actualWeightGrams !== undefined && event.actualWeightGrams !== null))
      ? {
          code: 'INVALID_INPUT' as const,
          message: 'signedBy and actualWeightGrams belong to a DELIVERED event',
          field: [...field, 'type'],
        }
      : null,
  ].filter((error): error is UserErrorShape => error !== null);
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
  const { trackingNumber, ...event } = input;
  const outcome = await recordPackageEvents(app, storefrontId, trackingNumber, [event], now);
  return outcome.ok ? success(outcome.value.package) : outcome;
}

/**
 * Records several events of one package together (a carrier feed's delivery carries the whole
 * history): the same checks and rules as recordPackageEvent, one transaction, and the package's
 * state recomputed once. Refused as a whole when any event is invalid.
 */
export async function recordPackageEvents(
  app: App,
  storefrontId: string,
  trackingNumber: string,
  events: readonly PackageEventInput[],
  now: Date,
): Promise<Outcome<RecordedPackageEvents>> {
  const errors = [
    checkIdentifier(trackingNumber, ['input', 'trackingNumber'], 100),
    ...events.flatMap((event) => checkPackageEvent(event, now)),
  ].filter((error): error is UserErrorShape => error !== null);
  if (errors.length > 0) return { ok: false, errors };

  return refusalsAsOutcome(() =>
    app.db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(packages)
        .where(
          and(eq(packages.storefrontId, storefrontId), eq(packages.trackingNumber, trackingNumber)),
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
      const inserted =
        events.length === 0
          ? []
          : await tx
              .insert(packageEvents)
              .values(
                events.map((event) => ({
                  id: randomUUID(),
                  packageId: row.id,
                  type: event.type,
                  occurredAt: event.occurredAt,
                  signedBy: event.signedBy ?? null,
                  actualWeightGrams: event.actualWeightGrams ?? null,
                  recordedAt: now,
                })),
              )
              .onConflictDoNothing()
              .returning({ id: packageEvents.id });
      return success({
        package: await refreshTracking(tx, app, row),
        recorded: inserted.length,
      });
    }),
  );
}
