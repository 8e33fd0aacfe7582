// What a use case answers: the value, or the business refusals with the input field at
// fault. Transports map it: GraphQL to a payload's userErrors, HTTP routes to a 4xx.
import type { RefusalCode } from '@lg/domain';

/** A business refusal as the API returns it: HTTP 200, nothing written. */
export interface UserErrorShape {
  field: string[] | null;
  message: string;
  code: RefusalCode;
}

/** What every mutation's service returns: the object, or why not. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; errors: UserErrorShape[] };

export function success<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function failure(
  code: RefusalCode,
  message: string,
  field?: readonly string[],
): Outcome<never> {
  return { ok: false, errors: [{ code, message, field: field ? [...field] : null }] };
}

/** Thrown inside a transaction to roll it back and answer with userErrors instead. */
export class Refused extends Error {
  constructor(readonly errors: UserErrorShape[]) {
    super(errors[0]?.message ?? 'refused');
  }

  static of(code: RefusalCode, message: string, field?: readonly string[]): Refused {
    return new Refused([{ code, message, field: field ? [...field] : null }]);
  }
}

/** Runs `work`; a `Refused` thrown inside (after its transaction rolled back) becomes userErrors. */
export async function refusalsAsOutcome<T>(work: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refused) return { ok: false, errors: error.errors };
    throw error;
  }
}
