// Small input checks shared by the mutations: each refusal names its field.
import type { Outcome, UserErrorShape } from './outcome.js';

/** A required text field: trimmed length within bounds, no control characters. */
export function checkText(
  value: string | null | undefined,
  field: readonly string[],
  { min = 1, max = 255 }: { min?: number; max?: number } = {},
): UserErrorShape | null {
  const name = field.at(-1) ?? 'value';
  if (value === null || value === undefined) {
    return min > 0
      ? { code: 'INVALID_INPUT', message: `${name} is required`, field: [...field] }
      : null;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) {
    return {
      code: 'INVALID_INPUT',
      message: `${name} contains control characters`,
      field: [...field],
    };
  }
  const length = value.trim().length;
  if (length < min || value.length > max) {
    return {
      code: 'INVALID_INPUT',
      message: `${name} must be ${min} to ${max} characters`,
      field: [...field],
    };
  }
  return null;
}

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

export function checkEmail(value: string, field: readonly string[]): UserErrorShape | null {
  return (
    checkText(value, field, { max: 254 }) ??
    (EMAIL.test(value)
      ? null
      : {
          code: 'INVALID_INPUT',
          message: `${field.at(-1)} is not an email address`,
          field: [...field],
        })
  );
}

/** An identifier chosen by a storefront (order number, member id, tracking number). */
export function checkIdentifier(
  value: string,
  field: readonly string[],
  max = 100,
): UserErrorShape | null {
  return (
    checkText(value, field, { max }) ??
    (/^\S(.*\S)?$/.test(value)
      ? null
      : {
          code: 'INVALID_INPUT',
          message: `${field.at(-1)} must not start or end with spaces`,
          field: [...field],
        })
  );
}

/** Collects the non-null errors; an Outcome failure when there are any. */
export function firstErrors(...errors: (UserErrorShape | null)[]): Outcome<never> | null {
  const found = errors.filter((error): error is UserErrorShape => error !== null);
  return found.length > 0 ? { ok: false, errors: found } : null;
}

export function checkIntRange(
  value: number | null | undefined,
  field: readonly string[],
  min: number,
  max: number,
): UserErrorShape | null {
  if (value === null || value === undefined) return null;
  return Number.isInteger(value) && value >= min && value <= max
    ? null
    : {
        code: 'INVALID_INPUT',
        message: `${field.at(-1)} must be ${min} to ${max}`,
        field: [...field],
      };
}
