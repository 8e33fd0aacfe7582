import {
  CLAIM_REASON_CODES,
  CLAIM_TYPES,
  type ClaimReasonCode,
  type ClaimType,
  DOCUMENT_KINDS,
  type DocumentKind,
} from '../claims/claim-vocabulary.js';
import { deepFreeze } from '../internal/deep-freeze.js';
import { ISO_4217_CURRENCIES } from '../money/currencies.js';
import { maxAmountMinor } from '../money/max-amount-minor.js';
import { ok, type Refusal, type Result, refuse } from '../results/result.js';
import { exclusionKind } from './exclusion-kind.js';
import type { Exclusion, ExclusionWording } from './exclusions.js';
import type { PolicyVersion } from './policy.js';

const VERSION_PATTERN = /^\d{4}-\d{2}[a-z0-9.-]*$/;
// A BCP 47 language tag as translations are keyed: "zh-CN", "zh-Hant", "pt-BR".
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;
const EXCLUSION_FIELDS = new Set(['code', 'kind', 'title', 'description', 'translations']);

type IntegerField = Exclude<
  keyof PolicyVersion,
  'version' | 'currency' | 'requiredDocuments' | 'exclusions'
>;

// Bounds keep a typo in a published JSON (a rate of 100000 bps, a 0-hour window) from
// becoming live terms. Amount bounds are filled in from the currency.
const INTEGER_BOUNDS: Record<IntegerField, readonly [number, number | 'amount']> = {
  feeRateBps: [0, 10_000],
  minimumFeeMinor: [0, 'amount'],
  maxCompensationPerPackageMinor: [1, 'amount'],
  lossShippingShareBps: [0, 10_000],
  damageShippingShareBps: [0, 10_000],
  damageProductCapMinor: [0, 'amount'],
  claimWindowHours: [1, 24 * 365],
  unclaimedDays: [1, 3650],
  lossOverdueDays: [1, 3650],
  responseDays: [1, 3650],
  weightShortfallRatioBps: [0, 10_000],
  weightShortfallMinGrams: [0, 1_000_000],
  quoteLifetimeMinutes: [1, 24 * 60],
};

