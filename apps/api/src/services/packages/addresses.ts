import type { PostalAddress } from '@lg/domain';
import type { UserErrorShape } from '../outcome.js';
import { checkText } from '../validate.js';

export interface AddressInputShape {
  line1: string;
  line2?: string | null | undefined;
  city: string;
  region?: string | null | undefined;
  postalCode?: string | null | undefined;
  countryCode: string;
}

/** Checks an address field by field; returns the stored shape or the errors. */
export function checkAddress(
  input: AddressInputShape | null | undefined,
  field: readonly string[],
): { address: PostalAddress | null; errors: UserErrorShape[] } {
  if (!input) return { address: null, errors: [] };
  const errors = [
    checkText(input.line1, [...field, 'line1'], { max: 200 }),
    checkText(input.line2, [...field, 'line2'], { min: 0, max: 200 }),
    checkText(input.city, [...field, 'city'], { max: 100 }),
    checkText(input.region, [...field, 'region'], { min: 0, max: 100 }),
    checkText(input.postalCode, [...field, 'postalCode'], { min: 0, max: 20 }),
    /^[A-Z]{2}$/.test(input.countryCode)
      ? null
      : {
          code: 'INVALID_INPUT' as const,
          message: 'countryCode must be an ISO 3166-1 alpha-2 code such as "US"',
          field: [...field, 'countryCode'],
        },
  ].filter((error): error is UserErrorShape => error !== null);
  return {
    address: {
      line1: input.line1,
      line2: input.line2 ?? null,
      city: input.city,
      region: input.region ?? null,
      postalCode: input.postalCode ?? null,
      countryCode: input.countryCode,
    },
    errors,
  };
}
