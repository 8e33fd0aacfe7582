import type { RefusalCode } from './codes.js';

/** A successful outcome carrying its value. */
type Ok<T> = { ok: true; value: T };

/**
 * An expected business refusal. Refusals are returned, never thrown, so a caller can't
 * forget to handle one and an API can turn it into a `userErrors` entry as is.
 * `field` is the path of the offending input, e.g. `['lines', '2', 'quantity']`.
 */
export type Refusal<C extends string = RefusalCode> = {
  ok: false;
  code: C;
  message: string;
  field?: string[];
};

/** Either a value or the business reason it could not be produced. */
export type Result<T, C extends string = RefusalCode> = Ok<T> | Refusal<C>;

/** Wraps a value as a successful {@link Result}. */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/**
 * Builds a {@link Refusal}. `field` is left off entirely when not given so results compare
 * equal whether or not a caller spelled out `undefined`.
 */
export function refuse<C extends string>(code: C, message: string, field?: string[]): Refusal<C> {
  return field === undefined ? { ok: false, code, message } : { ok: false, code, message, field };
}
