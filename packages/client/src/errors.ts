import type { UserErrorCode } from './generated/graphql.js';

/** One entry of a GraphQL response's `errors`, as the API sends it. */
export interface GraphQLErrorEntry {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/**
 * The request failed as a whole: the API answered with GraphQL `errors` (a bad credential, a
 * forbidden field, an invalid document, a crash), with a non-2xx status, with something that
 * is not a GraphQL response, or could not be reached at all.
 */
export class RequestError extends Error {
  override readonly name = 'RequestError';

  constructor(
    message: string,
    /**
     * `extensions.code` of the first GraphQL error (`UNAUTHENTICATED`, `FORBIDDEN`,
     * `BAD_USER_INPUT`, ...), else `HTTP_<status>`, `NETWORK_ERROR` or `TIMEOUT`.
     */
    readonly code: string,
    /** The HTTP status; 0 when no answer arrived. */
    readonly status: number,
    /** The response's GraphQL errors, empty when there were none. */
    readonly errors: readonly GraphQLErrorEntry[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A `userErrors` entry: a business refusal with the input path at fault. */
export interface UserError {
  field: readonly string[] | null;
  message: string;
  code: UserErrorCode;
}

/**
 * The API understood the mutation and refused it (`userErrors`): nothing was written. Thrown
 * only by {@link unwrap}; `request` returns payloads as they are.
 */
export class UserErrorsError extends Error {
  override readonly name = 'UserErrorsError';

  constructor(readonly userErrors: readonly UserError[]) {
    super(
      userErrors.length
        ? userErrors
            .map((e) => `${e.code}: ${e.message}${e.field ? ` (${e.field.join('.')})` : ''}`)
            .join('; ')
        : 'The payload carries neither a value nor userErrors',
    );
  }

  /** The refusal codes, e.g. `['QUOTE_EXPIRED']`. */
  get codes(): UserErrorCode[] {
    return this.userErrors.map((e) => e.code);
  }
}

/**
 * A mutation payload's value when it has one, e.g. `unwrap(data.purchaseGuarantee, 'guarantee')`;
 * throws {@link UserErrorsError} with the payload's `userErrors` otherwise. Use it where a
 * refusal is exceptional; read `userErrors` yourself where it is an answer to show.
 */
export function unwrap<P extends { userErrors: readonly UserError[] }, K extends keyof P>(
  payload: P,
  key: K,
): NonNullable<P[K]> {
  const value = payload[key];
  if (payload.userErrors.length > 0 || value === null || value === undefined) {
    throw new UserErrorsError(payload.userErrors);
  }
  return value as NonNullable<P[K]>;
}