const KNOWN_FIELDS = new Set<string>([
  'version',
  'currency',
  'requiredDocuments',
  'exclusions',
  ...Object.keys(INTEGER_BOUNDS),
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function invalid(message: string, field: string[]): Refusal<'INVALID_INPUT'> {
  return refuse('INVALID_INPUT', message, field);
}

function isNonBlankString(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= maxLength;
}

function validateRequiredDocuments(
  value: unknown,
): Result<Record<ClaimType, DocumentKind[]>, 'INVALID_INPUT'> {
  const field = ['requiredDocuments'];
  if (!isRecord(value)) return invalid('requiredDocuments must be an object by claim type.', field);
  for (const key of Object.keys(value)) {
    if (!(CLAIM_TYPES as readonly string[]).includes(key)) {
      return invalid(`requiredDocuments has an unknown claim type "${key}".`, [...field, key]);
    }
  }
  const result = {} as Record<ClaimType, DocumentKind[]>;
  for (const type of CLAIM_TYPES) {
    const kinds = value[type];
    if (!Array.isArray(kinds) || kinds.length === 0) {
      return invalid(`requiredDocuments.${type} must list at least one document kind.`, [
        ...field,
        type,
      ]);
    }
    const seen = new Set<string>();
    for (const [index, kind] of kinds.entries()) {
      if (typeof kind !== 'string' || !(DOCUMENT_KINDS as readonly string[]).includes(kind)) {
        return invalid(`"${String(kind)}" is not a document kind.`, [...field, type, `${index}`]);
      }
      if (seen.has(kind)) {
        return invalid(`${kind} is listed twice.`, [...field, type, `${index}`]);
      }
      seen.add(kind);
    }
    result[type] = [...kinds] as DocumentKind[];
  }
  return ok(result);
}

function validateExclusions(value: unknown): Result<Exclusion[], 'INVALID_INPUT'> {
  const field = ['exclusions'];
  if (!Array.isArray(value)) return invalid('exclusions must be a list.', field);
  const seen = new Set<string>();
  const result: Exclusion[] = [];
  for (const [index, item] of value.entries()) {
    const at = [...field, `${index}`];
    if (!isRecord(item)) return invalid('Each exclusion must be an object.', at);
    for (const key of Object.keys(item)) {
      if (!EXCLUSION_FIELDS.has(key)) {
        return invalid(`Exclusions have no field "${key}".`, [...at, key]);
      }
    }
    const { code, kind, title, description, translations } = item;
    if (typeof code !== 'string' || !(CLAIM_REASON_CODES as readonly string[]).includes(code)) {
      return invalid(`"${String(code)}" is not a claim reason code.`, [...at, 'code']);
    }
    if (seen.has(code)) return invalid(`Exclusion ${code} is listed twice.`, [...at, 'code']);
    seen.add(code);
    // The kind follows from the code; versions stored before it existed leave it out.
    const expectedKind = exclusionKind(code as ClaimReasonCode);
    if (kind !== undefined && kind !== expectedKind) {
      return invalid(`${code} is of kind ${expectedKind}.`, [...at, 'kind']);
    }
    const wording = validateWording({ title, description }, at);
    if (!wording.ok) return wording;
    const translated = validateTranslations(translations ?? {}, [...at, 'translations']);
    if (!translated.ok) return translated;
    result.push({
      code: code as ClaimReasonCode,
      kind: expectedKind,
      ...wording.value,
      translations: translated.value,
    });
  }
  return ok(result);
}

function validateWording(
  value: Record<string, unknown>,
  at: string[],
): Result<ExclusionWording, 'INVALID_INPUT'> {
  const { title, description } = value;
  if (!isNonBlankString(title, 200)) {
    return invalid('An exclusion title must be 1 to 200 characters.', [...at, 'title']);
  }
  if (!isNonBlankString(description, 2000)) {
    return invalid('An exclusion description must be 1 to 2000 characters.', [
      ...at,
      'description',
    ]);
  }
  return ok({ title, description });
}

function validateTranslations(
  value: unknown,
  field: string[],
): Result<Record<string, ExclusionWording>, 'INVALID_INPUT'> {
  if (!isRecord(value)) return invalid('translations must be an object by language tag.', field);
  const result: Record<string, ExclusionWording> = {};
  for (const [tag, wording] of Object.entries(value)) {
    const at = [...field, tag];
    if (!LANGUAGE_TAG.test(tag)) return invalid(`"${tag}" is not a language tag like "zh-CN".`, at);
    if (
      !isRecord(wording) ||
      Object.keys(wording).some((k) => k !== 'title' && k !== 'description')
    ) {
      return invalid('A translation holds a title and a description only.', at);
    }
    const checked = validateWording(wording, at);
    if (!checked.ok) return checked;
    result[tag] = checked.value;
  }
  return ok(result);
}

/**
 * Checks an operator-published policy version (stored as JSON, so `unknown`) field by
 * field: version format, an ISO 4217 currency, every number an integer within sane bounds,
 * documents listed for every claim type, known and unique exclusion codes, and no unknown
 * fields (a misspelt field would otherwise silently keep its default elsewhere). Returns a
 * deep-frozen copy holding only the known fields. The first problem found is reported,
 * with its path in `field`.
 */
export function validatePolicy(input: unknown): Result<PolicyVersion, 'INVALID_INPUT'> {
  if (!isRecord(input)) return invalid('A policy version must be an object.', []);
  for (const key of Object.keys(input)) {
    if (!KNOWN_FIELDS.has(key)) return invalid(`Policies have no field "${key}".`, [key]);
  }
  const { version, currency } = input;
  if (typeof version !== 'string' || version.length > 64 || !VERSION_PATTERN.test(version)) {
    return invalid(
      'version must look like "2026-11" (optionally followed by a-z, 0-9, ".", "-").',
      ['version'],
    );
  }
  if (typeof currency !== 'string' || !Object.hasOwn(ISO_4217_CURRENCIES, currency)) {
    return invalid('currency must be an ISO 4217 code.', ['currency']);
  }
  const integers = {} as Record<IntegerField, number>;
  for (const [name, [min, maxBound]] of Object.entries(INTEGER_BOUNDS)) {
    const max = maxBound === 'amount' ? maxAmountMinor(currency) : maxBound;
    const value = input[name];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
      return invalid(`${name} must be an integer from ${min} to ${max}.`, [name]);
    }
    integers[name as IntegerField] = value;
  }
  const requiredDocuments = validateRequiredDocuments(input.requiredDocuments);
  if (!requiredDocuments.ok) return requiredDocuments;
  const exclusions = validateExclusions(input.exclusions);
  if (!exclusions.ok) return exclusions;
  return ok(
    deepFreeze({
      version,
      currency,
      ...integers,
      requiredDocuments: requiredDocuments.value,
      exclusions: exclusions.value,
    }),
  );
}
